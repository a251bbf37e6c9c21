import { queryRows, type Storage } from '@tollgate/collector'
import type { TimeRange } from '../graphql/time-range'
import { histogramQuantileSql, latencyBucketSql } from '../rollups/latency-histogram'
import {
  OVERVIEW_ROLLUP_MIN_RANGE_MS,
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

/** A row of the rollup path: the whole range (`is_total` 1) or one series bucket. */
interface RollupRow extends BucketRow {
  is_total: number
  p50_ms: number
}

/** Server side only: a call seen by an instrumented client and server is one call. */
const SERVER_CALLS = "project_id = {projectId:String} AND span_kind = 'SERVER'"

/** Narrows the overview to one MCP server and/or one tool; an absent field does not filter. */
export interface OverviewFilter {
  serverName?: string | undefined
  /** A tool's calls: `tools/call` with this target, as the tools query counts them. */
  tool?: string | undefined
}

/** The filter's SQL (after {@link SERVER_CALLS}) and its bound parameters; empty without a filter. */
function filterSql(filter: OverviewFilter): { sql: string; params: Record<string, string> } {
  const parts: string[] = []
  const params: Record<string, string> = {}
  if (filter.serverName !== undefined) {
    parts.push('server_name = {serverName:String}')
    params.serverName = filter.serverName
  }
  if (filter.tool !== undefined) {
    parts.push("method = 'tools/call' AND target = {tool:String}")
    params.tool = filter.tool
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params }
}

const isFiltered = (filter: OverviewFilter) => filter.serverName !== undefined || filter.tool !== undefined

/**
 * The overview's SQL, server side only. Short ranges read `mcp_calls` and give exact
 * quantiles; longer ones ({@link OVERVIEW_ROLLUP_MIN_RANGE_MS}) read the per-minute rollup
 * `mcp_calls_overview_1m` for the whole minutes and `mcp_calls` for the partial minutes at
 * both ends, so counts and rates are exact either way while p50/p95 come from a latency
 * histogram (within one log bucket, < 4.4 %; see `latency-histogram.ts`). Project first,
 * then time, as the sort keys want; every value a bound parameter.
 */
export class OverviewRepository {
  constructor(private readonly storage: Storage) {}

  /**
   * A filtered overview (one server or tool) always reads the raw rows: the overview rollup
   * keeps no server or tool. `mcp_calls` is sorted by project, hour, server, method, target,
   * so the filter lets the primary index skip the other tools' granules hour by hour.
   */
  overview(
    projectId: string,
    range: TimeRange,
    bucketSeconds: number,
    filter: OverviewFilter = {},
  ): Promise<Overview> {
    return usesRollup(range, OVERVIEW_ROLLUP_MIN_RANGE_MS) && !isFiltered(filter)
      ? this.fromRollup(projectId, range, bucketSeconds)
      : this.fromCalls(projectId, range, bucketSeconds, filter)
  }

  /** Every raw row of the range (of the filter's server / tool); exact quantiles (`quantile`, interpolated). */
  async fromCalls(
    projectId: string,
    range: TimeRange,
    bucketSeconds: number,
    filter: OverviewFilter = {},
  ): Promise<Overview> {
    const narrow = filterSql(filter)
    const params = {
      projectId,
      fromMs: range.fromMs,
      toMs: range.toMs,
      bucket: bucketSeconds,
      ...narrow.params,
    }
    const where = `${SERVER_CALLS}${narrow.sql}
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
   * Whole minutes from `mcp_calls_overview_1m`, ragged ends from `mcp_calls`, in one query:
   * both sides yield per series bucket the counts and a sparse histogram (bucket → calls),
   * summed per bucket and over the range (GROUPING SETS), and the quantiles are read off
   * the summed histograms in SQL ({@link histogramQuantileSql}): printing a few hundred
   * histograms would cost more than the query. The rollup's rows may not be merged yet
   * (AggregatingMergeTree merges in the background): they are only ever summed.
   */
  async fromRollup(projectId: string, range: TimeRange, bucketSeconds: number): Promise<Overview> {
    const params = { projectId, bucket: bucketSeconds, ...rollupParams(range) }
    const db = this.storage.database
    const interval = 'toIntervalSecond({bucket:UInt32})'
    // NB: the inner aliases differ from the rollup's column names, which they would shadow.
    const rows = await queryRows<RollupRow>(
      this.storage,
      `SELECT is_total, toString(bucket_s * 1000) AS start_ms, calls, errors, denials,
              p50_ns / 1e6 AS p50_ms, p95_ns / 1e6 AS p95_ms
       FROM (
         SELECT *, ${[...histogramQuantileSql(0.5, 'p50_ns'), ...histogramQuantileSql(0.95, 'p95_ns')].join(',\n                ')}
         FROM (
           SELECT bucket_s, grouping(bucket_s) AS is_total,
                  sum(part_calls) AS calls, sum(part_errors) AS errors, sum(part_denials) AS denials,
                  sumMap(part_histogram) AS histogram, min(part_min) AS min_ns, max(part_max) AS max_ns
           FROM (
             SELECT toUnixTimestamp(toStartOfInterval(toDateTime(timestamp), ${interval})) AS bucket_s,
                    count() AS part_calls,
                    countIf(outcome = 'error' AND caller_fault = 0) AS part_errors,
                    countIf(outcome = 'denied') AS part_denials,
                    sumMap(map(${latencyBucketSql('duration_ns')}, toUInt64(1))) AS part_histogram,
                    min(duration_ns) AS part_min, max(duration_ns) AS part_max
             FROM ${db}.mcp_calls WHERE ${SERVER_CALLS} AND ${RAW_EDGES}
             GROUP BY bucket_s
             UNION ALL
             SELECT toUnixTimestamp(toStartOfInterval(minute, ${interval})) AS bucket_s,
                    sum(calls) AS part_calls, sum(server_errors) AS part_errors, sum(denials) AS part_denials,
                    sumMap(latency_histogram) AS part_histogram,
                    min(duration_min_ns) AS part_min, max(duration_max_ns) AS part_max
             FROM ${db}.mcp_calls_overview_1m WHERE project_id = {projectId:String} AND ${ROLLUP_INTERIOR}
             GROUP BY bucket_s
           )
           GROUP BY GROUPING SETS ((bucket_s), ())
         )
       )
       ORDER BY is_total DESC, bucket_s`,
      params,
    )
    // The range's row comes first (grouping() is 1 where bucket_s is rolled up); none without rows.
    const [first, ...rest] = rows
    const totals = first?.is_total === 1 ? first : undefined
    const buckets = totals === undefined ? rows : rest
    return toOverview(totals, buckets, bucketSeconds)
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
