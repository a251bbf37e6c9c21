/**
 * Span events → `mcp_events` rows: one per denial, partial authorization,
 * provenance record, approval, redaction or untrusted-content mark. Event
 * attributes that have no column go to the row's `attributes` map.
 */
import type { AcceptedSpan, AttributeValue } from '../otlp/types'
import type { McpEventKind, McpEventRow } from '../storage/rows'
import { nanosToString, rfc3339ToNanos, toCount, valueToString, ZERO_NANOS } from './attribute-values'
import { type CallContext, contextFromAttributes } from './call-attributes'
import {
  ATTR_TOLLGATE_APPROVAL_APPROVED_BY,
  ATTR_TOLLGATE_APPROVAL_ID,
  ATTR_TOLLGATE_APPROVAL_SHOWN_PARAMETERS,
  ATTR_TOLLGATE_DENIAL_ACTION,
  ATTR_TOLLGATE_DENIAL_INFERRED,
  ATTR_TOLLGATE_DENIAL_POLICY,
  ATTR_TOLLGATE_DENIAL_REASON,
  ATTR_TOLLGATE_DENIAL_RESOURCE,
  ATTR_TOLLGATE_PARTIAL_DENIED,
  ATTR_TOLLGATE_PARTIAL_GRANTED,
  ATTR_TOLLGATE_PARTIAL_REASON,
  ATTR_TOLLGATE_PARTIAL_REDACTED_FIELDS,
  ATTR_TOLLGATE_PARTIAL_RESOURCE,
  ATTR_TOLLGATE_PROVENANCE_AS_OF,
  ATTR_TOLLGATE_PROVENANCE_EXCLUDED_COUNT,
  ATTR_TOLLGATE_PROVENANCE_EXCLUDED_REASON,
  ATTR_TOLLGATE_PROVENANCE_FILTER,
  ATTR_TOLLGATE_PROVENANCE_SOURCE,
  ATTR_TOLLGATE_PROVENANCE_TENANT,
  ATTR_TOLLGATE_PROVENANCE_URI,
  ATTR_TOLLGATE_REDACTION_FIELD,
  ATTR_TOLLGATE_UNTRUSTED_REASON,
  ATTR_TOLLGATE_UNTRUSTED_SOURCE,
  EVENT_TOLLGATE_APPROVAL,
  EVENT_TOLLGATE_DENIAL,
  EVENT_TOLLGATE_PARTIAL,
  EVENT_TOLLGATE_PROVENANCE,
  EVENT_TOLLGATE_REDACTION,
  EVENT_TOLLGATE_UNTRUSTED,
} from './semconv'

/**
 * Appends the `mcp_events` rows of one span to `out` (and returns it).
 * `call` is the span's `mcp_calls` row, whose session, method, target and
 * identity every event row copies; `null` when the span is not a call, in
 * which case they are read from the span's own attributes.
 */
export function toMcpEventRows(
  projectId: string,
  accepted: AcceptedSpan,
  call: CallContext | null,
  out: McpEventRow[] = [],
): McpEventRow[] {
  const span = accepted.span
  let ctx = call
  for (const event of span.events) {
    const kind = eventKind(event.name)
    if (kind === null) continue
    if (ctx === null) ctx = contextFromAttributes(span.attributes)
    const timestamp = nanosToString(event.timeUnixNano !== 0n ? event.timeUnixNano : span.startTimeUnixNano)
    out.push(mcpEventRow(projectId, timestamp, span.traceId, span.spanId, ctx, kind, event.attributes))
  }
  return out
}

/**
 * One `mcp_events` row: the event's attributes moved to their columns (the rest into
 * `attributes`) and its lookup key set. The ingest path and the seed's generator both use
 * it, so seeded rows are exactly what ingest would store.
 */
export function mcpEventRow(
  projectId: string,
  timestamp: string,
  traceId: string,
  spanId: string,
  ctx: CallContext,
  kind: McpEventKind,
  attributes: Readonly<Record<string, AttributeValue>>,
): McpEventRow {
  const row = baseRow(projectId, timestamp, traceId, spanId, ctx, kind)
  for (const key in attributes) {
    const value = attributes[key] as AttributeValue
    if (!setColumn(row, key, value)) row.attributes[key] = valueToString(value)
  }
  row.lookup_key = eventLookupKey(row)
  return row
}

function eventKind(name: string): McpEventKind | null {
  switch (name) {
    case EVENT_TOLLGATE_DENIAL:
      return 'denial'
    case EVENT_TOLLGATE_PARTIAL:
      return 'partial'
    case EVENT_TOLLGATE_PROVENANCE:
      return 'provenance'
    case EVENT_TOLLGATE_APPROVAL:
      return 'approval'
    case EVENT_TOLLGATE_REDACTION:
      return 'redaction'
    case EVENT_TOLLGATE_UNTRUSTED:
      return 'untrusted'
    default:
      return null
  }
}

function baseRow(
  projectId: string,
  timestamp: string,
  traceId: string,
  spanId: string,
  ctx: CallContext,
  kind: McpEventKind,
): McpEventRow {
  return {
    project_id: projectId,
    timestamp,
    kind,
    lookup_key: '',
    trace_id: traceId,
    span_id: spanId,
    session_id: ctx.session_id,
    method: ctx.method,
    target: ctx.target,
    user_id: ctx.user_id,
    agent_id: ctx.agent_id,
    tenant: ctx.tenant,
    resource: '',
    action: '',
    reason: '',
    policy: '',
    inferred: 0,
    source: '',
    uri: '',
    filter: '',
    source_tenant: '',
    as_of: ZERO_NANOS,
    excluded_count: 0,
    approved_by: '',
    approval_id: '',
    shown_parameters: '',
    granted: [],
    denied: [],
    redacted_fields: [],
    attributes: Object.create(null),
  }
}

/** Sets the column `key` feeds, for the row's kind; false when it feeds none. */
function setColumn(row: McpEventRow, key: string, value: AttributeValue): boolean {
  switch (row.kind) {
    case 'denial':
      return setDenialColumn(row, key, value)
    case 'partial':
      return setPartialColumn(row, key, value)
    case 'provenance':
      return setProvenanceColumn(row, key, value)
    case 'approval':
      return setApprovalColumn(row, key, value)
    case 'redaction':
      if (key !== ATTR_TOLLGATE_REDACTION_FIELD) return false
      row.redacted_fields = [valueToString(value)]
      return true
    case 'untrusted':
      if (key === ATTR_TOLLGATE_UNTRUSTED_SOURCE) row.source = valueToString(value)
      else if (key === ATTR_TOLLGATE_UNTRUSTED_REASON) row.reason = valueToString(value)
      else return false
      return true
  }
}

function setDenialColumn(row: McpEventRow, key: string, value: AttributeValue): boolean {
  switch (key) {
    case ATTR_TOLLGATE_DENIAL_RESOURCE:
      row.resource = valueToString(value)
      return true
    case ATTR_TOLLGATE_DENIAL_ACTION:
      row.action = valueToString(value)
      return true
    case ATTR_TOLLGATE_DENIAL_REASON:
      row.reason = valueToString(value)
      return true
    case ATTR_TOLLGATE_DENIAL_POLICY:
      row.policy = valueToString(value)
      return true
    case ATTR_TOLLGATE_DENIAL_INFERRED:
      row.inferred = value === true || value === 'true' ? 1 : 0
      return true
    default:
      return false
  }
}

function setPartialColumn(row: McpEventRow, key: string, value: AttributeValue): boolean {
  switch (key) {
    case ATTR_TOLLGATE_PARTIAL_RESOURCE:
      row.resource = valueToString(value)
      return true
    case ATTR_TOLLGATE_PARTIAL_GRANTED:
      row.granted = toStringArray(value)
      return true
    case ATTR_TOLLGATE_PARTIAL_DENIED:
      row.denied = toStringArray(value)
      return true
    case ATTR_TOLLGATE_PARTIAL_REDACTED_FIELDS:
      row.redacted_fields = toStringArray(value)
      return true
    case ATTR_TOLLGATE_PARTIAL_REASON:
      row.reason = valueToString(value)
      return true
    default:
      return false
  }
}

function setProvenanceColumn(row: McpEventRow, key: string, value: AttributeValue): boolean {
  switch (key) {
    case ATTR_TOLLGATE_PROVENANCE_SOURCE:
      row.source = valueToString(value)
      return true
    case ATTR_TOLLGATE_PROVENANCE_URI:
      row.uri = valueToString(value)
      return true
    case ATTR_TOLLGATE_PROVENANCE_FILTER:
      row.filter = valueToString(value)
      return true
    case ATTR_TOLLGATE_PROVENANCE_TENANT:
      row.source_tenant = valueToString(value)
      return true
    case ATTR_TOLLGATE_PROVENANCE_AS_OF: {
      // An unparseable date keeps its text in `attributes` rather than vanish.
      const nanos = typeof value === 'string' ? rfc3339ToNanos(value) : ''
      if (nanos === '') return false
      row.as_of = nanos
      return true
    }
    case ATTR_TOLLGATE_PROVENANCE_EXCLUDED_COUNT:
      row.excluded_count = toCount(value)
      return true
    case ATTR_TOLLGATE_PROVENANCE_EXCLUDED_REASON:
      row.reason = valueToString(value)
      return true
    default:
      return false
  }
}

function setApprovalColumn(row: McpEventRow, key: string, value: AttributeValue): boolean {
  switch (key) {
    case ATTR_TOLLGATE_APPROVAL_APPROVED_BY:
      row.approved_by = valueToString(value)
      return true
    case ATTR_TOLLGATE_APPROVAL_ID:
      row.approval_id = valueToString(value)
      return true
    case ATTR_TOLLGATE_APPROVAL_SHOWN_PARAMETERS:
      row.shown_parameters = valueToString(value)
      return true
    default:
      return false
  }
}

/** What "every call that touched X" searches by, per kind (the row's `lookup_key`). */
export function eventLookupKey(
  row: Pick<
    McpEventRow,
    'kind' | 'resource' | 'target' | 'uri' | 'source' | 'approval_id' | 'redacted_fields'
  >,
): string {
  switch (row.kind) {
    case 'denial':
    case 'partial':
      return row.resource || row.target
    case 'provenance':
      return row.uri || row.source
    case 'approval':
      return row.approval_id
    case 'redaction':
      return row.redacted_fields[0] ?? ''
    case 'untrusted':
      return row.source
  }
}

function toStringArray(value: AttributeValue): string[] {
  if (Array.isArray(value)) return value.map(valueToString)
  const s = valueToString(value)
  return s === '' ? [] : [s]
}
