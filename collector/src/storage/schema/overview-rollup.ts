import { backfillStatement } from './backfill'
import { column, DEDUP_WINDOW, ttlAfter } from './common'
import { localTableName, renderTable, renderView } from './render-ddl'
import type { RenderTarget, Retention, TableDef, ViewDef } from './types'

const SUM = 'SimpleAggregateFunction(sum, UInt64)'

/**
 * Latency histogram layout of `mcp_calls_overview_1m.latency_histogram`: log-spaced buckets,
 * {@link LATENCY_BUCKETS_PER_OCTAVE} per doubling. Bucket 0 holds `[0, 1 µs)`; bucket
 * `i ≥ 1` holds `[1 µs · 2^((i−1)/16), 1 µs · 2^(i/16))`; the last one,
 * {@link LATENCY_LAST_BUCKET}, everything from `1 µs · 2^(479/16)` (≈ 17 min) on. Readers
 * (the api's overview) compute the same index for raw rows and interpolate quantiles
 * inside a bucket, so an estimate is off by less than one bucket width: under
 * 2^(1/16) − 1 ≈ 4.4 % relative. Changing the layout means a new column and a rebuild.
 */
export const LATENCY_BUCKETS_PER_OCTAVE = 16
export const LATENCY_LAST_BUCKET = 480

/** The bucket index (`UInt16`) of a `duration_ns` expression in the layout above. */
export function latencyBucketSql(durationNs: string): string {
  const k = LATENCY_BUCKETS_PER_OCTAVE
  return `toUInt16(if(${durationNs} < 1000, 0, least(${LATENCY_LAST_BUCKET}, 1 + floor(log2(${durationNs} / 1000) * ${k}))))`
}

/**
 * `mcp_calls_overview_1m`: one row per project and minute of the calls the overview counts
 * (server side only: a call seen by an instrumented client and server is one call), fed by
 * `mcp_calls_overview_1m_mv`. The minute rollup `mcp_calls_1m` keeps seven dimensions and
 * ends up with about one row per two calls, which saves the overview nothing; this one is
 * a row per minute whatever the traffic: 43,200 rows for 30 days of a project.
 *
 * Latency is a sparse log-spaced histogram (`sumMap` over `Map(bucket, calls)`) rather than
 * a t-digest state. Measured on 5 M calls over 29 days (one project, ~120 calls a minute;
 * series query over the range, p50 / p95 ms):
 *
 *   range   t-digest per minute   t-digest per hour   dense 160 buckets   sparse 16/octave
 *   1 d          13 / 14               7 / 9             16 / 81           26 / 40
 *   7 d          51 / 58               9 / 10            27 / 31           31 / 37
 *   30 d        168 / 298             19 / 22            66 / 85           43 / 47
 *
 * Merging t-digest states costs per centroid, and a state of a few hundred calls keeps
 * every call as a centroid, so per minute it is as slow as the raw rows; per hour it is
 * fast but cannot serve 5-minute buckets, which would take three tables (raw, minute,
 * hour). A histogram merges at a cost per non-empty bucket, whatever the traffic, and one
 * table serves every bucket width; sparse beats a dense `Array` (`sumForEach`) because
 * most of a minute's 481 buckets are empty. Min and max are kept to clamp the estimates.
 * Errors exclude caller faults (invalid params and the like are not server errors, see
 * DESIGN.md).
 */
export function mcpCallsOverview1mTable(retention: Retention): TableDef {
  return {
    name: 'mcp_calls_overview_1m',
    comment: 'Server-side calls per project and minute, for the overview (fed by mcp_calls_overview_1m_mv)',
    columns: [
      column('project_id', 'LowCardinality(String)'),
      column('minute', 'DateTime'),
      column('calls', SUM),
      column('server_errors', SUM),
      column('denials', SUM),
      column('duration_sum_ns', SUM),
      column('duration_min_ns', 'SimpleAggregateFunction(min, UInt64)'),
      column('duration_max_ns', 'SimpleAggregateFunction(max, UInt64)'),
      column('latency_histogram', 'SimpleAggregateFunction(sumMap, Map(UInt16, UInt64))'),
    ],
    engine: { kind: 'AggregatingMergeTree' },
    // As mcp_calls_1m: monthly partitions, a month dropped once its last minute expires.
    partitionBy: 'toYYYYMM(minute)',
    orderBy: ['project_id', 'minute'],
    ttl: ttlAfter('minute', retention.rollupDays),
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    shardingKey: 'cityHash64(project_id)',
  }
}

/** Materialized view `mcp_calls` → `mcp_calls_overview_1m`. */
export const mcpCallsOverview1mView: ViewDef = {
  name: 'mcp_calls_overview_1m_mv',
  source: 'mcp_calls',
  target: 'mcp_calls_overview_1m',
  // Aliased to the target's column names: the backfill inserts by this list.
  select: [
    'project_id',
    'toStartOfMinute(timestamp) AS minute',
    'count() AS calls',
    "countIf(outcome = 'error' AND caller_fault = 0) AS server_errors",
    "countIf(outcome = 'denied') AS denials",
    'sum(duration_ns) AS duration_sum_ns',
    'min(duration_ns) AS duration_min_ns',
    'max(duration_ns) AS duration_max_ns',
    `sumMap(map(${latencyBucketSql('duration_ns')}, toUInt64(1))) AS latency_histogram`,
  ],
  where: "span_kind = 'SERVER'",
  groupBy: ['project_id', 'minute'],
}

/**
 * Migration 0014: the table, then its backfill from the rows `mcp_calls` still holds, then
 * the view. The view is dropped first and created last, as in 0013, so a re-run after a
 * failure neither counts a block twice (view and backfill) nor keeps a half-filled table:
 * the TRUNCATE makes the INSERT start over. Blocks inserted during the backfill itself are
 * not counted; migrations run before the collector takes traffic.
 */
export function mcpCallsOverview1mStatements(target: RenderTarget, retention: Retention): string[] {
  const db = target.database
  const cluster = target.cluster === undefined ? '' : ` ON CLUSTER ${target.cluster}`
  const view = mcpCallsOverview1mView
  const table = mcpCallsOverview1mTable(retention)
  return [
    `DROP VIEW IF EXISTS ${db}.${view.name}${cluster}`,
    ...renderTable(table, target),
    `TRUNCATE TABLE IF EXISTS ${db}.${localTableName(table.name, target)}${cluster}`,
    backfillStatement(view, target),
    renderView(view, target),
  ]
}
