import { column, DEDUP_WINDOW, STRING_MAP, TIME_CODEC, ttlAfter, ZSTD } from './common'
import type { Retention, TableDef } from './types'

/**
 * `spans`: every received span, generic OTLP (`SpanRow` in `rows.ts`).
 *
 * Plain MergeTree because spans are immutable (see DESIGN.md "Storage": read-time
 * dedup of Replacing engines became Langfuse's main cost). Sorted by project, hour,
 * then the grouping keys of span queries; a trace is found through `trace_lookup`
 * (narrow time range) plus the bloom filter on `trace_id`.
 */
export function spansTable(retention: Retention): TableDef {
  return {
    name: 'spans',
    comment: 'Every received span (generic OTLP)',
    columns: [
      column('project_id', 'LowCardinality(String)'),
      column('timestamp', 'DateTime64(9)', { codec: TIME_CODEC }),
      column('end_timestamp', 'DateTime64(9)', { codec: TIME_CODEC }),
      column('duration_ns', 'UInt64', { codec: ZSTD }),
      column('trace_id', 'String', { codec: ZSTD }),
      column('span_id', 'String', { codec: ZSTD }),
      column('parent_span_id', 'String', { codec: ZSTD }),
      column('trace_state', 'String', { codec: ZSTD }),
      column('flags', 'UInt32'),
      column('name', 'LowCardinality(String)', { codec: ZSTD }),
      column('kind', 'LowCardinality(String)', { codec: ZSTD }),
      column('status_code', 'LowCardinality(String)', { codec: ZSTD }),
      column('status_message', 'String', { codec: ZSTD }),
      column('service_name', 'LowCardinality(String)', { codec: ZSTD }),
      column('scope_name', 'LowCardinality(String)', { codec: ZSTD }),
      column('scope_version', 'LowCardinality(String)', { codec: ZSTD }),
      column('resource_attributes', STRING_MAP, { codec: ZSTD }),
      column('attributes', STRING_MAP, { codec: ZSTD }),
      column('event_times', 'Array(DateTime64(9))', { codec: ZSTD }),
      column('event_names', 'Array(LowCardinality(String))', { codec: ZSTD }),
      column('event_attributes', `Array(${STRING_MAP})`, { codec: ZSTD }),
      column('link_trace_ids', 'Array(String)', { codec: ZSTD }),
      column('link_span_ids', 'Array(String)', { codec: ZSTD }),
      column('link_trace_states', 'Array(String)', { codec: ZSTD }),
      column('link_attributes', `Array(${STRING_MAP})`, { codec: ZSTD }),
      column('dropped_attributes_count', 'UInt32'),
      column('dropped_events_count', 'UInt32'),
      column('dropped_links_count', 'UInt32'),
      column('truncated_values', 'UInt32'),
      column('ingested_at', 'DateTime', { default: 'now()', codec: TIME_CODEC }),
    ],
    engine: { kind: 'MergeTree' },
    partitionBy: 'toDate(timestamp)',
    orderBy: ['project_id', 'toStartOfHour(timestamp)', 'service_name', 'name', 'timestamp'],
    ttl: ttlAfter('timestamp', retention.rowDays),
    indexes: [
      { name: 'idx_trace_id', expr: 'trace_id', type: 'bloom_filter(0.001)', granularity: 1 },
      // Attribute-key filters ("spans that have key K") skip granules without it.
      {
        name: 'idx_resource_keys',
        expr: 'mapKeys(resource_attributes)',
        type: 'bloom_filter(0.01)',
        granularity: 1,
      },
      { name: 'idx_attribute_keys', expr: 'mapKeys(attributes)', type: 'bloom_filter(0.01)', granularity: 1 },
      { name: 'idx_duration', expr: 'duration_ns', type: 'minmax', granularity: 1 },
    ],
    dedupWindow: DEDUP_WINDOW,
    // Whole day-partitions expire at once instead of being rewritten row by row.
    settings: { ttl_only_drop_parts: 1 },
    // A trace stays on one shard, so a trace read and `trace_lookup` stay local.
    shardingKey: 'cityHash64(trace_id)',
  }
}
