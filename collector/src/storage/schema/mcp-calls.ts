import { column, DEDUP_WINDOW, TIME_CODEC, ttlAfter, ZSTD } from './common'
import type { ColumnDef, Retention, TableDef } from './types'

const LC = 'LowCardinality(String)'

/**
 * `mcp_calls`: one wide row per MCP request (`McpCallRow` in `rows.ts`): the hot
 * attributes of MCP spans promoted to real columns, because reading one key of a
 * Map reads the whole Map.
 *
 * Sorted by project, hour, then server / method / target, the grouping keys of the
 * overview, tools and denials views. Session, trace and user lookups use bloom
 * filters (and `session_lookup` to narrow the time range first).
 */
export function mcpCallsTable(retention: Retention): TableDef {
  return {
    name: 'mcp_calls',
    comment: 'One row per MCP request (server side, or client side when no server span exists)',
    columns: [...identityColumns(), ...authColumns(), ...resultColumns(retention)],
    engine: { kind: 'MergeTree' },
    partitionBy: 'toDate(timestamp)',
    orderBy: ['project_id', 'toStartOfHour(timestamp)', 'server_name', 'method', 'target', 'timestamp'],
    ttl: ttlAfter('timestamp', retention.rowDays),
    indexes: [
      { name: 'idx_session_id', expr: 'session_id', type: 'bloom_filter(0.001)', granularity: 1 },
      { name: 'idx_trace_id', expr: 'trace_id', type: 'bloom_filter(0.001)', granularity: 1 },
      { name: 'idx_user_id', expr: 'user_id', type: 'bloom_filter(0.01)', granularity: 1 },
      // Denial views filter on outcome; most granules hold no denial at all.
      { name: 'idx_outcome', expr: 'outcome', type: 'set(8)', granularity: 1 },
    ],
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    // Same key as `spans`, so a trace's spans and calls share a shard.
    shardingKey: 'cityHash64(trace_id)',
  }
}

function identityColumns(): ColumnDef[] {
  return [
    column('project_id', LC),
    column('timestamp', 'DateTime64(9)', { codec: TIME_CODEC }),
    column('duration_ns', 'UInt64', { codec: ZSTD }),
    column('trace_id', 'String', { codec: ZSTD }),
    column('span_id', 'String', { codec: ZSTD }),
    column('parent_span_id', 'String', { codec: ZSTD }),
    column('span_kind', LC),
    column('service_name', LC),
    column('session_id', 'String', { codec: ZSTD }),
    column('step', 'UInt32'),
    column('prev_span_id', 'String', { codec: ZSTD }),
    column('method', LC),
    column('target', 'String', { codec: ZSTD }),
    column('request_id', 'String', { codec: ZSTD }),
    column('protocol_version', LC),
    column('transport', LC),
    column('server_name', LC),
    column('server_version', LC),
    column('client_name', LC),
    column('client_version', LC),
    column('client_address', 'String', { codec: ZSTD }),
  ]
}

function authColumns(): ColumnDef[] {
  return [
    column('user_id', 'String', { codec: ZSTD }),
    column('agent_id', LC),
    column('oauth_client_id', LC),
    column('tenant', LC),
    column('scopes', `Array(${LC})`, { codec: ZSTD }),
    column('token_audience', 'String', { codec: ZSTD }),
    column('audience_match', LC),
    column('outcome', LC),
    column('authz_outcome', LC),
    column('denial_source', LC),
    column('error_type', LC),
    column('error_code', 'Int32'),
    column('caller_fault', 'UInt8'),
    column('side_effect', LC),
    column('approval', LC),
    column('approved_by', 'String', { codec: ZSTD }),
  ]
}

function resultColumns(retention: Retention): ColumnDef[] {
  // Payloads are the bulk of the row and the most sensitive part: they expire
  // first (column TTL, cleared at the next TTL merge) while sizes and flags stay.
  const payloadTtl = ttlAfter('timestamp', retention.payloadDays)
  return [
    column('input', 'String', { codec: 'ZSTD(3)', ttl: payloadTtl }),
    column('output', 'String', { codec: 'ZSTD(3)', ttl: payloadTtl }),
    column('input_bytes', 'UInt32'),
    column('output_bytes', 'UInt32'),
    column('untrusted', 'UInt8'),
    column('injection_suspected', 'UInt8'),
    column('flag_rules', `Array(${LC})`, { codec: ZSTD }),
    column('denial_count', 'UInt16'),
    column('provenance_count', 'UInt16'),
    column('redaction_count', 'UInt16'),
    column('ingested_at', 'DateTime', { default: 'now()', codec: TIME_CODEC }),
  ]
}
