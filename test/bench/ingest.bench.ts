/**
 * `pnpm bench:ingest` — OTLP protobuf ingest throughput, three figures in one run:
 *  1. end to end: spans/s from a separate load-generator process to committed rows
 *     in the embedded engine;
 *  2. collector CPU: spans per CPU-second of the collector process with the engine
 *     excluded (a sink that encodes every insert exactly as for the engine, then drops it);
 *  3. baseline: a raw `@clickhouse/client` JSONEachRow insert of the same rows, and the
 *     end-to-end figure as a ratio of it.
 * Targets (DESIGN.md): ≥ 50k spans/s, ≥ 150k spans per CPU-second, ≥ 0.7×.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createOtlpReceiver,
  DEFAULT_LIMITS,
  decodeExport,
  IngestKeyStore,
  type Logger,
  mapSpans,
  openStorage,
  runMigrations,
  type Storage,
  validate,
} from '@tollgate/collector'
import { Registry } from 'prom-client'
import { buildMcpRequests } from './mcp-requests'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400)
const SPANS_PER_REQUEST = Number(process.env.BENCH_SPANS_PER_REQUEST ?? 500)
// A throughput figure needs enough load in flight to keep batches full: with fewer exporters
// (8 × 500 spans) every flush waits out the batching delay and the figure measures latency.
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const TOTAL = REQUESTS * SPANS_PER_REQUEST
const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} }
const LIMITS = DEFAULT_LIMITS

/** Runs the load generator against `url`; returns wall ms and the collector's CPU ms meanwhile. */
async function drive(url: string, key: string): Promise<{ wallMs: number; cpuMs: number }> {
  const child = fork(
    fileURLToPath(new URL('./load-generator.ts', import.meta.url)),
    [url, key, String(REQUESTS), String(SPANS_PER_REQUEST), String(CONCURRENCY)],
    { execArgv: ['--import', 'tsx'] },
  )
  await new Promise<void>((resolve) => child.once('message', () => resolve()))
  const cpu = process.cpuUsage()
  child.send('go')
  const done = (await new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)))
  })) as { elapsedMs: number }
  const used = process.cpuUsage(cpu)
  return { wallMs: done.elapsedMs, cpuMs: (used.user + used.system) / 1000 }
}

async function withReceiver<T>(
  storage: Storage,
  keyStorage: Storage,
  run: (url: string, key: string) => Promise<T>,
): Promise<T> {
  const keys = new IngestKeyStore(keyStorage)
  const { key } = await keys.create('bench', 'bench')
  const receiver = createOtlpReceiver({
    host: '127.0.0.1',
    port: 0,
    storage,
    keys,
    logger: quiet,
    registry: new Registry(),
    limits: LIMITS,
    body: { maxBodyBytes: 16 << 20, maxDecompressedBytes: 64 << 20 },
    batch: { maxRows: 20_000, maxDelayMs: 200, maxQueueBytes: 256 << 20 },
  })
  const { port } = await receiver.listen()
  try {
    return await run(`http://127.0.0.1:${port}/v1/traces`, key)
  } finally {
    await receiver.close()
  }
}

/** Storage whose inserts are encoded exactly as for the engine, then dropped: the engine excluded. */
function sinkStorage(real: Storage): Storage {
  return { ...real, insertEncoded: async () => {} }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'))
  const storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database: 'bench' })
  try {
    await runMigrations(storage)
    console.log(
      `ingest bench: ${REQUESTS} requests × ${SPANS_PER_REQUEST} MCP spans (protobuf), concurrency ${CONCURRENCY}`,
    )

    // The sink phase runs first: process CPU time counts every thread, and the engine's
    // background merges of the end-to-end phase's parts would otherwise be billed to the collector.
    const sink = await withReceiver(sinkStorage(storage), storage, drive)
    const perCpuSecond = TOTAL / (sink.cpuMs / 1000)

    const e2e = await withReceiver(storage, storage, drive)
    const stored = await count(storage, 'spans')
    if (stored !== TOTAL) throw new Error(`expected ${TOTAL} stored spans, found ${stored}`)
    const e2eRate = TOTAL / (e2e.wallMs / 1000)

    // The baseline writes into its own database with the same schema (materialized views included).
    const raw = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database: 'bench_raw' })
    await runMigrations(raw)
    const baseline = await rawInsertBaseline(raw)

    const row = (name: string, value: string, target: string, ratio: string) =>
      console.log(`${name.padEnd(44)} ${value.padStart(14)}   target ${target.padEnd(10)} ${ratio}`)
    row(
      'end to end, embedded engine (spans/s)',
      fmt(e2eRate),
      '≥ 50,000',
      `${(e2eRate / 50_000).toFixed(2)}× target`,
    )
    row(
      'collector, engine excluded (spans/CPU-s)',
      fmt(perCpuSecond),
      '≥ 150,000',
      `${(perCpuSecond / 150_000).toFixed(2)}× target`,
    )
    row('baseline: raw client insert (spans/s)', fmt(baseline), '', '')
    row('end to end ÷ raw insert', `${(e2eRate / baseline).toFixed(2)}×`, '≥ 0.7×', '')
  } finally {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The same rows the collector writes (spans + mcp_calls + events), inserted with the plain client API. */
async function rawInsertBaseline(storage: Storage): Promise<number> {
  const batches = { spans: [] as object[], mcp_calls: [] as object[], mcp_events: [] as object[] }
  for (const body of buildMcpRequests(REQUESTS, SPANS_PER_REQUEST)) {
    const rows = mapSpans('bench', validate(decodeExport('protobuf', Buffer.from(body)), LIMITS).accepted)
    batches.spans.push(...rows.spans)
    batches.mcp_calls.push(...rows.mcp_calls)
    batches.mcp_events.push(...rows.mcp_events)
  }
  const started = performance.now()
  for (const table of ['spans', 'mcp_calls', 'mcp_events'] as const) {
    const rows = batches[table]
    for (let i = 0; i < rows.length; i += 20_000) {
      await storage.client.insert({
        table: `${storage.database}.${table}`,
        values: rows.slice(i, i + 20_000),
        format: 'JSONEachRow',
      })
    }
  }
  const seconds = (performance.now() - started) / 1000
  const stored = await count(storage, 'spans')
  if (stored !== TOTAL) throw new Error(`baseline stored ${stored} of ${TOTAL}`)
  return TOTAL / seconds
}

async function count(storage: Storage, table: string): Promise<number> {
  const rs = await storage.client.query({
    query: `SELECT count() AS n FROM ${storage.database}.${table}`,
    format: 'JSONEachRow',
  })
  return Number(((await rs.json()) as { n: string }[])[0]!.n)
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

await main()
