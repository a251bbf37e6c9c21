import { backfillStatement } from './backfill'
import { column, DEDUP_WINDOW, ttlAfter } from './common'
import { localTableName, renderView } from './render-ddl'
import type { RenderTarget, Retention, TableDef, ViewDef } from './types'

const LC = 'LowCardinality(String)'
const SUM = 'SimpleAggregateFunction(sum, UInt64)'

/**
 * What a rollup row is per minute of: its sort key after project and minute, and the view's GROUP BY.
 * `span_kind` came last (migration 0013, appended to the sort key): `mcp_calls` holds a call
 * seen by an instrumented client and server twice, and readers keep the server side.
 */
const ROLLUP_DIMENSIONS = [
  'server_name',
  'method',
  'target',
  'outcome',
  'side_effect',
  'denial_source',
  'span_kind',
]

/** Duration quantile levels kept in the rollup; readers must merge with the same levels. */
export const DURATION_QUANTILES = '0.5, 0.9, 0.95, 0.99'

/**
 * `mcp_calls_1m`: calls per minute and (server, method, target, outcome, side
 * effect, denial source), for the overview, tools and denials dashboards over
 * long ranges. Fed by `mcp_calls_1m_mv`.
 *
 * Counters and sums are `SimpleAggregateFunction(sum)` rather than
 * `countState`/`sumState`: same result, plain numbers on disk, and readers use
 * `sum(calls)` instead of `countMerge`. Only what cannot be summed keeps a state:
 * - `duration_quantiles`: t-digest (`quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)`);
 *   a small mergeable sketch, where `quantilesState` keeps an 8,192-value reservoir per row;
 * - `sessions` / `users`: `uniqMerge`, distinct non-empty ids.
 * Error rate = calls with outcome 'error' minus `caller_faults` (caller mistakes
 * such as -32602 are not server errors, see DESIGN.md).
 */
export function mcpCalls1mTable(retention: Retention): TableDef {
  return {
    name: 'mcp_calls_1m',
    comment: 'Per-minute rollup of mcp_calls (fed by mcp_calls_1m_mv)',
    columns: [
      column('project_id', LC),
      column('minute', 'DateTime'),
      column('server_name', LC),
      column('method', LC),
      column('target', 'String'),
      column('outcome', LC),
      column('side_effect', LC),
      column('denial_source', LC),
      column('span_kind', LC),
      column('calls', SUM),
      column('caller_faults', SUM),
      column('untrusted_calls', SUM),
      column('injection_suspected_calls', SUM),
      column('duration_sum_ns', SUM),
      column('duration_max_ns', 'SimpleAggregateFunction(max, UInt64)'),
      column('duration_quantiles', `AggregateFunction(quantilesTDigest(${DURATION_QUANTILES}), UInt64)`),
      column('sessions', 'AggregateFunction(uniq, String)'),
      column('users', 'AggregateFunction(uniq, String)'),
    ],
    engine: { kind: 'AggregatingMergeTree' },
    // Monthly partitions keep the part count low over a year of minutes; with
    // ttl_only_drop_parts a month is dropped once its last minute has expired.
    partitionBy: 'toYYYYMM(minute)',
    orderBy: ['project_id', 'minute', ...ROLLUP_DIMENSIONS],
    ttl: ttlAfter('minute', retention.rollupDays),
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    shardingKey: 'cityHash64(project_id, server_name, target)',
  }
}

/** Materialized view `mcp_calls` → `mcp_calls_1m`. */
export const mcpCalls1mView: ViewDef = {
  name: 'mcp_calls_1m_mv',
  source: 'mcp_calls',
  target: 'mcp_calls_1m',
  // Aliased to the target's column names: the backfill below inserts by this list.
  select: [
    'project_id',
    'toStartOfMinute(timestamp) AS minute',
    ...ROLLUP_DIMENSIONS,
    'count() AS calls',
    'sum(caller_fault) AS caller_faults',
    'sum(untrusted) AS untrusted_calls',
    'sum(injection_suspected) AS injection_suspected_calls',
    'sum(duration_ns) AS duration_sum_ns',
    'max(duration_ns) AS duration_max_ns',
    `quantilesTDigestState(${DURATION_QUANTILES})(duration_ns) AS duration_quantiles`,
    "uniqStateIf(session_id, session_id != '') AS sessions",
    "uniqStateIf(user_id, user_id != '') AS users",
  ],
  groupBy: ['project_id', 'minute', ...ROLLUP_DIMENSIONS],
}

/**
 * Migration 0013: `span_kind` becomes a rollup dimension. Until then the rollup counted a
 * call seen by both an instrumented client and server twice, so it could not give the
 * server-side totals the dashboards show. The view is dropped (nothing feeds the table
 * meanwhile), the column added and appended to the sort key (the only change an existing
 * sort key takes), the rollup rebuilt from `mcp_calls`, and the view created anew.
 *
 * NB: the rebuild keeps the minutes `mcp_calls` still holds (row retention, 30 days by
 * default); older rollup minutes, which could not be split by span kind, are dropped.
 * On a fresh install every statement is a no-op over empty tables.
 */
export function mcpCalls1mSpanKindStatements(target: RenderTarget): string[] {
  const db = target.database
  const cluster = target.cluster === undefined ? '' : ` ON CLUSTER ${target.cluster}`
  const local = `${db}.${localTableName('mcp_calls_1m', target)}`
  const addColumn = 'ADD COLUMN IF NOT EXISTS span_kind LowCardinality(String) AFTER denial_source'
  const view = mcpCalls1mView
  return [
    `DROP VIEW IF EXISTS ${db}.${view.name}${cluster}`,
    `ALTER TABLE ${local}${cluster} ${addColumn}, MODIFY ORDER BY (project_id, minute, ${ROLLUP_DIMENSIONS.join(', ')})`,
    ...(target.cluster === undefined ? [] : [`ALTER TABLE ${db}.mcp_calls_1m${cluster} ${addColumn}`]),
    `TRUNCATE TABLE IF EXISTS ${local}${cluster}`,
    backfillStatement(view, target),
    renderView(view, target),
  ]
}
