/**
 * `pnpm bench:sdk` — what @tollgate/sdk costs a server: `tools/call` round trips over the MCP
 * SDK's InMemoryTransport, bare vs instrumented (capture + redaction on, batch export over
 * OTLP/HTTP protobuf to a local sink), with a minimal hand-written OTel span as a reference.
 * Variants run interleaved in one process; the figure is the median per-call time of each and
 * its ratio to bare. Target (DESIGN.md): instrumented ÷ bare ≤ 1.5×.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { instrument, provenance } from '@tollgate/sdk'
import { z } from 'zod'

const CALLS = Number(process.env.BENCH_CALLS ?? 2000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)

type Wrap = <T>(name: string, run: () => Promise<T>) => Promise<T>

function buildServer(wrap: Wrap | undefined, withProvenance: boolean): McpServer {
  const server = new McpServer({ name: 'bench', version: '1.0.0' })
  server.registerTool(
    'search_accounts',
    {
      description: 'Search CRM accounts',
      inputSchema: { query: z.string(), limit: z.number(), api_key: z.string().optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ query, limit }) => {
      const run = async () => {
        if (withProvenance) provenance({ source: 'crm', uri: 'crm:accounts/42' })
        return {
          content: [
            {
              type: 'text' as const,
              text: `Found ${limit} accounts matching ${query}: Acme Corp (gold, renewal 2027-01-01), Globex (silver), Initech (bronze).`,
            },
          ],
        }
      }
      return wrap === undefined ? run() : wrap('search_accounts', run)
    },
  )
  return server
}

async function connect(server: McpServer): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
  await server.connect(serverTransport)
  const client = new Client({ name: 'bench-agent', version: '1.0.0' })
  await client.connect(clientTransport)
  return client
}

/** A local OTLP sink: accepts every export, so batch export costs what it costs in production. */
async function startSink(): Promise<{ url: string; close: () => void; bytes: () => number }> {
  let bytes = 0
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/v1/traces`, close: () => server.close(), bytes: () => bytes }
}

async function timeCalls(client: Client, calls: number): Promise<number> {
  const args = { query: 'acme', limit: 3, api_key: 'sk-live-0123456789abcdef' }
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) await client.callTool({ name: 'search_accounts', arguments: args })
  return Number(process.hrtime.bigint() - start) / 1000 / calls
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

async function main(): Promise<void> {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  const sink = await startSink()
  const provider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: sink.url }) })],
  })
  const tracer = provider.getTracer('hand-written')
  const handWritten: Wrap = (name, run) =>
    tracer.startActiveSpan(`tools/call ${name}`, async (span) => {
      try {
        return await run()
      } finally {
        span.end()
      }
    })
  const variants = {
    bare: await connect(buildServer(undefined, false)),
    'hand-written span': await connect(buildServer(handWritten, false)),
    tollgate: await connect(instrument(buildServer(undefined, false), { tracerProvider: provider })),
    'tollgate + provenance': await connect(
      instrument(buildServer(undefined, true), { tracerProvider: provider }),
    ),
  }
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]))
  for (const client of Object.values(variants)) await timeCalls(client, 200) // warm up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, client] of Object.entries(variants)) samples[name]?.push(await timeCalls(client, CALLS))
  }
  await provider.forceFlush()
  const bare = median(samples.bare ?? [])
  console.log(`tools/call round trip, InMemoryTransport, ${ROUNDS} rounds × ${CALLS} calls (median per call)`)
  for (const [name, values] of Object.entries(samples)) {
    const us = median(values)
    console.log(`  ${name.padEnd(24)} ${us.toFixed(1).padStart(7)} µs   ${(us / bare).toFixed(2)}× bare`)
  }
  console.log(`  exported ${(sink.bytes() / 1024 / 1024).toFixed(1)} MiB of OTLP protobuf to the sink`)
  console.log('target: tollgate ≤ 1.5× bare')
  await provider.shutdown()
  sink.close()
  for (const client of Object.values(variants)) await client.close()
}

await main()
