/**
 * The harness every `bench:sdk` process runs: the same tool, the same client, the same timing.
 * Variants of one process run interleaved, round by round, so drift (CPU frequency, GC, other
 * load) hits them alike; each process measures its own bare, and ratios never cross processes.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'

/** Wraps the tool's work, e.g. in a hand-written span. */
export type Wrap = <T>(name: string, run: () => Promise<T>) => Promise<T>

export interface Variant {
  name: string
  client: Client
  /** Counts toward "lowest of the peers". */
  peer?: boolean
  /** Path key its exports land under at the sink; unset = exports nothing. */
  sinkKey?: string
  /** Pays the variant's deferred export work inside its round. */
  flush?: () => Promise<void>
}

export interface Group {
  variants: Variant[]
  /** "n/a: <reason>" lines for what does not apply in this setup. */
  notes: string[]
  close: () => Promise<void>
}

export interface GroupOptions {
  /** Base URL of the loopback collector. */
  sink: string
  /** BatchSpanProcessor queue: a whole round fits, so nothing is dropped between flushes. */
  queueSize: number
}

/** What a process reports over IPC. */
export interface GroupResult {
  group: string
  callsPerVariant: number
  results: { name: string; peer: boolean; sinkKey?: string; samples: number[]; pathSamples: number[] }[]
  notes: string[]
}

export const TOOL = 'search_accounts'
const description = 'Search CRM accounts'
const inputSchema = { query: z.string(), limit: z.number(), api_key: z.string().optional() }
const annotations = { readOnlyHint: true }

function answer(query: string, limit: number) {
  const text = `Found ${limit} accounts matching ${query}: Acme Corp (gold, renewal 2027-01-01), Globex (silver), Initech (bronze).`
  return { content: [{ type: 'text' as const, text }] }
}

/**
 * The bench server. `legacyTool` registers through the deprecated `server.tool(…)`, which is the
 * only registration shinzolabs wraps; both paths end in the same registered-tool table.
 */
export function buildServer(
  opts: { wrap?: Wrap; before?: () => void; legacyTool?: boolean; setup?: (s: McpServer) => void } = {},
): McpServer {
  const server = new McpServer({ name: 'bench', version: '1.0.0' })
  opts.setup?.(server)
  const handler = async ({ query, limit }: { query: string; limit: number }) => {
    const run = async () => {
      opts.before?.()
      return answer(query, limit)
    }
    return opts.wrap === undefined ? run() : opts.wrap(TOOL, run)
  }
  if (opts.legacyTool) server.tool(TOOL, description, inputSchema, annotations, handler)
  else server.registerTool(TOOL, { description, inputSchema, annotations }, handler)
  return server
}

export async function connect(
  server: McpServer,
  client = new Client({ name: 'bench-agent', version: '1.0.0' }),
) {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
  await server.connect(serverTransport)
  await client.connect(clientTransport)
  return client
}

const args = { query: 'acme', limit: 3, api_key: 'sk-live-0123456789abcdef' }

/**
 * µs per call of one round, two ways. `path`: the calls alone, what a client waits for (the
 * design's round-trip figure). `total`: the round then drains the event loop and flushes, so
 * the work a variant defers past the response (its own finishing work, batch export,
 * serialisation, HTTP) is paid inside its own round too: the CPU cost per call.
 */
async function timeRound(variant: Variant, calls: number): Promise<{ path: number; total: number }> {
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) await variant.client.callTool({ name: TOOL, arguments: args })
  const path = Number(process.hrtime.bigint() - start) / 1000 / calls
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
  await variant.flush?.()
  return { path, total: Number(process.hrtime.bigint() - start) / 1000 / calls }
}

export async function runGroup(group: Group, rounds: number, calls: number, warmup: number) {
  const samples = new Map<Variant, { path: number; total: number }[]>(group.variants.map((v) => [v, []]))
  for (const variant of group.variants) await timeRound(variant, warmup)
  for (let round = 0; round < rounds; round++) {
    for (const variant of group.variants) samples.get(variant)?.push(await timeRound(variant, calls))
  }
  return group.variants.map((v) => ({
    name: v.name,
    peer: v.peer === true,
    ...(v.sinkKey === undefined ? {} : { sinkKey: v.sinkKey }),
    samples: (samples.get(v) ?? []).map((s) => s.total),
    pathSamples: (samples.get(v) ?? []).map((s) => s.path),
  }))
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
