import { SpanKind } from '@opentelemetry/api'
import { Client } from 'mcp-sdk-1-9/client/index.js'
import { InMemoryTransport } from 'mcp-sdk-1-9/inMemory.js'
import { McpServer } from 'mcp-sdk-1-9/server/mcp.js'
import { describe, expect, it } from 'vitest'
import { z } from 'zod-v3'
import { deny, instrument } from '../src/index.js'
import { eventually, memoryTracing } from './support/tracing.js'

describe('instrument() on @modelcontextprotocol/sdk 1.9, the oldest supported version', () => {
  it('traces tool calls and denials', async () => {
    const tracing = memoryTracing()
    const server = new McpServer({ name: 'old-server', version: '0.9.0' })
    server.tool('read', { id: z.string() }, async ({ id }) => {
      if (id === 'secret') deny({ resource: id, action: 'read', reason: 'no' })
      return { content: [{ type: 'text' as const, text: id }] }
    })
    instrument(server, { tracerProvider: tracing.provider })
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
    await server.connect(serverTransport)
    const client = new Client({ name: 'old-client', version: '0.9.0' })
    await client.connect(clientTransport)
    expect(await client.callTool({ name: 'read', arguments: { id: 'a' } })).toEqual({
      content: [{ type: 'text', text: 'a' }],
    })
    await client.callTool({ name: 'read', arguments: { id: 'secret' } })
    await eventually(() => tracing.spans().filter((s) => s.name === 'tools/call read').length === 2)
    const [allowed, denied] = tracing
      .spans()
      .filter((s) => s.name === 'tools/call read' && s.kind === SpanKind.SERVER)
    expect(allowed?.attributes).toMatchObject({
      'tollgate.server.name': 'old-server',
      'tollgate.client.name': 'old-client',
    })
    expect(denied?.attributes['tollgate.authz.outcome']).toBe('denied')
  })
})
