/**
 * The bench's HTTP clients, on a worker thread so their CPU does not share the app's event
 * loop: `concurrency` closed-loop clients over keep-alive connections (an undici `Pool` per
 * app), each sending its next request when the previous answer has been read.
 */
import { performance } from 'node:perf_hooks'
import { parentPort } from 'node:worker_threads'
import { Pool } from 'undici'

/** One measurement: POST `body` to `origin`/graphql for `durationMs`. */
export interface LoadRequest {
  kind: 'run'
  origin: string
  body: string
  headers: Record<string, string>
  concurrency: number
  durationMs: number
}

/** What a measurement saw: answers, failures (non-200 or GraphQL errors), wall time, each latency. */
export interface LoadResult {
  completed: number
  failed: number
  firstFailure: string | undefined
  elapsedMs: number
  latenciesMs: Float64Array<ArrayBuffer>
}

const pools = new Map<string, Pool>()

function poolFor(origin: string, connections: number): Pool {
  let pool = pools.get(origin)
  if (pool === undefined) {
    pool = new Pool(origin, { connections, pipelining: 1 })
    pools.set(origin, pool)
  }
  return pool
}

async function run(request: LoadRequest): Promise<LoadResult> {
  const pool = poolFor(request.origin, request.concurrency)
  const headers = { 'content-type': 'application/json', ...request.headers }
  const latencies: number[] = []
  let failed = 0
  let firstFailure: string | undefined
  const started = performance.now()
  const deadline = started + request.durationMs
  const client = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now()
      const response = await pool.request({ path: '/graphql', method: 'POST', headers, body: request.body })
      const text = await response.body.text()
      latencies.push(performance.now() - sent)
      if (response.statusCode !== 200 || text.includes('"errors":[')) {
        failed++
        firstFailure ??= `${response.statusCode} ${text.slice(0, 300)}`
      }
    }
  }
  await Promise.all(Array.from({ length: request.concurrency }, client))
  return {
    completed: latencies.length,
    failed,
    firstFailure,
    elapsedMs: performance.now() - started,
    latenciesMs: Float64Array.from(latencies),
  }
}

parentPort?.on('message', async (message: LoadRequest | { kind: 'close' }) => {
  if (message.kind === 'close') {
    await Promise.all([...pools.values()].map((pool) => pool.close()))
    parentPort?.close()
    return
  }
  const result = await run(message)
  parentPort?.postMessage(result, [result.latenciesMs.buffer])
})
