import { randomUUID } from 'node:crypto'
import type { Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js'
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { SpanKind } from '@opentelemetry/api'
import express from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { instrument, traceBearerAuth } from '../src/index.js'
import { eventually, memoryTracing } from './support/tracing.js'
import { buildServer } from './support/v1-server.js'

const tracing = memoryTracing()
afterEach(() => tracing.reset())

const now = () => Math.floor(Date.now() / 1000)
const TOKENS: Record<string, () => object> = {
  good: () => ({
    clientId: 'claude',
    scopes: ['crm.read'],
    expiresAt: now() + 3600,
    extra: { sub: 'user-1' },
  }),
  noscope: () => ({
    clientId: 'cursor',
    scopes: ['profile'],
    expiresAt: now() + 3600,
    extra: { sub: 'user-2' },
  }),
  expired: () => ({
    clientId: 'old-app',
    scopes: ['crm.read'],
    expiresAt: now() - 60,
    extra: { sub: 'user-3' },
  }),
}
const verifier = {
  async verifyAccessToken(token: string) {
    const info = TOKENS[token]
    if (info === undefined) throw new InvalidTokenError('Invalid token')
    return { token, ...info() } as never
  },
}

let http: HttpServer
let base: string

beforeAll(async () => {
  const app = express()
  app.use(express.json())
  const requireAuth = traceBearerAuth(requireBearerAuth, {
    serverName: 'crm-server',
    resourceUrl: 'https://crm.example/mcp',
    tracerProvider: tracing.provider,
  })
  app.use('/mcp', requireAuth({ verifier, requiredScopes: ['crm.read'] }))
  app.use('/stateless', requireAuth({ verifier }))

  const sessions = new Map<string, StreamableHTTPServerTransport>()
  app.all('/mcp', async (req, res) => {
    const id = req.headers['mcp-session-id']
    let transport = typeof id === 'string' ? sessions.get(id) : undefined
    if (transport === undefined) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sessionId) => {
          sessions.set(sessionId, transport as StreamableHTTPServerTransport)
        },
      })
      await instrument(buildServer({}), { tracerProvider: tracing.provider }).connect(transport)
    }
    await transport.handleRequest(req, res, req.body)
  })
  app.post('/stateless', async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })
    await instrument(buildServer({}), { tracerProvider: tracing.provider }).connect(transport)
    await transport.handleRequest(req, res, req.body)
  })
  http = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => http.once('listening', resolve))
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
})

afterAll(() => {
  http?.close()
})

async function connectHttp(path: string, token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}${path}`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  })
  const client = new Client({ name: 'http-agent', version: '2' })
  await client.connect(transport)
  return client
}

const serverSpans = (name: string) =>
  tracing.spans().filter((s) => s.name === name && s.kind === SpanKind.SERVER)

describe('Streamable HTTP, stateful', () => {
  it('records the MCP session id, the transport and the caller of every request', async () => {
    const client = await connectHttp('/mcp', 'good')
    await client.callTool({ name: 'search_accounts', arguments: { query: 'a' } })
    await client.callTool({ name: 'search_accounts', arguments: { query: 'b' } })
    await eventually(() => serverSpans('tools/call search_accounts').length === 2)
    const [first, second] = serverSpans('tools/call search_accounts')
    expect(first?.attributes).toMatchObject({
      'mcp.session.id': client.transport?.sessionId,
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'tollgate.user.id': 'user-1',
      'tollgate.oauth.client_id': 'claude',
      'tollgate.authz.outcome': 'allowed',
    })
    expect(first?.attributes['tollgate.session.id']).toBeUndefined()
    expect(second?.attributes['tollgate.session.step']).toBe(
      Number(first?.attributes['tollgate.session.step']) + 1,
    )
    await client.close()
  })
})

describe('Streamable HTTP, stateless', () => {
  it('records each request with the SDK’s own session id', async () => {
    const client = await connectHttp('/stateless', 'good')
    await client.callTool({ name: 'search_accounts', arguments: { query: 'a' } })
    await eventually(() => serverSpans('tools/call search_accounts').length === 1)
    const [span] = serverSpans('tools/call search_accounts')
    expect(span?.attributes['mcp.session.id']).toBeUndefined()
    expect(span?.attributes['tollgate.session.id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(span?.attributes['tollgate.user.id']).toBe('user-1')
  })
})

describe('traceBearerAuth()', () => {
  const post = (token: string | undefined) =>
    fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })

  it.each([
    [undefined, 401, 'missing_token', undefined],
    ['bogus', 401, 'invalid_token', undefined],
    ['expired', 401, 'expired_token', 'old-app'],
    ['noscope', 403, 'insufficient_scope', 'cursor'],
  ])('records a request with token %s refused with %i as %s', async (token, status, reason, clientId) => {
    const response = await post(token)
    expect(response.status).toBe(status)
    await eventually(() => tracing.spans().some((s) => s.name === 'tollgate.auth.refused'))
    const [span] = tracing.spans().filter((s) => s.name === 'tollgate.auth.refused')
    expect(span?.kind).toBe(SpanKind.SERVER)
    expect(span?.attributes).toMatchObject({
      'tollgate.authz.outcome': 'denied',
      'tollgate.authz.denial_source': 'auth',
      'http.response.status_code': status,
      'tollgate.auth.refusal_reason': reason,
      'tollgate.server.name': 'crm-server',
    })
    expect(span?.attributes['tollgate.oauth.client_id']).toBe(clientId)
    if (reason === 'insufficient_scope') {
      expect(span?.attributes['tollgate.auth.required_scopes']).toEqual(['crm.read'])
      expect(span?.attributes['tollgate.oauth.scopes']).toEqual(['profile'])
    }
    expect(span?.events.map((e) => [e.name, e.attributes?.['tollgate.denial.action']])).toEqual([
      ['tollgate.denial', 'connect'],
    ])
    expect(JSON.stringify(span?.attributes)).not.toContain('bogus')
  })

  it('records nothing for a request it lets through', async () => {
    const client = await connectHttp('/mcp', 'good')
    await client.listTools()
    await eventually(() => serverSpans('tools/list').length === 1)
    expect(tracing.spans().filter((s) => s.name === 'tollgate.auth.refused')).toEqual([])
    await client.close()
  })
})
