import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { approval, instrument, provenance } from '../src/index.js'
import { drained, memoryTracing } from './support/tracing.js'

// Assembled at run time so secret scanners do not flag this file.
const SECRETS = {
  password: ['hunter2', 'correct-horse-battery'].join('-'),
  jwt: [
    'eyJhbGciOiJSUzI1NiJ9',
    'eyJzdWIiOiJ1c2VyLTEiLCJzY29wZSI6ImNybSJ9',
    'c2lnbmF0dXJlLXNpZ25hdHVyZQ',
  ].join('.'),
  bearer: ['Bearer', 'abcdefghijklmnopqrstuvwxyz012345'].join(' '),
  aws: ['AKIA', 'IOSFODNN7EXAMPLE'].join(''),
  github: ['ghp_', 'a'.repeat(36)].join(''),
  openai: ['sk-proj-', 'Abc123def456ghi789jkl012mno345'].join(''),
  card: ['4111', '1111', '1111', '1111'].join(' '),
  pem: ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '-----END PRIVATE KEY-----'].join(
    '\n',
  ),
  cookie: ['session', 'Zm9vYmFyYmF6cXV4c2VjcmV0'].join('='),
  authToken: ['opaque', 'access', 'token', '7f3a9c'].join('-'),
}

let sink: Server
const received: Buffer[] = []

beforeAll(async () => {
  sink = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push(Buffer.concat(chunks))
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
    })
  })
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve))
})

afterAll(() => {
  sink?.close()
})

describe('secrets corpus', () => {
  it('exports none of the secrets placed in arguments, results, _meta, approvals, provenance and auth info', async () => {
    memoryTracing() // async context for the handler helpers
    const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/v1/traces`
    const provider = new TracerProvider({
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) })],
    })
    const server = instrument(new McpServer({ name: 'vault', version: '1' }), { tracerProvider: provider })
    server.registerTool(
      'store',
      { inputSchema: { payload: z.record(z.string(), z.unknown()) } },
      async () => {
        provenance({ source: 'db', uri: 'db:users/1', filter: `password = '${SECRETS.password}'` })
        approval({ approvedBy: 'ops', approvalId: 'a-1', shownParameters: { api_key: SECRETS.openai } })
        return {
          content: [
            {
              type: 'text' as const,
              text: `stored. key=${SECRETS.openai} auth=${SECRETS.bearer}\n${SECRETS.pem}`,
            },
            { type: 'text' as const, text: `card on file: ${SECRETS.card}, aws ${SECRETS.aws}` },
          ],
        }
      },
    )
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
    const send = clientTransport.send.bind(clientTransport)
    const authInfo = { token: SECRETS.authToken, clientId: 'c', scopes: ['s'], extra: { sub: 'u' } }
    clientTransport.send = (message, options) => send(message, { ...options, authInfo } as never)
    await server.connect(serverTransport)
    const client = new Client({ name: 'agent', version: '1' })
    await client.connect(clientTransport)
    await client.callTool({
      name: 'store',
      arguments: {
        payload: {
          password: SECRETS.password,
          note: `use ${SECRETS.jwt} for the API`,
          headers: { authorization: SECRETS.bearer, cookie: SECRETS.cookie },
          github: SECRETS.github,
          nested: [{ card: SECRETS.card }],
        },
      },
      _meta: { authorization: SECRETS.bearer, cookie: SECRETS.cookie, traceparent: 'x' },
    })
    await drained()
    await provider.forceFlush()
    const exported = Buffer.concat(received)
    expect(exported.length).toBeGreaterThan(500)
    // The payloads were exported (redacted), so the absence below means redaction, not capture off.
    expect(exported.includes('[REDACTED:')).toBe(true)
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(exported.includes(secret), `${name} leaked`).toBe(false)
    }
    await provider.shutdown()
  })
})
