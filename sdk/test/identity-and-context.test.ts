import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { afterEach, describe, expect, it } from 'vitest'
import { type InstrumentOptions, instrument } from '../src/index.js'
import { eventually, memoryTracing, onlySpan } from './support/tracing.js'
import { buildServer } from './support/v1-server.js'

const tracing = memoryTracing()
afterEach(() => tracing.reset())

const AUTH = {
  token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl',
  clientId: 'claude-desktop',
  scopes: ['crm.read', 'crm.write'],
  expiresAt: 1_800_000_000,
  resource: new URL('https://crm.example/mcp'),
  extra: { sub: 'user-1', azp: 'agent-7', tenant: 'acme' },
}

/** Connects with every client message carrying `authInfo`, as a bearer-auth layer would add it. */
async function connectAs(server: McpServer, authInfo: object | undefined): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
  const send = clientTransport.send.bind(clientTransport)
  clientTransport.send = (message, options) => send(message, { ...options, authInfo } as never)
  await server.connect(serverTransport)
  const client = new Client({ name: 'agent', version: '1' })
  await client.connect(clientTransport)
  return client
}

function instrumented(options: InstrumentOptions = {}): McpServer {
  return instrument(buildServer({}), { tracerProvider: tracing.provider, ...options })
}

describe('identity from authInfo', () => {
  it('records user, agent, tenant, client id, scopes, expiry and the audience match; never the token', async () => {
    const client = await connectAs(instrumented({ resourceUrl: 'https://crm.example/mcp/' }), AUTH)
    await client.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call search_accounts'))
    const span = onlySpan(tracing.spans(), 'tools/call search_accounts')
    expect(span.attributes).toMatchObject({
      'tollgate.user.id': 'user-1',
      'tollgate.agent.id': 'agent-7',
      'tollgate.tenant': 'acme',
      'tollgate.oauth.client_id': 'claude-desktop',
      'tollgate.oauth.scopes': ['crm.read', 'crm.write'],
      'tollgate.token.audience': 'https://crm.example/mcp',
      'tollgate.token.audience_match': true,
      'tollgate.token.expires_at': '2027-01-15T08:00:00.000Z',
      'tollgate.authz.outcome': 'allowed',
    })
    expect(JSON.stringify(span.attributes)).not.toContain(AUTH.token)
  })

  it('marks a token minted for another server as an audience mismatch', async () => {
    const client = await connectAs(instrumented({ resourceUrl: 'https://billing.example/mcp' }), AUTH)
    await client.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call search_accounts'))
    expect(
      onlySpan(tracing.spans(), 'tools/call search_accounts').attributes['tollgate.token.audience_match'],
    ).toBe(false)
  })

  it('lets identify() override the claims, and survives it throwing', async () => {
    const client = await connectAs(instrumented({ identify: () => ({ userId: 'resolved-user' }) }), AUTH)
    await client.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    const throwing = await connectAs(
      instrumented({
        identify: () => {
          throw new Error('directory down')
        },
      }),
      AUTH,
    )
    const result = await throwing.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    expect(result.isError).toBeFalsy()
    await eventually(
      () => tracing.spans().filter((s) => s.name === 'tools/call search_accounts').length === 2,
    )
    const [resolved, fallback] = tracing.spans().filter((s) => s.name === 'tools/call search_accounts')
    expect(resolved?.attributes['tollgate.user.id']).toBe('resolved-user')
    expect(resolved?.attributes['tollgate.agent.id']).toBe('agent-7')
    expect(fallback?.attributes['tollgate.user.id']).toBe('user-1')
  })

  it('sets no identity and no authorization outcome on an unauthenticated call', async () => {
    const client = await connectAs(instrumented(), undefined)
    await client.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call search_accounts'))
    const keys = Object.keys(onlySpan(tracing.spans(), 'tools/call search_accounts').attributes)
    expect(keys.filter((k) => /^tollgate\.(user|agent|oauth|token|authz)\./.test(k))).toEqual([])
  })
})

describe('trace context in params._meta', () => {
  it('parents the server span on the traceparent the client sent', async () => {
    const client = await connectAs(instrumented(), undefined)
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736'
    await client.callTool({
      name: 'search_accounts',
      arguments: { query: 'q' },
      _meta: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    })
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call search_accounts'))
    const span = onlySpan(tracing.spans(), 'tools/call search_accounts')
    expect(span.spanContext().traceId).toBe(traceId)
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7')
    expect(span.attributes['tollgate.input.value']).toBeUndefined()
  })
})

describe('cancellation', () => {
  it('ends the span of a request the client cancelled, as cancelled', async () => {
    const server = instrumented()
    let release: () => void = () => {}
    server.registerTool('slow', { description: 'waits' }, async () => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return { content: [] }
    })
    const client = await connectAs(server, undefined)
    const controller = new AbortController()
    const pending = client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort('user pressed stop')
    await expect(pending).rejects.toThrow()
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call slow'))
    const span = onlySpan(tracing.spans(), 'tools/call slow')
    expect(span.attributes['error.type']).toBe('cancelled')
    expect(span.events.map((e) => e.name)).toContain('notifications/cancelled')
    release()
  })
})

/** An instrumented client connected to `server`. */
async function instrumentedClientOf(server: McpServer): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
  await server.connect(serverTransport)
  const client = instrument(new Client({ name: 'agent', version: '1' }), { tracerProvider: tracing.provider })
  await client.connect(clientTransport)
  return client
}

describe('client side', () => {
  it('makes a CLIENT span per request and carries its context to the server span', async () => {
    const client = await instrumentedClientOf(instrumented())
    const request = { name: 'search_accounts', arguments: { query: 'q' } }
    await client.callTool(request)
    expect(request).toEqual({ name: 'search_accounts', arguments: { query: 'q' } })
    await eventually(
      () => tracing.spans().filter((s) => s.name === 'tools/call search_accounts').length === 2,
    )
    const [serverSpan, clientSpan] = ['SERVER', 'CLIENT'].map((kind) =>
      tracing.spans().find((s) => s.name === 'tools/call search_accounts' && SpanKind[s.kind] === kind),
    )
    expect(clientSpan?.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'search_accounts',
      'tollgate.server.name': 'crm-server',
      'tollgate.client.name': 'agent',
    })
    expect(serverSpan?.spanContext().traceId).toBe(clientSpan?.spanContext().traceId)
    expect(serverSpan?.parentSpanContext?.spanId).toBe(clientSpan?.spanContext().spanId)
  })

  it('records a JSON-RPC error the server answered on the client span', async () => {
    const client = await instrumentedClientOf(instrumented())
    await expect(client.getPrompt({ name: 'missing' })).rejects.toThrow()
    await eventually(() => tracing.spans().filter((s) => s.name === 'prompts/get missing').length === 2)
    const clientSpan = tracing
      .spans()
      .find((s) => s.name === 'prompts/get missing' && s.kind === SpanKind.CLIENT)
    expect(clientSpan?.attributes['error.type']).toMatch(/^-32\d{3}$/)
    expect(clientSpan?.status.code).toBe(SpanStatusCode.ERROR)
  })
})
