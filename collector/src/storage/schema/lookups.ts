import { column, DEDUP_WINDOW, ttlAfter } from './common'
import type { Retention, TableDef, ViewDef } from './types'

/*
 * Id lookup tables: "find trace T" / "find session S" become a point read here
 * (sorted by the id) that yields the time range, then a narrow time-range read of
 * `spans` / `mcp_calls`, whose sort keys start with project and hour.
 * Each is an AggregatingMergeTree of SimpleAggregateFunction columns fed by a
 * materialized view; readers aggregate (`min(min_time)`, `max(max_time)`,
 * `sum(...)` GROUP BY id) because merges are eventual and, on a cluster, a
 * session's calls may sit on several shards.
 * `min_time` / `max_time` bound the source rows' `timestamp` (start times), which
 * is exactly the range a follow-up read has to cover.
 * Partitioned by month, not day: a point read by id cannot prune partitions (the time is what
 * it looks for), so it consults one granule in every part; daily partitions made that ~40
 * parts at 10 M calls (16 ms), monthly ones a few (6 ms). Migration 0015 rebuilt them so.
 */

const MIN_TIME = 'SimpleAggregateFunction(min, DateTime64(9))'
const MAX_TIME = 'SimpleAggregateFunction(max, DateTime64(9))'
const SUM = 'SimpleAggregateFunction(sum, UInt64)'

/** `trace_lookup`: trace id → time range and span count, fed by `trace_lookup_mv` from `spans`. */
export function traceLookupTable(retention: Retention): TableDef {
  return {
    name: 'trace_lookup',
    comment: 'Trace id to time range (fed by trace_lookup_mv from spans)',
    columns: [
      column('project_id', 'LowCardinality(String)'),
      column('trace_id', 'String'),
      column('min_time', MIN_TIME),
      column('max_time', MAX_TIME),
      column('span_count', SUM),
    ],
    engine: { kind: 'AggregatingMergeTree' },
    partitionBy: 'toYYYYMM(min_time)',
    orderBy: ['project_id', 'trace_id'],
    ttl: ttlAfter('max_time', retention.rowDays),
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    shardingKey: 'cityHash64(trace_id)',
  }
}

/** Materialized view `spans` → `trace_lookup`. */
export const traceLookupView: ViewDef = {
  name: 'trace_lookup_mv',
  source: 'spans',
  target: 'trace_lookup',
  select: [
    'project_id',
    'trace_id',
    'min(timestamp) AS min_time',
    'max(timestamp) AS max_time',
    'count() AS span_count',
  ],
  groupBy: ['project_id', 'trace_id'],
}

/** `session_lookup`: session id → time range and call counts, fed by `session_lookup_mv` from `mcp_calls`. */
export function sessionLookupTable(retention: Retention): TableDef {
  return {
    name: 'session_lookup',
    comment: 'MCP session id to time range and call counts (fed by session_lookup_mv from mcp_calls)',
    columns: [
      column('project_id', 'LowCardinality(String)'),
      column('session_id', 'String'),
      column('min_time', MIN_TIME),
      column('max_time', MAX_TIME),
      column('call_count', SUM),
      // Lets the sessions list show "sessions with denials / errors" without reading calls.
      column('denied_count', SUM),
      column('error_count', SUM),
    ],
    engine: { kind: 'AggregatingMergeTree' },
    partitionBy: 'toYYYYMM(min_time)',
    orderBy: ['project_id', 'session_id'],
    ttl: ttlAfter('max_time', retention.rowDays),
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    shardingKey: 'cityHash64(session_id)',
  }
}

/** Materialized view `mcp_calls` → `session_lookup` (calls without a session id are skipped). */
export const sessionLookupView: ViewDef = {
  name: 'session_lookup_mv',
  source: 'mcp_calls',
  target: 'session_lookup',
  select: [
    'project_id',
    'session_id',
    'min(timestamp) AS min_time',
    'max(timestamp) AS max_time',
    'count() AS call_count',
    "countIf(outcome = 'denied') AS denied_count",
    "countIf(outcome = 'error') AS error_count",
  ],
  where: "session_id != ''",
  groupBy: ['project_id', 'session_id'],
}
