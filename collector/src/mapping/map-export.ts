/**
 * Validated spans → the rows of every data table, for one ingest request.
 */
import type { AcceptedSpan } from '../otlp/types'
import type { RowBatch, StringMap } from '../storage/rows'
import { attributesToMap } from './attribute-values'
import { PAYLOAD_KEYS } from './call-attributes'
import { toMcpCallRow } from './to-mcp-call-row'
import { toMcpEventRows } from './to-mcp-event-rows'
import { toSpanRow } from './to-span-row'
import { mergeToolVersionRows, toToolVersionRows } from './to-tool-version-rows'

/**
 * Maps the accepted spans of one request to rows. `projectId` is the project
 * of the ingest key that sent them; no attribute can override it.
 *
 * NB: for spans that become `mcp_calls` rows, payload attributes are moved to
 * `mcp_calls.input`/`output` rather than copied into `spans.attributes`, so
 * payloads live only where their shorter TTL and access rules apply.
 */
export function mapSpans(projectId: string, accepted: AcceptedSpan[]): RowBatch {
  const batch: RowBatch = { spans: [], mcp_calls: [], mcp_events: [], tool_versions: [] }
  // Spans of one ResourceSpans share their resource object: convert it once.
  let lastResource: AcceptedSpan['resource'] | null = null
  let resourceMap: StringMap = Object.create(null)
  for (const item of accepted) {
    if (item.resource !== lastResource) {
      lastResource = item.resource
      resourceMap = attributesToMap(item.resource.attributes)
    }
    const spanRow = toSpanRow(projectId, item, resourceMap)
    const call = toMcpCallRow(projectId, item)
    if (call !== null) {
      batch.mcp_calls.push(call)
      removePayloads(spanRow.attributes)
    }
    batch.spans.push(spanRow)
    if (item.span.events.length > 0) {
      toMcpEventRows(projectId, item, call, batch.mcp_events)
      toToolVersionRows(projectId, item, batch.tool_versions)
    }
  }
  batch.tool_versions = mergeToolVersionRows(batch.tool_versions)
  return batch
}

function removePayloads(attributes: StringMap): void {
  for (let i = 0; i < PAYLOAD_KEYS.length; i++) {
    const key = PAYLOAD_KEYS[i] as string
    if (key in attributes) delete attributes[key]
  }
}
