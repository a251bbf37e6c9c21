import 'reflect-metadata'
import { readFileSync } from 'node:fs'
import { GraphQLSchemaHost } from '@nestjs/graphql'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { insertRows, queryRows, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSchemaText, schemaText } from '../src/graphql/print-schema'
import { OverviewRepository } from '../src/overview/overview.repository'
import { ROLLUP_MIN_RANGE_MS } from '../src/rollups/rollup-range'
import { graphqlApp, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'
import { migratedStorage, removeDir, tempDir } from './helpers'
import { callRow, exactQuantile, inRange, LONG_RANGE, longRangeCalls } from './long-range-calls'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const LONG_CALLS = longRangeCalls()

let dir: string
let storage: Storage
let app: NestFastifyApplication
let viewerToken: string
let outsiderToken: string

function call(minute: number, durationMs: number, outcome: string, extra: Record<string, unknown> = {}) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + minute * 60_000 + durationMs),
    duration_ns: String(durationMs * 1_000_000),
    span_kind: 'SERVER',
    method: 'tools/call',
    target: 'search',
    outcome,
    caller_fault: 0,
    ...extra,
  }
}

beforeAll(async () => {
  dir = tempDir('overview')
  storage = await migratedStorage(dir)
  viewerToken = await userWithToken(storage, 'vera', { p1: 'viewer', plong: 'viewer', prollup: 'viewer' })
  outsiderToken = await userWithToken(storage, 'otto', { p2: 'admin' })
  await insertRows(storage, 'mcp_calls', [
    // Minute 0: six calls, 1–6 ms.
    call(0, 1, 'ok'),
    call(0, 2, 'ok'),
    call(0, 3, 'ok'),
    call(0, 4, 'ok'),
    call(0, 5, 'error'),
    call(0, 6, 'error', { caller_fault: 1 }),
    // Minute 5: four calls, 7–10 ms.
    call(5, 7, 'denied'),
    call(5, 8, 'denied'),
    call(5, 9, 'ok'),
    call(5, 10, 'ok'),
    // Not counted: the client's view of a call, another project, outside the range.
    call(1, 50, 'error', { span_kind: 'CLIENT' }),
    call(1, 50, 'error', { project_id: 'p2' }),
    call(90, 50, 'error'),
  ])
  await insertRows(
    storage,
    'mcp_calls',
    LONG_CALLS.map((c) => callRow('plong', c)),
  )
  app = await graphqlApp(storage, dir)
})

afterAll(async () => {
  await app?.close()
  await storage?.close()
  removeDir(dir)
})

const graphql = (query: string, variables: Record<string, unknown>, token?: string) =>
  graphqlRequest(app, query, variables, token)

const OVERVIEW = `query($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  overview(projectId: $projectId, from: $from, to: $to) {
    calls errors denials errorRate denialRate p50Ms p95Ms bucketSeconds
    series { start calls errors denials p95Ms }
  }
}`
const HOUR = { projectId: 'p1', from: new Date(T0).toISOString(), to: new Date(T0 + 3_600_000).toISOString() }

describe('overview', () => {
  it('counts the project’s server-side calls in the range, exactly', async () => {
    const { data, errors } = await graphql(OVERVIEW, HOUR, viewerToken)
    expect(errors).toBeUndefined()
    expect(data?.overview).toEqual({
      calls: 10,
      errors: 1,
      denials: 2,
      errorRate: 0.1,
      denialRate: 0.2,
      p50Ms: 5.5,
      p95Ms: 9.55,
      bucketSeconds: 60,
      series: [
        { start: new Date(T0).toISOString(), calls: 6, errors: 1, denials: 0, p95Ms: 5.75 },
        { start: new Date(T0 + 5 * 60_000).toISOString(), calls: 4, errors: 0, denials: 2, p95Ms: 9.85 },
      ],
    })
  })

  it('widens the buckets with the range', async () => {
    const week = { ...HOUR, to: new Date(T0 + 7 * 86_400_000).toISOString() }
    const { data } = await graphql(OVERVIEW, week, viewerToken)
    expect(data?.overview).toMatchObject({ bucketSeconds: 3600 })
  })

  it('answers an empty range with zeros and no latency', async () => {
    const later = {
      ...HOUR,
      from: new Date(T0 + 86_400_000).toISOString(),
      to: new Date(T0 + 90_000_000).toISOString(),
    }
    const { data } = await graphql(OVERVIEW, later, viewerToken)
    expect(data?.overview).toMatchObject({ calls: 0, errorRate: 0, p50Ms: null, p95Ms: null, series: [] })
  })
})

type OverviewResult = {
  calls: number
  errors: number
  denials: number
  errorRate: number
  denialRate: number
  p50Ms: number
  p95Ms: number
  bucketSeconds: number
  series: Array<{ start: string; calls: number; errors: number; denials: number; p95Ms: number }>
}
const longOverview = async (projectId: string, range = LONG_RANGE) => {
  const { data, errors } = await graphql(
    OVERVIEW,
    { projectId, from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString() },
    viewerToken,
  )
  expect(errors).toBeUndefined()
  return data?.overview as OverviewResult
}

/**
 * Quantiles over the rollup are t-digest estimates: within 1 % of the exact interpolated value
 * over the whole range (about 1,800 calls; measured 0.2 %). A 1-hour bucket holds about ten
 * calls, too few for a sketch to interpolate: its p95 is one of the bucket's largest values,
 * between the exact p90 and the maximum.
 */
const RANGE_TOLERANCE = 0.01

describe('overview over a long range (minute rollup + raw partial minutes)', () => {
  const server = LONG_CALLS.filter((c) => inRange(c) && c.spanKind === 'SERVER')
  const isError = (c: (typeof server)[number]) => c.outcome === 'error' && c.callerFault === 0

  it('is long enough to take the rollup path', () => {
    expect(LONG_RANGE.toMs - LONG_RANGE.fromMs).toBeGreaterThanOrEqual(ROLLUP_MIN_RANGE_MS)
  })

  it('counts exactly what the raw rows hold, partial first and last minutes included', async () => {
    const result = await longOverview('plong')
    const errors = server.filter(isError).length
    const denials = server.filter((c) => c.outcome === 'denied').length
    expect(server.length).toBeGreaterThan(1_500)
    expect(result).toMatchObject({
      calls: server.length,
      errors,
      denials,
      errorRate: errors / server.length,
      denialRate: denials / server.length,
      bucketSeconds: 3600,
    })
  })

  it('gives the same series as the raw rows, bucket by bucket', async () => {
    const result = await longOverview('plong')
    const byBucket = new Map<number, typeof server>()
    for (const c of server) {
      const start = Math.floor(c.ms / 3_600_000) * 3_600_000
      byBucket.set(start, [...(byBucket.get(start) ?? []), c])
    }
    const expected = [...byBucket.entries()]
      .sort(([a], [b]) => a - b)
      .map(([start, calls]) => ({
        start: new Date(start).toISOString(),
        calls: calls.length,
        errors: calls.filter(isError).length,
        denials: calls.filter((c) => c.outcome === 'denied').length,
      }))
    expect(result.series.map(({ p95Ms: _, ...counts }) => counts)).toEqual(expected)
    result.series.forEach((bucket, i) => {
      const durations = (byBucket.get(Date.parse(bucket.start)) ?? []).map((c) => c.durationMs)
      expect(bucket.p95Ms, `bucket ${i}`).toBeGreaterThanOrEqual(exactQuantile(durations, 0.9))
      expect(bucket.p95Ms, `bucket ${i}`).toBeLessThanOrEqual(Math.max(...durations))
    })
  })

  it('estimates p50 and p95 from one merged t-digest, close to the exact values', async () => {
    const result = await longOverview('plong')
    const durations = server.map((c) => c.durationMs)
    for (const [value, p] of [
      [result.p50Ms, 0.5],
      [result.p95Ms, 0.95],
    ] as const) {
      const exact = exactQuantile(durations, p)
      expect(Math.abs(value - exact), `p${p * 100}`).toBeLessThanOrEqual(exact * RANGE_TOLERANCE)
    }
  })

  it('agrees with the raw path on every count', async () => {
    const raw = await app.get(OverviewRepository).fromCalls('plong', LONG_RANGE, 3600)
    const result = await longOverview('plong')
    const counts = (o: { calls: number; errors: number; denials: number; errorRate: number }) => ({
      calls: o.calls,
      errors: o.errors,
      denials: o.denials,
      errorRate: o.errorRate,
    })
    expect(counts(result)).toEqual(counts(raw))
    expect(result.series.map((b) => [b.start, b.calls, b.errors, b.denials])).toEqual(
      raw.series.map((b) => [b.start.toISOString(), b.calls, b.errors, b.denials]),
    )
  })

  it('reads the whole minutes from mcp_calls_1m and only those', async () => {
    // Rows only in the rollup (no raw row behind them): an interior minute counts, the
    // partial first and last minutes (read from raw rows) and client-side rows do not.
    const minute = (ms: number) =>
      new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 19).replace('T', ' ')
    const rollupRow = (ms: number, calls: number, extra: Record<string, unknown> = {}) => ({
      project_id: 'prollup',
      minute: minute(ms),
      server_name: 'crm',
      method: 'tools/call',
      target: 'search',
      outcome: 'denied',
      side_effect: 'read',
      denial_source: 'explicit',
      span_kind: 'SERVER',
      calls,
      caller_faults: 0,
      ...extra,
    })
    await insertRows(storage, 'mcp_calls_1m', [
      rollupRow(LONG_RANGE.fromMs + 3_600_000, 7),
      rollupRow(LONG_RANGE.fromMs + 7_200_000, 2, { outcome: 'error', denial_source: '', caller_faults: 1 }),
      rollupRow(LONG_RANGE.fromMs, 100),
      rollupRow(LONG_RANGE.toMs, 100),
      rollupRow(LONG_RANGE.fromMs + 3_600_000, 100, { span_kind: 'CLIENT' }),
    ])
    expect(await longOverview('prollup')).toMatchObject({ calls: 9, denials: 7, errors: 1 })
    // A short range over the same minute reads the raw rows, of which there are none.
    const hour = { fromMs: LONG_RANGE.fromMs + 3_000_000, toMs: LONG_RANGE.fromMs + 4_000_000 }
    expect(await longOverview('prollup', hour)).toMatchObject({ calls: 0 })
  })

  it('merges t-digest states of the levels the rollup keeps', async () => {
    const { DURATION_LEVELS } = await import('../src/rollups/rollup-range')
    const [column] = await queryRows<{ type: string }>(
      storage,
      `SELECT type FROM system.columns WHERE database = {db:String} AND table = 'mcp_calls_1m' AND name = 'duration_quantiles'`,
      { db: storage.database },
    )
    expect(column?.type).toBe(`AggregateFunction(quantilesTDigest(${DURATION_LEVELS}), UInt64)`)
  })
})

describe('overview refusals', () => {
  const codeOf = async (variables: Record<string, unknown>, token?: string) =>
    (await graphql(OVERVIEW, variables, token)).errors?.map((e) => e.extensions?.code)

  it('refuses a request without a token', async () => {
    expect(await codeOf(HOUR)).toEqual(['UNAUTHENTICATED'])
  })

  it('refuses a revoked-looking or unknown token the same way', async () => {
    expect(await codeOf(HOUR, 'tg_api_not-a-real-token')).toEqual(['UNAUTHENTICATED'])
  })

  it('refuses a member of another project, saying nothing of the project', async () => {
    expect(await codeOf(HOUR, outsiderToken)).toEqual(['FORBIDDEN'])
  })

  it('treats an injection attempt as a project id like any other unknown project', async () => {
    expect(await codeOf({ ...HOUR, projectId: "p1' OR 1=1 --" }, viewerToken)).toEqual(['FORBIDDEN'])
  })

  it('refuses inverted and too wide ranges', async () => {
    expect(await codeOf({ ...HOUR, from: HOUR.to, to: HOUR.from }, viewerToken)).toEqual(['BAD_USER_INPUT'])
    const year = { ...HOUR, to: new Date(T0 + 400 * 86_400_000).toISOString() }
    expect(await codeOf(year, viewerToken)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('api/schema.graphql', () => {
  it('is the schema the app serves (run `pnpm schema` after changing a resolver or model)', async () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')
    expect(schemaText(app.get(GraphQLSchemaHost).schema)).toBe(committed)
    expect(await buildSchemaText()).toBe(committed)
  })
})
