import { queryRows, type Storage } from '@tollgate/collector'
import type { TimeRange } from '../graphql/time-range'
import {
  DURATION_LEVELS,
  P50_INDEX,
  P95_INDEX,
  RAW_EDGES,
  ROLLUP_INTERIOR,
  rollupParams,
  usesRollup,
} from '../rollups/rollup-range'
import type { Overview, OverviewBucket } from './models/overview.model'

interface TotalsRow {
  calls: string
  errors: string
  denials: string
  p50_ms: number
  p95_ms: number
}

interface BucketRow {
  start_ms: string
  calls: string
  errors: string
  denials: string
  p95_ms: number
}

/** Server side only: a call seen by an instrumented client and server is one call. */
const SERVER_CALLS = "project_id = {projectId:String} AND span_kind = 'SERVER'"

/**
 * The overview's SQL, server side only. Short ranges read `mcp_calls`; long ones
 * ({@link usesRollup}) read the minute rollup `mcp_calls_1m` for the whole minutes and
 * `mcp_calls` for the partial minutes at both ends, so counts and rates are exact either
 * way while p50/p95 become t-digest estimates (one sketch merged from the rollup's states
 * and the edges'). Project first, then time, as the sort keys want; every value a bound
 * parameter.
 */
export class OverviewRepository {
  constructor(private readonly storage: Storage) {}

  overview(projectId: string, range: TimeRange, bucketSeconds: number): Promise<Overview> {
    return usesRollup(range)
      ? this.fromRollup(projectId, range, bucketSeconds)
      : this.fromCalls(projectId, range, bucketSeconds)
  }

  /** Every raw row of the range; exact quantiles (`quantile`, interpolated). */
  async fromCalls(projectId: string, range: TimeRange, bucketSeconds: number): Promise<Overview> {
    const params = { projectId, fromMs: range.fromMs, toMs: range.toMs, bucket: bucketSeconds }
    const where = `${SERVER_CALLS}
      AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})`
    const measures = `count() AS calls,
      countIf(outcome = 'error' AND caller_fault = 0) AS errors,
      countIf(outcome = 'denied') AS denials`
    const table = `${this.storage.database}.mcp_calls`
    const [totals, buckets] = await Promise.all([
      queryRows<TotalsRow>(
        this.storage,
        `SELECT ${measures}, quantile(0.5)(duration_ns) / 1e6 AS p50_ms, quantile(0.95)(duration_ns) / 1e6 AS p95_ms
         FROM ${table} WHERE ${where}`,
        params,
      ),
      queryRows<BucketRow>(
        this.storage,
        `SELECT toString(toUnixTimestamp64Milli(toDateTime64(toStartOfInterval(timestamp, toIntervalSecond({bucket:UInt32})), 3))) AS start_ms,
                ${measures}, quantile(0.95)(duration_ns) / 1e6 AS p95_ms
         FROM ${table} WHERE ${where} GROUP BY start_ms ORDER BY start_ms`,
        params,
      ),
    ])
    return toOverview(totals[0], buckets, bucketSeconds)
  }

  /**
   * Whole minutes from `mcp_calls_1m`, ragged ends from `mcp_calls`, one UNION ALL each for
   * the totals and the series. The rollup's rows may not be merged yet (AggregatingMergeTree
   * merges in the background): they are only ever summed and merged, never read one by one.
   */
  async fromRollup(projectId: string, range: TimeRange, bucketSeconds: number): Promise<Overview> {
    const params = { projectId, bucket: bucketSeconds, ...rollupParams(range) }
    const db = this.storage.database
    // Both branches yield the same columns: bucket start (unix seconds), counts, t-digest state.
    // NB: aliases differ from the rollup's column names, which an alias would shadow; the
    // difference of two UInt64 is signed, cast back so both branches have one type.
    const parts = (bucketOf: { raw: string; rollup: string }) => `
      SELECT ${bucketOf.raw} AS bucket_s, count() AS part_calls,
             countIf(outcome = 'error' AND caller_fault = 0) AS part_errors,
             countIf(outcome = 'denied') AS part_denials,
             quantilesTDigestState(${DURATION_LEVELS})(duration_ns) AS durations
      FROM ${db}.mcp_calls WHERE ${SERVER_CALLS} AND ${RAW_EDGES}
      GROUP BY bucket_s
      UNION ALL
      SELECT ${bucketOf.rollup} AS bucket_s, sum(calls) AS part_calls,
             toUInt64(sumIf(calls - caller_faults, outcome = 'error')) AS part_errors,
             sumIf(calls, outcome = 'denied') AS part_denials,
             quantilesTDigestMergeState(${DURATION_LEVELS})(duration_quantiles) AS durations
      FROM ${db}.mcp_calls_1m WHERE ${SERVER_CALLS} AND ${ROLLUP_INTERIOR}
      GROUP BY bucket_s`
    const sums = 'sum(part_calls) AS calls, sum(part_errors) AS errors, sum(part_denials) AS denials'
    const merged = `quantilesTDigestMerge(${DURATION_LEVELS})(durations)`
    const interval = 'toIntervalSecond({bucket:UInt32})'
    const [totals, buckets] = await Promise.all([
      queryRows<TotalsRow>(
        this.storage,
        `SELECT ${sums}, ${merged}[${P50_INDEX}] / 1e6 AS p50_ms, ${merged}[${P95_INDEX}] / 1e6 AS p95_ms
         FROM (${parts({ raw: '0', rollup: '0' })})`,
        params,
      ),
      queryRows<BucketRow>(
        this.storage,
        `SELECT toString(bucket_s * 1000) AS start_ms, ${sums}, ${merged}[${P95_INDEX}] / 1e6 AS p95_ms
         FROM (${parts({
           raw: `toUnixTimestamp(toStartOfInterval(toDateTime(timestamp), ${interval}))`,
           rollup: `toUnixTimestamp(toStartOfInterval(minute, ${interval}))`,
         })})
         GROUP BY bucket_s ORDER BY bucket_s`,
        params,
      ),
    ])
    return toOverview(totals[0], buckets, bucketSeconds)
  }
}

function toOverview(row: TotalsRow | undefined, buckets: BucketRow[], bucketSeconds: number): Overview {
  const calls = Number(row?.calls ?? 0)
  const errors = Number(row?.errors ?? 0)
  const denials = Number(row?.denials ?? 0)
  return {
    calls,
    errors,
    denials,
    errorRate: calls === 0 ? 0 : errors / calls,
    denialRate: calls === 0 ? 0 : denials / calls,
    p50Ms: calls === 0 ? null : Number(row?.p50_ms),
    p95Ms: calls === 0 ? null : Number(row?.p95_ms),
    bucketSeconds,
    series: buckets.map(toBucket),
  }
}

function toBucket(row: BucketRow): OverviewBucket {
  return {
    start: new Date(Number(row.start_ms)),
    calls: Number(row.calls),
    errors: Number(row.errors),
    denials: Number(row.denials),
    p95Ms: Number(row.p95_ms),
  }
}
