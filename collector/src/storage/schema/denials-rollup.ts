import { column, DEDUP_WINDOW, ttlAfter } from './common'
import type { Retention, TableDef, ViewDef } from './types'

/** Who a denied call was made for: the rollup's dimensions after project and minute. */
const PRINCIPALS = ['user_id', 'agent_id', 'oauth_client_id']

/**
 * `mcp_denials_1m`: denied calls per minute and principal (user, agent, OAuth client), for
 * the "most denied" breakdowns over long ranges. Those keys are not in `mcp_calls_1m` (one
 * row per user there would multiply it), and grouping the raw rows reads the `user_id` of
 * nearly every granule, since denials are spread thinly over all traffic: over 7 days of
 * 10 M calls ~0.5 s. Denied calls are a few percent of all, so this stays small. Counts the
 * calls the denial views count: server side, and refused connections (`denial_source` auth).
 */
export function mcpDenials1mTable(retention: Retention): TableDef {
  return {
    name: 'mcp_denials_1m',
    comment: 'Per-minute denied calls by principal (fed by mcp_denials_1m_mv)',
    columns: [
      column('project_id', 'LowCardinality(String)'),
      column('minute', 'DateTime'),
      column('user_id', 'String'),
      column('agent_id', 'LowCardinality(String)'),
      column('oauth_client_id', 'LowCardinality(String)'),
      column('denials', 'SimpleAggregateFunction(sum, UInt64)'),
    ],
    engine: { kind: 'AggregatingMergeTree' },
    partitionBy: 'toYYYYMM(minute)',
    orderBy: ['project_id', 'minute', ...PRINCIPALS],
    ttl: ttlAfter('minute', retention.rollupDays),
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    shardingKey: 'cityHash64(project_id, user_id)',
  }
}

/** Materialized view `mcp_calls` → `mcp_denials_1m`. */
export const mcpDenials1mView: ViewDef = {
  name: 'mcp_denials_1m_mv',
  source: 'mcp_calls',
  target: 'mcp_denials_1m',
  select: ['project_id', 'toStartOfMinute(timestamp) AS minute', ...PRINCIPALS, 'count() AS denials'],
  where: "outcome = 'denied' AND (span_kind = 'SERVER' OR denial_source = 'auth')",
  groupBy: ['project_id', 'minute', ...PRINCIPALS],
}
