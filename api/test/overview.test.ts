import 'reflect-metadata'
import { readFileSync } from 'node:fs'
import { GraphQLSchemaHost } from '@nestjs/graphql'
import { insertRows, queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { buildSchemaText, schemaText } from '../src/graphql/print-schema'
import { OverviewRepository } from '../src/overview/overview.repository'
import {
  BUCKETS_PER_OCTAVE,
  histogramQuantile,
  LAST_BUCKET,
  latencyBucket,
  latencyBucketSql,
} from '../src/rollups/latency-histogram'
import { OVERVIEW_ROLLUP_MIN_RANGE_MS } from '../src/rollups/rollup-range'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'
import {
  callRow,
  DAY_RANGE,
  dayRangeEdgeCalls,
  exactQuantile,
  inRange,
  LONG_RANGE,
  longRangeCalls,
} from './long-range-calls'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const LONG_CALLS = [...longRangeCalls(), ...dayRangeEdgeCalls()]

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

const fx = graphqlFixture('overview', async (storage) => {
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
})

const graphql = (query: string, variables: Record<string, unknown>, token?: string) =>
  graphqlRequest(fx.app, query, variables, token)

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
const counts = (o: { calls: number; errors: number; denials: number; errorRate: number }) => ({
  calls: o.calls,
  errors: o.errors,
  denials: o.denials,
  errorRate: o.errorRate,
})
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
 * Quantiles over the rollup come from a log-spaced histogram (16 buckets per doubling): an
 * estimate lies in the bucket of the order statistic its rank falls on, so within a factor
 * 2^(1/16) (4.4 %) of it; over the whole range (about 1,800 calls) that is also the bound
 * against the exact interpolated value (measured: under 0.5 %).
 */
const BUCKET_RATIO = 2 ** (1 / BUCKETS_PER_OCTAVE)

/** The order statistic at the rank of the `p`-quantile (its lower neighbour). */
function orderStatistic(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(p * (sorted.length - 1))] as number
}

function expectWithinOneBucket(estimate: number, exact: number, label: string) {
  expect(estimate, label).toBeGreaterThan(exact / BUCKET_RATIO)
  expect(estimate, label).toBeLessThan(exact * BUCKET_RATIO)
}

describe('overview over a long range (per-minute overview rollup + raw partial minutes)', () => {
  const server = LONG_CALLS.filter((c) => inRange(c) && c.spanKind === 'SERVER')
  const isError = (c: (typeof server)[number]) => c.outcome === 'error' && c.callerFault === 0

  it('is long enough to take the rollup path', () => {
    expect(LONG_RANGE.toMs - LONG_RANGE.fromMs).toBeGreaterThanOrEqual(OVERVIEW_ROLLUP_MIN_RANGE_MS)
    expect(DAY_RANGE.toMs - DAY_RANGE.fromMs).toBeGreaterThanOrEqual(OVERVIEW_ROLLUP_MIN_RANGE_MS)
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
      expectWithinOneBucket(bucket.p95Ms, orderStatistic(durations, 0.95), `bucket ${i}`)
      expect(bucket.p95Ms, `bucket ${i}`).toBeLessThanOrEqual(Math.max(...durations))
    })
  })

  it('estimates p50 and p95 from the merged histogram, within one bucket of the exact values', async () => {
    const result = await longOverview('plong')
    const durations = server.map((c) => c.durationMs)
    for (const [value, p] of [
      [result.p50Ms, 0.5],
      [result.p95Ms, 0.95],
    ] as const) {
      expectWithinOneBucket(value, orderStatistic(durations, p), `p${p * 100} vs its order statistic`)
      const exact = exactQuantile(durations, p)
      expect(Math.abs(value / exact - 1), `p${p * 100} vs exact`).toBeLessThan(BUCKET_RATIO - 1)
      // The SQL reads the same value off the histogram as the plain-code model does.
      const counts = new Map<number, number>()
      for (const d of durations)
        counts.set(latencyBucket(d * 1e6), (counts.get(latencyBucket(d * 1e6)) ?? 0) + 1)
      const model = { counts, minNs: Math.min(...durations) * 1e6, maxNs: Math.max(...durations) * 1e6 }
      expect(value, `p${p * 100} vs the model`).toBeCloseTo((histogramQuantile(model, p) as number) / 1e6, 6)
    }
  })

  it('agrees with the raw path on every count', async () => {
    const raw = await fx.app.get(OverviewRepository).fromCalls('plong', LONG_RANGE, 3600)
    const result = await longOverview('plong')
    expect(counts(result)).toEqual(counts(raw))
    expect(result.series.map((b) => [b.start, b.calls, b.errors, b.denials])).toEqual(
      raw.series.map((b) => [b.start.toISOString(), b.calls, b.errors, b.denials]),
    )
  })

  it('counts a day with ragged ends exactly too, in 5-minute buckets', async () => {
    const inDay = server.filter((c) => inRange(c, DAY_RANGE))
    const result = await longOverview('plong', DAY_RANGE)
    expect(inDay.length).toBeGreaterThan(150)
    expect(result).toMatchObject({
      calls: inDay.length,
      errors: inDay.filter(isError).length,
      denials: inDay.filter((c) => c.outcome === 'denied').length,
      bucketSeconds: 300,
    })
    const raw = await fx.app.get(OverviewRepository).fromCalls('plong', DAY_RANGE, 300)
    expect(counts(result)).toEqual(counts(raw))
    expect(result.series.map((b) => [b.start, b.calls, b.errors, b.denials])).toEqual(
      raw.series.map((b) => [b.start.toISOString(), b.calls, b.errors, b.denials]),
    )
    const durations = inDay.map((c) => c.durationMs)
    expectWithinOneBucket(result.p95Ms, orderStatistic(durations, 0.95), 'p95')
  })

  it('reads the whole minutes from mcp_calls_overview_1m and only those', async () => {
    // Rows only in the overview rollup (no raw row behind them): an interior minute counts,
    // the partial first and last minutes (read from raw rows) do not, nor does mcp_calls_1m.
    const minute = (ms: number) =>
      new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 19).replace('T', ' ')
    const rollupRow = (
      ms: number,
      calls: number,
      durationMs: number,
      extra: Record<string, unknown> = {},
    ) => ({
      project_id: 'prollup',
      minute: minute(ms),
      calls,
      server_errors: 0,
      denials: 0,
      duration_sum_ns: String(calls * durationMs * 1e6),
      duration_min_ns: String(durationMs * 1e6),
      duration_max_ns: String(durationMs * 1e6),
      latency_histogram: { [latencyBucket(durationMs * 1e6)]: calls },
      ...extra,
    })
    const rows = [
      { ms: LONG_RANGE.fromMs + 3_600_000, calls: 7, durationMs: 40, extra: { denials: 7 } },
      { ms: LONG_RANGE.fromMs + 7_200_000, calls: 2, durationMs: 40, extra: { server_errors: 1 } },
      { ms: LONG_RANGE.fromMs + 7_260_000, calls: 1, durationMs: 900, extra: {} },
    ].map((r) => ({ ...r, ms: Math.floor(r.ms / 60_000) * 60_000 }))
    await insertRows(fx.storage, 'mcp_calls_overview_1m', [
      ...rows.map((r) => rollupRow(r.ms, r.calls, r.durationMs, r.extra)),
      rollupRow(LONG_RANGE.fromMs, 100, 5),
      rollupRow(LONG_RANGE.toMs, 100, 5),
    ])
    await insertRows(fx.storage, 'mcp_calls_1m', [
      {
        project_id: 'prollup',
        minute: minute(LONG_RANGE.fromMs + 3_600_000),
        span_kind: 'SERVER',
        outcome: 'ok',
        calls: 1000,
      },
    ])
    const result = await longOverview('prollup')
    expect(result).toMatchObject({ calls: 10, denials: 7, errors: 1 })
    // Latency from the rollup's histograms: nine calls at 40 ms, one at 900 ms.
    expectWithinOneBucket(result.p50Ms, 40, 'p50')
    expectWithinOneBucket(result.p95Ms, 40, 'p95')
    const hour = (n: number) => new Date(LONG_RANGE.fromMs - 17_300 + n * 3_600_000).toISOString()
    expect(result.series.map((b) => [b.start, b.calls, b.errors, b.denials])).toEqual([
      [hour(1), 7, 0, 7],
      [hour(2), 3, 1, 0],
    ])
    expect(result.series[0]?.p95Ms).toBe(40)
    // A range just under the threshold reads the raw rows, of which there are none; one at
    // the threshold reads the rollup's whole minutes inside it.
    const from = LONG_RANGE.fromMs + 3_500_000
    const short = { fromMs: from, toMs: from + OVERVIEW_ROLLUP_MIN_RANGE_MS - 1 }
    expect(await longOverview('prollup', short)).toMatchObject({ calls: 0 })
    const atThreshold = { fromMs: from, toMs: from + OVERVIEW_ROLLUP_MIN_RANGE_MS }
    const interior = rows.filter(
      (r) =>
        r.ms >= Math.ceil(atThreshold.fromMs / 60_000) * 60_000 &&
        r.ms < Math.floor(atThreshold.toMs / 60_000) * 60_000,
    )
    expect(interior.length).toBeGreaterThan(0)
    expect(await longOverview('prollup', atThreshold)).toMatchObject({
      calls: interior.reduce((n, r) => n + r.calls, 0),
    })
  })

  it('buckets raw durations in SQL exactly as the collector’s view and the plain-code layout do', async () => {
    const durations = [
      0, 999, 1_000, 1_001, 1_043, 1_045, 2_000, 999_999, 38_646_907, 331_641_077, 1e12, 1.1e12, 5e13,
    ]
    const at = LONG_RANGE.fromMs + 5 * 86_400_000
    await insertRows(
      fx.storage,
      'mcp_calls',
      durations.map((d, i) => ({
        ...callRow('playout', { ...LONG_CALLS[0]!, ms: at + i, spanKind: 'SERVER' }),
        duration_ns: String(d),
      })),
    )
    const [row] = await queryRows<{ view: Record<string, string>; api: Record<string, string> }>(
      fx.storage,
      `SELECT (SELECT sumMap(latency_histogram) FROM ${fx.storage.database}.mcp_calls_overview_1m WHERE project_id = 'playout') AS view,
              (SELECT sumMap(map(${latencyBucketSql('duration_ns')}, toUInt64(1))) FROM ${fx.storage.database}.mcp_calls WHERE project_id = 'playout') AS api`,
    )
    const expected: Record<string, number> = {}
    for (const d of durations) expected[latencyBucket(d)] = (expected[latencyBucket(d)] ?? 0) + 1
    expect(row?.view).toEqual(expected)
    expect(row?.api).toEqual(expected)
    expect(Object.keys(expected).map(Number)).toEqual([0, 1, 2, 17, 160, 244, 294, 479, 480])
    expect(LAST_BUCKET).toBe(480)
  })
})

describe('overview of one server or tool (serverName / tool)', () => {
  // Three days after T0, clear of the other tests' ranges: one project, two servers, two tools.
  const AT = T0 + 3 * 86_400_000
  const FILTERED = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $serverName: String, $tool: String) {
    overview(projectId: $projectId, from: $from, to: $to, serverName: $serverName, tool: $tool) {
      calls errors denials p95Ms series { start calls errors denials }
    }
  }`
  const row = (minute: number, server: string, target: string, outcome: string, extra = {}) =>
    call(3 * 1440 + minute, 10, outcome, { server_name: server, target, ...extra })
  const hour = {
    projectId: 'p1',
    from: new Date(AT).toISOString(),
    to: new Date(AT + 3_600_000).toISOString(),
  }
  const overviewOf = async (variables: Record<string, unknown>) => {
    const { data, errors } = await graphql(FILTERED, { ...hour, ...variables }, viewerToken)
    expect(errors).toBeUndefined()
    return data?.overview as { calls: number; errors: number; denials: number; series: unknown[] }
  }

  it('counts only the calls of the server and tool asked for', async () => {
    await insertRows(fx.storage, 'mcp_calls', [
      row(0, 'srv-a', 'search', 'ok'),
      row(0, 'srv-a', 'search', 'ok'),
      row(1, 'srv-a', 'search', 'denied'),
      row(2, 'srv-a', 'search', 'error'),
      row(2, 'srv-b', 'search', 'ok'),
      row(3, 'srv-a', 'fetch', 'denied'),
      row(3, 'srv-a', 'fetch', 'denied'),
      // Same target, other method: the server's call, not the tool's.
      row(4, 'srv-a', 'search', 'ok', { method: 'resources/read' }),
      // The client's view of a call is never counted.
      row(4, 'srv-a', 'search', 'error', { span_kind: 'CLIENT' }),
    ])
    const pick = (o: { calls: number; errors: number; denials: number }) => [o.calls, o.errors, o.denials]
    expect(pick(await overviewOf({}))).toEqual([8, 1, 3])
    expect(pick(await overviewOf({ tool: 'search' }))).toEqual([5, 1, 1])
    expect(pick(await overviewOf({ serverName: 'srv-a' }))).toEqual([7, 1, 3])
    const one = await overviewOf({ serverName: 'srv-a', tool: 'search' })
    expect(pick(one)).toEqual([4, 1, 1])
    expect(one.series).toEqual([
      { start: new Date(AT).toISOString(), calls: 2, errors: 0, denials: 0 },
      { start: new Date(AT + 60_000).toISOString(), calls: 1, errors: 0, denials: 1 },
      { start: new Date(AT + 120_000).toISOString(), calls: 1, errors: 1, denials: 0 },
    ])
    // Empty strings and null mean "every", as when the argument is left out.
    expect(pick(await overviewOf({ serverName: '', tool: null }))).toEqual([8, 1, 3])
  })

  it('filters long ranges too (which otherwise read the rollup, that keeps no tool)', async () => {
    const day = {
      from: new Date(AT - 3_600_000).toISOString(),
      to: new Date(AT + 5 * 3_600_000).toISOString(),
    }
    expect(Date.parse(day.to) - Date.parse(day.from)).toBeGreaterThanOrEqual(OVERVIEW_ROLLUP_MIN_RANGE_MS)
    expect((await overviewOf(day)).calls).toBe(8)
    expect(await overviewOf({ ...day, serverName: 'srv-a', tool: 'fetch' })).toMatchObject({
      calls: 2,
      denials: 2,
      errors: 0,
    })
  })

  it('binds the names as values: an injection attempt matches no tool', async () => {
    expect(await overviewOf({ tool: "search' OR 1=1 --" })).toMatchObject({
      calls: 0,
      p95Ms: null,
      series: [],
    })
    expect(await overviewOf({ serverName: 'srv-c' })).toMatchObject({ calls: 0 })
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
    expect(schemaText(fx.app.get(GraphQLSchemaHost).schema)).toBe(committed)
    expect(await buildSchemaText()).toBe(committed)
  })
})
