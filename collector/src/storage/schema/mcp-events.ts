import { column, DEDUP_WINDOW, STRING_MAP, TIME_CODEC, ttlAfter, ZSTD } from './common'
import type { Retention, TableDef } from './types'

const LC = 'LowCardinality(String)'

/**
 * `mcp_events`: denials, partial authorizations, provenance records, approvals,
 * redactions and untrusted-content marks reported inside calls (`McpEventRow`).
 *
 * Two access paths, both index lookups:
 * - "every call that touched X": the sort key `(project_id, kind, lookup_key, timestamp)`;
 * - "every source behind call Y": the projection `by_call` sorted by
 *   `(project_id, trace_id, span_id)`, which the engine picks by itself for
 *   `WHERE project_id = … AND trace_id = … [AND span_id = …]`.
 * A projection rather than a second table fed by a view: it is kept in the same
 * part as the rows, so it is deduplicated, merged and expired with them, and no
 * reader has to know a second table name. Events are small next to spans, so the
 * second copy costs little.
 */
export function mcpEventsTable(retention: Retention): TableDef {
  return {
    name: 'mcp_events',
    comment: 'Denial, provenance, approval, redaction and untrusted-content events inside MCP calls',
    columns: [
      column('project_id', LC),
      column('timestamp', 'DateTime64(9)', { codec: TIME_CODEC }),
      column('kind', LC),
      column('lookup_key', 'String', { codec: ZSTD }),
      column('trace_id', 'String', { codec: ZSTD }),
      column('span_id', 'String', { codec: ZSTD }),
      column('session_id', 'String', { codec: ZSTD }),
      column('method', LC),
      column('target', 'String', { codec: ZSTD }),
      column('user_id', 'String', { codec: ZSTD }),
      column('agent_id', LC),
      column('tenant', LC),
      column('resource', 'String', { codec: ZSTD }),
      column('action', LC),
      column('reason', 'String', { codec: ZSTD }),
      column('policy', LC),
      column('inferred', 'UInt8'),
      column('source', LC),
      column('uri', 'String', { codec: ZSTD }),
      column('filter', 'String', { codec: ZSTD }),
      column('source_tenant', LC),
      column('as_of', 'DateTime64(9)', { codec: TIME_CODEC }),
      column('excluded_count', 'UInt32'),
      column('approved_by', 'String', { codec: ZSTD }),
      column('approval_id', 'String', { codec: ZSTD }),
      column('shown_parameters', 'String', { codec: ZSTD }),
      column('granted', 'Array(String)', { codec: ZSTD }),
      column('denied', 'Array(String)', { codec: ZSTD }),
      column('redacted_fields', 'Array(String)', { codec: ZSTD }),
      column('attributes', STRING_MAP, { codec: ZSTD }),
      column('ingested_at', 'DateTime', { default: 'now()', codec: TIME_CODEC }),
    ],
    engine: { kind: 'MergeTree' },
    partitionBy: 'toDate(timestamp)',
    orderBy: ['project_id', 'kind', 'lookup_key', 'timestamp'],
    ttl: ttlAfter('timestamp', retention.rowDays),
    projections: [{ name: 'by_call', query: 'SELECT * ORDER BY (project_id, trace_id, span_id)' }],
    dedupWindow: DEDUP_WINDOW,
    settings: { ttl_only_drop_parts: 1 },
    // Same key as `spans` and `mcp_calls`: a call and its events share a shard.
    shardingKey: 'cityHash64(trace_id)',
  }
}
