/**
 * Span → `spans` row: the generic OTLP record every received span gets,
 * whether or not it is an MCP call.
 */
import type { AcceptedSpan, Attributes, AttributeValue, OtlpEvent, OtlpLink } from '../otlp/types'
import type { SpanRow, StringMap } from '../storage/rows'
import {
  attributesToMap,
  durationNs,
  nanosToString,
  readString,
  saturateUint32,
  spanKindName,
  statusCodeName,
  valueToString,
} from './attribute-values'
import {
  ATTR_SERVICE_NAME,
  ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS,
  ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION,
  ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA,
  ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA,
  EVENT_TOLLGATE_TOOL_DEFINITION,
} from './semconv'

/**
 * Maps one accepted span to its `spans` row. `projectId` comes from the ingest
 * key; no attribute can change it. `resourceAttributes` lets a caller convert
 * a resource shared by many spans once (rows never mutate it).
 *
 * NB: the texts of `tollgate.tool.definition` events (description, schemas,
 * annotations) are left out of `event_attributes`: they are kept once per
 * distinct definition in `tool_versions`, and repeating them on every
 * `tools/list` span would multiply the spans table. Their hashes stay.
 */
export function toSpanRow(
  projectId: string,
  accepted: AcceptedSpan,
  resourceAttributes: StringMap = attributesToMap(accepted.resource.attributes),
): SpanRow {
  const { span, resource, scope } = accepted
  const eventTimes: string[] = []
  const eventNames: string[] = []
  const eventAttributes: StringMap[] = []
  for (const event of span.events) pushEvent(event, eventTimes, eventNames, eventAttributes)
  const linkTraceIds: string[] = []
  const linkSpanIds: string[] = []
  const linkTraceStates: string[] = []
  const linkAttributes: StringMap[] = []
  for (const link of span.links) pushLink(link, linkTraceIds, linkSpanIds, linkTraceStates, linkAttributes)
  return {
    project_id: projectId,
    timestamp: nanosToString(span.startTimeUnixNano),
    end_timestamp: nanosToString(span.endTimeUnixNano),
    duration_ns: durationNs(span.startTimeUnixNano, span.endTimeUnixNano),
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    trace_state: span.traceState,
    flags: span.flags,
    name: span.name,
    kind: spanKindName(span.kind),
    status_code: statusCodeName(span.status.code),
    status_message: span.status.message,
    service_name: readString(resource.attributes, ATTR_SERVICE_NAME),
    scope_name: scope.name,
    scope_version: scope.version,
    resource_attributes: resourceAttributes,
    attributes: attributesToMap(span.attributes),
    event_times: eventTimes,
    event_names: eventNames,
    event_attributes: eventAttributes,
    link_trace_ids: linkTraceIds,
    link_span_ids: linkSpanIds,
    link_trace_states: linkTraceStates,
    link_attributes: linkAttributes,
    dropped_attributes_count: saturateUint32(span.droppedAttributesCount),
    dropped_events_count: saturateUint32(span.droppedEventsCount),
    dropped_links_count: saturateUint32(span.droppedLinksCount),
    truncated_values: accepted.truncatedValues,
  }
}

function pushEvent(event: OtlpEvent, times: string[], names: string[], attributes: StringMap[]): void {
  times.push(nanosToString(event.timeUnixNano))
  names.push(event.name)
  attributes.push(
    event.name === EVENT_TOLLGATE_TOOL_DEFINITION
      ? toolDefinitionHashesOnly(event.attributes)
      : attributesToMap(event.attributes),
  )
}

function toolDefinitionHashesOnly(attrs: Attributes): StringMap {
  const out: StringMap = Object.create(null)
  for (const key in attrs) {
    switch (key) {
      case ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION:
      case ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA:
      case ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA:
      case ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS:
        continue
      default:
        out[key] = valueToString(attrs[key] as AttributeValue)
    }
  }
  return out
}

function pushLink(
  link: OtlpLink,
  traceIds: string[],
  spanIds: string[],
  traceStates: string[],
  attributes: StringMap[],
): void {
  traceIds.push(link.traceId)
  spanIds.push(link.spanId)
  traceStates.push(link.traceState)
  attributes.push(attributesToMap(link.attributes))
}
