/**
 * `tollgate.tool.definition` events (one per tool on a `tools/list` span) →
 * `tool_versions` rows, the basis of tool-definition drift alerts.
 */
import { createHash } from 'node:crypto'
import type { AcceptedSpan, Attributes } from '../otlp/types'
import type { ToolVersionRow } from '../storage/rows'
import { nanosToString, readString } from './attribute-values'
import { readServerName } from './call-attributes'
import {
  ATTR_SERVICE_NAME,
  ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS,
  ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS_HASH,
  ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION,
  ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION_HASH,
  ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA,
  ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA_HASH,
  ATTR_TOLLGATE_TOOL_DEFINITION_NAME,
  ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA,
  ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH,
  EVENT_TOLLGATE_TOOL_DEFINITION,
} from './semconv'

/**
 * Appends one row per tool definition event of the span to `out` (and returns
 * it). The server is `tollgate.server.name` (or a legacy key), else the
 * resource's `service.name`.
 */
export function toToolVersionRows(
  projectId: string,
  accepted: AcceptedSpan,
  out: ToolVersionRow[] = [],
): ToolVersionRow[] {
  const span = accepted.span
  let serverName: string | undefined
  for (const event of span.events) {
    if (event.name !== EVENT_TOLLGATE_TOOL_DEFINITION) continue
    const a = event.attributes
    const toolName = readString(a, ATTR_TOLLGATE_TOOL_DEFINITION_NAME)
    if (toolName === '') continue
    serverName ??=
      readServerName(span.attributes) || readString(accepted.resource.attributes, ATTR_SERVICE_NAME)
    const seen = nanosToString(event.timeUnixNano !== 0n ? event.timeUnixNano : span.startTimeUnixNano)
    out.push({
      project_id: projectId,
      server_name: serverName,
      tool_name: toolName,
      description_hash: hashOf(
        a,
        ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION_HASH,
        ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION,
      ),
      input_schema_hash: hashOf(
        a,
        ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA_HASH,
        ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA,
      ),
      output_schema_hash: hashOf(
        a,
        ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH,
        ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA,
      ),
      annotations_hash: hashOf(
        a,
        ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS_HASH,
        ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS,
      ),
      description: readString(a, ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION),
      input_schema: readString(a, ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA),
      output_schema: readString(a, ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA),
      annotations: readString(a, ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS),
      first_seen: seen,
      last_seen: seen,
      seen_count: 1,
    })
  }
  return out
}

/**
 * The reported hash; when a producer sent the text without it, SHA-256 of the
 * text. NB: the SDK's hash is preferred because it covers the full text, which
 * the collector may have truncated at the value-length limit.
 */
function hashOf(a: Attributes, hashKey: string, textKey: string): string {
  const reported = readString(a, hashKey)
  if (reported !== '') return reported
  const text = readString(a, textKey)
  return text === '' ? '' : createHash('sha256').update(text, 'utf8').digest('hex')
}

/**
 * Collapses rows of the same definition within one batch into one (min
 * first_seen, max last_seen, summed count): every session starts with a
 * `tools/list`, so a busy batch repeats each definition many times.
 */
export function mergeToolVersionRows(rows: ToolVersionRow[]): ToolVersionRow[] {
  if (rows.length < 2) return rows
  const byKey = new Map<string, ToolVersionRow>()
  for (const row of rows) {
    const key = `${row.project_id}\u0000${row.server_name}\u0000${row.tool_name}\u0000${row.description_hash}\u0000${row.input_schema_hash}\u0000${row.output_schema_hash}\u0000${row.annotations_hash}`
    const seen = byKey.get(key)
    if (seen === undefined) {
      byKey.set(key, row)
      continue
    }
    if (BigInt(row.first_seen) < BigInt(seen.first_seen)) seen.first_seen = row.first_seen
    if (BigInt(row.last_seen) > BigInt(seen.last_seen)) seen.last_seen = row.last_seen
    seen.seen_count += row.seen_count
  }
  return [...byKey.values()]
}
