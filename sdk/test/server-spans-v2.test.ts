import { Client } from '@modelcontextprotocol/client'
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { deny, instrument, provenance } from '../src/index.js'
import { eventually, memoryTracing, onlySpan } from './support/tracing.js'

const tracing = memoryTracing()
afterEach(() => tracing.reset())

function buildServer(runs: { count: number }): McpServer {
  const server = new McpServer({ name: 'docs-server', version: '2.0.0' })
  server.registerTool(
    'read_doc',
    {
      description: 'Read a document',
      inputSchema: z.object({ id: z.string() }),
      annotations: { readOnlyHint: true },
    },
    async ({ id }) => {
      runs.count += 1
      if (id === 'secret') deny({ resource: `docs:${id}`, action: 'read', reason: 'classified' })
      else provenance({ source: 'docs', uri: `docs:${id}` })
      return { content: [{ type: 'text' as const, text: id === 'secret' ? 'no' : `doc ${id}` }] }
    },
  )
  return server
}

async function connect(server: McpServer): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
  await server.connect(serverTransport)
  const client = new Client({ name: 'agent-v2', version: '0.0.1' })
  await client.connect(clientTransport)
  return client
}

describe('instrument() on an McpServer of @modelcontextprotocol/server 2.x', () => {
  it('records tool calls, provenance and denials the same way as on 1.x', async () => {
    const runs = { count: 0 }
    const client = await connect(instrument(buildServer(runs), { tracerProvider: tracing.provider }))
    await client.callTool({ name: 'read_doc', arguments: { id: 'a' } })
    await client.callTool({ name: 'read_doc', arguments: { id: 'secret' } })
    expect(runs.count).toBe(2)
    await eventually(() => tracing.spans().filter((s) => s.name === 'tools/call read_doc').length === 2)
    const [allowed, denied] = tracing.spans().filter((s) => s.name === 'tools/call read_doc')
    expect(allowed?.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'read_doc',
      'tollgate.server.name': 'docs-server',
      'tollgate.side_effect': 'read',
    })
    expect(allowed?.events.find((e) => e.name === 'tollgate.provenance')?.attributes).toEqual({
      'tollgate.provenance.source': 'docs',
      'tollgate.provenance.uri': 'docs:a',
    })
    expect(denied?.attributes['tollgate.authz.outcome']).toBe('denied')
    expect(denied?.attributes['tollgate.authz.denial_source']).toBe('explicit')
  })

  it('gives the client the same result as an uninstrumented server', async () => {
    const bare = await connect(buildServer({ count: 0 }))
    const instrumented = await connect(
      instrument(buildServer({ count: 0 }), { tracerProvider: tracing.provider }),
    )
    const call = { name: 'read_doc', arguments: { id: 'b' } }
    expect(await instrumented.callTool(call)).toEqual(await bare.callTool(call))
    expect(await instrumented.listTools()).toEqual(await bare.listTools())
    await eventually(() => tracing.spans().length > 0)
    expect(onlySpan(tracing.spans(), 'tools/list').events.length).toBe(1)
  })
})
