/**
 * `pnpm bench:graphql` — which GraphQL driver for the api: Mercurius or Apollo, measured.
 *
 * Two Nest 11 Fastify apps differ only in the driver (`@nestjs/mercurius` as the api wires it,
 * `@nestjs/apollo` on `@as-integrations/fastify`); both serve the api's real `OverviewModule`
 * (resolver + repository), its bearer-token context and error filter, over one embedded engine
 * seeded with a day of `mcp_calls`. Over loopback HTTP, it measures requests/s and p50/p95 for
 *  1. `benchPing`: no engine, no token: the driver's own cost (plus Fastify's and Nest's, equal);
 *  2. `overview` over 1 hour and over 1 day: the real query, token checked, engine included.
 * Closed-loop keep-alive clients on a worker thread, warm-up, interleaved rounds, medians.
 */
import 'reflect-metadata'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { openStorage, runMigrations } from '@tollgate/collector'
import { type BenchApp, type DriverName, startApp } from './graphql-driver/apps'
import type { LoadRequest, LoadResult } from './graphql-driver/load-worker'
import {
  printTable,
  type QueryResult,
  queryResult,
  type RoundFigures,
  roundFigures,
  verdict,
  versions,
} from './graphql-driver/report'
import { PROJECT_ID, seedCalls, seedViewer } from './graphql-driver/seed'

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 2_000)
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1_500)
const DRIVERS: readonly DriverName[] = ['mercurius', 'apollo']
const DAY_START = Date.UTC(2026, 10, 19)
const HOUR_MS = 3_600_000

const OVERVIEW = `query Overview($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  overview(projectId: $projectId, from: $from, to: $to) {
    calls errors denials errorRate denialRate p50Ms p95Ms bucketSeconds
    series { start calls errors denials p95Ms }
  }
}`

interface Query {
  name: string
  body: string
  /** Send the viewer's token (the overview needs it; the ping must not pay for its lookup). */
  authenticated: boolean
}

function overviewQuery(name: string, fromMs: number, toMs: number): Query {
  const variables = {
    projectId: PROJECT_ID,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
  }
  return { name, body: JSON.stringify({ query: OVERVIEW, variables }), authenticated: true }
}

const QUERIES: readonly Query[] = [
  { name: 'benchPing, driver only', body: JSON.stringify({ query: '{ benchPing }' }), authenticated: false },
  overviewQuery('overview, 1 hour', DAY_START + 12 * HOUR_MS, DAY_START + 13 * HOUR_MS),
  overviewQuery('overview, 1 day', DAY_START, DAY_START + 24 * HOUR_MS),
]

/** Runs the load worker one measurement at a time. */
class LoadDriver {
  private readonly worker = new Worker(new URL('./graphql-driver/load-worker.ts', import.meta.url))
  private readonly exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))

  run(request: Omit<LoadRequest, 'kind' | 'concurrency'>): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(error)
      this.worker.once('error', fail)
      this.worker.once('message', (result: LoadResult) => {
        this.worker.off('error', fail)
        resolve(result)
      })
      this.worker.postMessage({ kind: 'run', concurrency: CONCURRENCY, ...request } satisfies LoadRequest)
    })
  }

  /** Closes the connections and ends the worker (at once if it already ended). */
  close(): Promise<void> {
    this.worker.postMessage({ kind: 'close' })
    return this.exited
  }
}

/**
 * One answer per query and driver: no errors, and the same data from both drivers.
 * Returns `calls` per overview query, to print how much each reads.
 */
async function checkAnswers(apps: readonly BenchApp[], token: string): Promise<Map<string, number>> {
  const calls = new Map<string, number>()
  for (const query of QUERIES) {
    const answers = await Promise.all(
      apps.map(async (app) => {
        const response = await fetch(`${app.origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorization(query, token) },
          body: query.body,
        })
        const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown }
        if (response.status !== 200 || json.errors !== undefined || json.data === undefined) {
          throw new Error(
            `${app.driver} answered ${query.name} with ${response.status} ${JSON.stringify(json)}`,
          )
        }
        return json.data
      }),
    )
    const [first, ...others] = answers.map((data) => JSON.stringify(data))
    if (others.some((other) => other !== first)) throw new Error(`drivers disagree on ${query.name}`)
    const overview = answers[0]?.overview as { calls?: number } | undefined
    if (overview?.calls !== undefined) calls.set(query.name, overview.calls)
  }
  return calls
}

function authorization(query: Query, token: string): Record<string, string> {
  return query.authenticated ? { authorization: `Bearer ${token}` } : {}
}

async function measure(load: LoadDriver, app: BenchApp, query: Query, token: string, durationMs: number) {
  const loopBefore = performance.eventLoopUtilization()
  const result = await load.run({
    origin: app.origin,
    body: query.body,
    headers: authorization(query, token),
    durationMs,
  })
  if (result.failed > 0) {
    throw new Error(
      `${app.driver}, ${query.name}: ${result.failed} failed answers, first: ${result.firstFailure}`,
    )
  }
  return roundFigures(
    result.latenciesMs,
    result.elapsedMs,
    performance.eventLoopUtilization(loopBefore).active,
  )
}

/** Warm-up, then `ROUNDS` rounds; each round runs every query on both apps, alternating which goes first. */
async function runRounds(load: LoadDriver, apps: readonly BenchApp[], token: string): Promise<QueryResult[]> {
  for (const query of QUERIES) for (const app of apps) await measure(load, app, query, token, WARMUP_MS)
  const rounds = new Map(
    QUERIES.map((q) => [q.name, { mercurius: [], apollo: [] } as Record<DriverName, RoundFigures[]>]),
  )
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? apps : [...apps].reverse()
    for (const query of QUERIES) {
      for (const app of order)
        rounds.get(query.name)?.[app.driver].push(await measure(load, app, query, token, ROUND_MS))
    }
  }
  return QUERIES.map((query) =>
    queryResult(query.name, rounds.get(query.name) as Record<DriverName, RoundFigures[]>),
  )
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-graphql-'))
  const storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database: 'bench_graphql' })
  const apps: BenchApp[] = []
  let load: LoadDriver | undefined
  try {
    await runMigrations(storage)
    const token = await seedViewer(storage)
    const seedStarted = performance.now()
    await seedCalls(storage, ROWS, DAY_START)
    const seedSeconds = (performance.now() - seedStarted) / 1000
    for (const driver of DRIVERS) apps.push(await startApp(driver, storage))
    const calls = await checkAnswers(apps, token)
    load = new LoadDriver()

    console.log(
      `GraphQL driver bench: Mercurius vs Apollo on Nest + Fastify, node ${process.version}, ${availableParallelism()} CPUs`,
    )
    console.log(
      `  ${versions(['@nestjs/core', '@nestjs/platform-fastify', 'fastify', '@nestjs/graphql', 'graphql'])}`,
    )
    console.log(
      `  ${versions(['@nestjs/mercurius', 'mercurius', '@nestjs/apollo', '@apollo/server', '@as-integrations/fastify'])}`,
    )
    console.log(
      `  data: ${ROWS.toLocaleString('en-US')} mcp_calls rows over one day (seeded in ${seedSeconds.toFixed(1)} s); ` +
        [...calls].map(([name, n]) => `${name} counts ${n.toLocaleString('en-US')} calls`).join(', '),
    )
    console.log(
      `  load: ${CONCURRENCY} keep-alive clients (worker thread), warm-up ${WARMUP_MS / 1000} s, ` +
        `${ROUNDS} interleaved rounds × ${ROUND_MS / 1000} s per query and driver; medians of rounds`,
    )
    console.log(
      "  loop µs: the apps' event-loop busy time per request (JS and the engine binding's main-thread part)\n" +
        '  M ÷ A: req/s above 1, latency and loop µs below 1 favour Mercurius\n',
    )

    const results = await runRounds(load, apps, token)
    printTable(results)
    console.log(`\n${verdict(results)}`)
  } finally {
    await load?.close()
    for (const app of apps) await app.close()
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
