import { column, DEDUP_WINDOW } from './common'
import type { TableDef } from './types'

const LC = 'LowCardinality(String)'

/**
 * `tool_versions`: each distinct tool definition (server, tool, hashes) with
 * first/last seen (`ToolVersionRow`); the basis of tool-definition drift alerts.
 *
 * AggregatingMergeTree keyed by the definition's hashes: every sighting inserts a
 * row and merges fold them into one. Readers still aggregate (`min(first_seen)`,
 * `max(last_seen)`, `sum(seen_count)` with GROUP BY) because merges are eventual.
 * No TTL: the table is tiny, and dropping an old definition would hide the drift
 * it is kept to reveal.
 */
export function toolVersionsTable(): TableDef {
  return {
    name: 'tool_versions',
    comment: 'Distinct tool definitions with first/last seen',
    columns: [
      column('project_id', LC),
      column('server_name', LC),
      column('tool_name', 'String'),
      column('description_hash', 'String'),
      column('input_schema_hash', 'String'),
      column('output_schema_hash', 'String'),
      column('annotations_hash', 'String'),
      column('description', 'SimpleAggregateFunction(any, String)'),
      column('input_schema', 'SimpleAggregateFunction(any, String)'),
      column('output_schema', 'SimpleAggregateFunction(any, String)'),
      column('annotations', 'SimpleAggregateFunction(any, String)'),
      column('first_seen', 'SimpleAggregateFunction(min, DateTime64(9))'),
      column('last_seen', 'SimpleAggregateFunction(max, DateTime64(9))'),
      column('seen_count', 'SimpleAggregateFunction(sum, UInt64)'),
    ],
    engine: { kind: 'AggregatingMergeTree' },
    orderBy: [
      'project_id',
      'server_name',
      'tool_name',
      'description_hash',
      'input_schema_hash',
      'output_schema_hash',
      'annotations_hash',
    ],
    dedupWindow: DEDUP_WINDOW,
    // All sightings of one tool land on one shard, so merges fold them together.
    shardingKey: 'cityHash64(project_id, server_name, tool_name)',
  }
}
