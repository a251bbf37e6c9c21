/**
 * The statements that turn a template (`template-files.ts`) into copies inside the
 * engine: `INSERT … SELECT … FROM file(…) ARRAY JOIN range(k0, k1) AS k`. Copy k of a
 * row gets
 * - new ids derived from (old id, k) by the same function in every table, so a call's
 *   SERVER span, its CLIENT rows, its child span, its events, its session and the
 *   `prev_span_id` chain stay linked: trace ids 32 hex, span ids 16 hex, session ids in
 *   their own shape (`conn-` + 16 hex, or a version-4-shaped UUID), approval ids too;
 * - its session's time offset: `seed_lo + hash(session, k) mod (seed_hi - seed_lo + 1)`
 *   whole ms, applied to every time of the row (start and end, span event times,
 *   provenance `as_of`, token expiry) so freshness and order stay as generated.
 * Everything else (principals, tools, payloads, outcomes, events) is the template's, so
 * the mix of the traffic is the template's at any scale.
 */
import type { Template, TemplateTable } from './template-files'

/** `k`: the copy number, from the ARRAY JOIN. */
// NB: `hex` of an integer drops leading zero bytes: pad to the full width.
const hex16 = (x: string) => `lower(leftPad(hex(cityHash64(${x}, k)), 16, '0'))`
const hex32 = (x: string) =>
  `lower(concat(leftPad(hex(cityHash64(${x}, k)), 16, '0'), leftPad(hex(cityHash64(k, ${x})), 16, '0')))`
const spanId = (x: string) => `if(${x} = '', '', ${hex16(x)})`
const traceId = (x: string) => `if(${x} = '', '', ${hex32(x)})`
function sessionId(x: string): string {
  const h = (from: number, length: number) => `substring(${hex32(x)}, ${from}, ${length})`
  const uuid = `concat(${h(1, 8)}, '-', ${h(9, 4)}, '-4', ${h(14, 3)}, '-a', ${h(18, 3)}, '-', ${h(21, 12)})`
  return `multiIf(${x} = '', '', startsWith(${x}, 'conn-'), concat('conn-', ${hex16(x)}), ${uuid})`
}
const approvalId = (x: string) => `if(${x} = '', '', concat('apr_', substring(${hex16(x)}, 1, 12)))`
/** `off`: the row's offset in ns, computed once per row in the inner SELECT. */
const shifted = (x: string) => `fromUnixTimestamp64Nano(toUnixTimestamp64Nano(${x}) + off)`
/** An RFC 3339 time attribute (ms precision, as the SDK writes them) moved by the offset. */
function shiftedIso(x: string): string {
  const ms = `(toUnixTimestamp64Milli(parseDateTime64BestEffortOrZero(${x}, 3, 'UTC')) + intDiv(off, 1000000))`
  return `if(${x} = '', '', concat(formatDateTime(fromUnixTimestamp64Milli(${ms}, 'UTC'), '%Y-%m-%dT%H:%i:%S', 'UTC'), '.', leftPad(toString(${ms} % 1000), 3, '0'), 'Z'))`
}

// Only SERVER spans carry session ids and token times.
const SPAN_ATTRIBUTES = `if(kind != 'SERVER', attributes, mapApply((key, v) -> (key, multiIf(
  key IN ('mcp.session.id', 'tollgate.session.id'), ${sessionId('v')},
  key = 'tollgate.session.prev_span_id', ${spanId('v')},
  key = 'tollgate.token.expires_at', ${shiftedIso('v')},
  v)), attributes))`
const SPAN_EVENT_ATTRIBUTES = `if(empty(event_attributes), event_attributes, arrayMap(m -> mapApply((key, v) -> (key, multiIf(
  key = 'tollgate.approval.id', ${approvalId('v')},
  key = 'tollgate.provenance.as_of', ${shiftedIso('v')},
  v)), m), event_attributes))`

/** What replaces each column that changes between copies; the others are copied as they are. */
const REWRITES: Record<TemplateTable, Record<string, string>> = {
  mcp_calls: {
    timestamp: shifted('timestamp'),
    trace_id: traceId('trace_id'),
    span_id: spanId('span_id'),
    parent_span_id: spanId('parent_span_id'),
    prev_span_id: spanId('prev_span_id'),
    session_id: sessionId('session_id'),
  },
  spans: {
    timestamp: shifted('timestamp'),
    end_timestamp: shifted('end_timestamp'),
    trace_id: traceId('trace_id'),
    span_id: spanId('span_id'),
    parent_span_id: spanId('parent_span_id'),
    attributes: SPAN_ATTRIBUTES,
    event_times: `arrayMap(t -> ${shifted('t')}, event_times)`,
    event_attributes: SPAN_EVENT_ATTRIBUTES,
  },
  mcp_events: {
    timestamp: shifted('timestamp'),
    trace_id: traceId('trace_id'),
    span_id: spanId('span_id'),
    session_id: sessionId('session_id'),
    as_of: `if(toUnixTimestamp64Nano(as_of) = 0, as_of, ${shifted('as_of')})`,
    approval_id: approvalId('approval_id'),
    lookup_key: `if(kind = 'approval', ${approvalId('lookup_key')}, lookup_key)`,
  },
}

/** The session's offset of copy k, in ns (see `copy-offsets.ts`). */
const OFFSET = '(seed_lo + toInt64(cityHash64(seed_key, k) % toUInt64(seed_hi - seed_lo + 1))) * 1000000'

/**
 * Settings of every copy statement: copies never repeat a block, so the deduplication hash
 * would only cost time. The views a table feeds (four for `mcp_calls`) run in parallel. Two
 * insert streams (`max_insert_threads = 2`) were faster per statement but slower over 10 M
 * calls: background merges already use the second core. Larger blocks
 * (`min_insert_block_size_bytes = 0`, 1 M rows) were no faster on 1 M calls and doubled the
 * peak memory (4.3 GB).
 */
const SETTINGS = 'insert_deduplicate = 0, parallel_view_processing = 1'

/**
 * Inserts copies `{k0:UInt32}` ≤ k < `{k1:UInt32}` of the template's `table` into `db`;
 * the file glob is bound as `{files:String}`.
 */
export function copyStatement(db: string, table: TemplateTable, template: Template): string {
  const columns = template.columns[table]
  const rewrites = REWRITES[table]
  const select = columns.map((c) => rewrites[c] ?? c).join(', ')
  return (
    `INSERT INTO ${db}.${table} (${columns.join(', ')}) SELECT ${select} FROM (` +
    `SELECT *, k, ${OFFSET} AS off FROM file({files:String}, RowBinaryWithNamesAndTypes) ` +
    `ARRAY JOIN range({k0:UInt32}, {k1:UInt32}) AS k) SETTINGS ${SETTINGS}`
  )
}

/**
 * One row per tool definition the copies' `tools/list` calls returned, with first and last
 * sighting (19-digit ns strings) and count, as the collector folds `tool_versions`.
 */
export const TOOL_SIGHTINGS = `
  SELECT attributes['tollgate.server.name'] AS server,
         ea['tollgate.tool.definition.name'] AS tool,
         ea['tollgate.tool.definition.description_hash'] AS description_hash,
         ea['tollgate.tool.definition.input_schema_hash'] AS input_schema_hash,
         ea['tollgate.tool.definition.annotations_hash'] AS annotations_hash,
         toString(toUnixTimestamp64Nano(min(at))) AS first_seen,
         toString(toUnixTimestamp64Nano(max(at))) AS last_seen,
         count() AS seen
  FROM (
    SELECT attributes, event_names, event_attributes, ${shifted('timestamp')} AS at
    FROM (
      SELECT attributes, event_names, event_attributes, timestamp, k, ${OFFSET} AS off
      FROM file({files:String}, RowBinaryWithNamesAndTypes)
      ARRAY JOIN range({k0:UInt32}, {k1:UInt32}) AS k
      WHERE kind = 'SERVER' AND name = 'tools/list'))
  ARRAY JOIN event_names AS en, event_attributes AS ea
  WHERE en = 'tollgate.tool.definition'
  GROUP BY server, tool, description_hash, input_schema_hash, annotations_hash
  ORDER BY server, tool, description_hash, input_schema_hash, annotations_hash`
