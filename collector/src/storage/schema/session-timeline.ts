import { column, DEDUP_WINDOW, TIME_CODEC, ttlAfter, ZSTD } from './common'
import type { Retention, TableDef, ViewDef } from './types'

/**
 * `session_timeline`: a session's calls and their events, sorted by session, so one session
 * is one small read. It is a read model fed by two views (`mcp_calls`, `mcp_events`); those
 * two stay the source of truth.
 *
 * Why a second copy: `mcp_calls` is sorted by project and hour. A session's 50 steps are
 * interleaved with thousands of other calls there, so reading them touched 2–3 granules of
 * 8,192 rows per column, plus one granule per trace in the events' `by_call` projection
 * (≈ 60 ms at 10 M calls). Here they sit in 1–2 granules of 256 rows.
 *
 * Why the fields other than payloads are one JSON document (`doc`) and not columns: at this
 * size, the cost of a read is per column read, not per byte (measured at 10 M calls: about
 * 0.3 ms per column per part, so 35 columns cost 14 ms and a document 2). Payloads stay in
 * their own columns, because a viewer's read must not name them (withholding is in the query)
 * and they expire earlier. Small compressed blocks keep a read from decompressing 1 MiB per
 * column for one granule (measured 18 → 7 ms with the document).
 */
export function sessionTimelineTable(retention: Retention): TableDef {
  const payloadTtl = ttlAfter('timestamp', retention.payloadDays)
  return {
    name: 'session_timeline',
    comment:
      'Calls and their events by session (fed by session_timeline_calls_mv and session_timeline_events_mv)',
    columns: [
      column('project_id', 'LowCardinality(String)'),
      column('session_id', 'String', { codec: ZSTD }),
      // A call's start, or an event's own time.
      column('timestamp', 'DateTime64(9)', { codec: TIME_CODEC }),
      // The call's step; 0 for events.
      column('step', 'UInt32'),
      column('trace_id', 'String', { codec: ZSTD }),
      column('span_id', 'String', { codec: ZSTD }),
      // `call`, or the event's kind (`denial`, `partial`, `provenance`, `approval`, `redaction`).
      column('kind', 'LowCardinality(String)'),
      column('doc', 'String', { codec: 'ZSTD(3)' }),
      column('input', 'String', { codec: 'ZSTD(3)', ttl: payloadTtl }),
      column('output', 'String', { codec: 'ZSTD(3)', ttl: payloadTtl }),
      // An event's payload-like text: a provenance filter, or the parameters an approver saw.
      column('detail', 'String', { codec: 'ZSTD(3)' }),
    ],
    engine: { kind: 'MergeTree' },
    partitionBy: 'toDate(timestamp)',
    orderBy: ['project_id', 'session_id', 'timestamp', 'step', 'span_id', 'kind'],
    ttl: ttlAfter('timestamp', retention.rowDays),
    dedupWindow: DEDUP_WINDOW,
    settings: {
      ttl_only_drop_parts: 1,
      index_granularity: 256,
      min_compress_block_size: 4096,
      max_compress_block_size: 65536,
    },
    // The sources' key: the views write on the shard that holds the source rows.
    shardingKey: 'cityHash64(trace_id)',
  }
}

/**
 * The fields of a call in `session_timeline.doc`, named as the api reads them. `formatRowNoNewline`
 * keys each value by its alias.
 */
const CALL_DOC_FIELDS = [
  'duration_ns',
  'method',
  'target',
  'server_name',
  'client_name',
  'user_id',
  'agent_id',
  'oauth_client_id',
  'tenant',
  'scopes',
  'audience_match',
  'outcome',
  'denial_source',
  'error_type',
  'caller_fault',
  'side_effect',
  'approval',
  'input_bytes',
  'output_bytes',
  'untrusted',
  'injection_suspected',
  'flag_rules',
]

/** The fields of an event in `session_timeline.doc` (payload-like ones go to `detail`). */
const EVENT_DOC_FIELDS = [
  'resource',
  'action',
  'reason',
  'policy',
  'inferred',
  'source',
  'uri',
  'source_tenant',
  'toUnixTimestamp64Milli(as_of) AS as_of_ms',
  'excluded_count',
  'approved_by',
  'approval_id',
  'granted',
  'denied',
  'redacted_fields',
]

/** Materialized view `mcp_calls` → `session_timeline` (calls without a session id are skipped). */
export const sessionTimelineCallsView: ViewDef = {
  name: 'session_timeline_calls_mv',
  source: 'mcp_calls',
  target: 'session_timeline',
  select: [
    'project_id',
    'session_id',
    'timestamp',
    'step',
    'trace_id',
    'span_id',
    "'call' AS kind",
    `formatRowNoNewline('JSONEachRow', ${CALL_DOC_FIELDS.join(', ')}) AS doc`,
    'input',
    'output',
  ],
  where: "session_id != ''",
}

/**
 * Materialized view `mcp_events` → `session_timeline`. Untrusted-content marks are left out:
 * the call's own `untrusted` flag says it, and a session view has no other use for them.
 */
export const sessionTimelineEventsView: ViewDef = {
  name: 'session_timeline_events_mv',
  source: 'mcp_events',
  target: 'session_timeline',
  select: [
    'project_id',
    'session_id',
    'timestamp',
    'trace_id',
    'span_id',
    'kind',
    `formatRowNoNewline('JSONEachRow', ${EVENT_DOC_FIELDS.join(', ')}) AS doc`,
    "if(kind = 'approval', shown_parameters, filter) AS detail",
  ],
  where: "session_id != '' AND kind != 'untrusted'",
}
