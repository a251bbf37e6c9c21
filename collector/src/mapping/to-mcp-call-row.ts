/**
 * Span → `mcp_calls` row: one wide row per MCP request span, server or client
 * side (`span_kind` tells which), after legacy keys are mapped.
 */
import type { AcceptedSpan, Attributes, OtlpEvent, OtlpSpan } from '../otlp/types'
import type { McpCallRow, SideEffect } from '../storage/rows'
import {
  durationNs,
  nanosToString,
  readBool,
  readCount,
  readFlag,
  readString,
  readStringArray,
  spanKindName,
} from './attribute-values'
import {
  readClientName,
  readClientVersion,
  readInput,
  readMethod,
  readOutput,
  readRequestId,
  readServerName,
  readServerVersion,
  readSessionId,
  readStatusCode,
  readTarget,
  readToolName,
  readUserId,
} from './call-attributes'
import { callerFault, classifyOutcome, deriveDenialSource, errorCodeOf, oneOf } from './classify'
import { legacyErrorType, legacyTransport } from './legacy'
import {
  APPROVAL_STATUSES,
  ATTR_CLIENT_ADDRESS,
  ATTR_ERROR_TYPE,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_SERVICE_NAME,
  ATTR_TOLLGATE_AGENT_ID,
  ATTR_TOLLGATE_APPROVAL_APPROVED_BY,
  ATTR_TOLLGATE_APPROVAL_STATUS,
  ATTR_TOLLGATE_AUTHZ_DENIAL_SOURCE,
  ATTR_TOLLGATE_AUTHZ_OUTCOME,
  ATTR_TOLLGATE_DENIAL_INFERRED,
  ATTR_TOLLGATE_FLAG_INJECTION_SUSPECTED,
  ATTR_TOLLGATE_FLAG_RULES,
  ATTR_TOLLGATE_FLAG_UNTRUSTED,
  ATTR_TOLLGATE_INPUT_BYTES,
  ATTR_TOLLGATE_OAUTH_CLIENT_ID,
  ATTR_TOLLGATE_OAUTH_SCOPES,
  ATTR_TOLLGATE_OUTPUT_BYTES,
  ATTR_TOLLGATE_SESSION_PREV_SPAN_ID,
  ATTR_TOLLGATE_SESSION_STEP,
  ATTR_TOLLGATE_SIDE_EFFECT,
  ATTR_TOLLGATE_TENANT,
  ATTR_TOLLGATE_TOKEN_AUDIENCE,
  ATTR_TOLLGATE_TOKEN_AUDIENCE_MATCH,
  AUTHZ_OUTCOMES,
  ERROR_TYPE_OTHER,
  EVENT_TOLLGATE_APPROVAL,
  EVENT_TOLLGATE_DENIAL,
  EVENT_TOLLGATE_PARTIAL,
  EVENT_TOLLGATE_PROVENANCE,
  EVENT_TOLLGATE_REDACTION,
  EVENT_TOLLGATE_UNTRUSTED,
} from './semconv'

/** Counts of the Tollgate events of one span. */
interface EventSummary {
  denials: number
  inferredDenials: number
  partials: number
  provenance: number
  redactions: number
  untrusted: number
  /** `approved_by` of the first approval event ('' when none). */
  approvedBy: string
  approvals: number
}

/**
 * Maps a span to its `mcp_calls` row, or `null` when it is not an MCP call:
 * a call has `mcp.method.name` (after legacy mapping) or is a refused
 * connection (`tollgate.authz.denial_source = auth`).
 *
 * NB: longer than the house's 60 lines on purpose: one literal with every
 * column in table order keeps the row shape monomorphic and costs no extra
 * allocation per span (this is the ingest hot path).
 */
export function toMcpCallRow(projectId: string, accepted: AcceptedSpan): McpCallRow | null {
  const span = accepted.span
  const a = span.attributes
  const toolName = readToolName(a)
  const method = readMethod(accepted, toolName)
  const reportedDenialSource = readString(a, ATTR_TOLLGATE_AUTHZ_DENIAL_SOURCE)
  if (method === '' && reportedDenialSource !== 'auth') return null

  const ev = summarizeEvents(span.events)
  const authzOutcome = oneOf(readString(a, ATTR_TOLLGATE_AUTHZ_OUTCOME), AUTHZ_OUTCOMES)
  const denialSource = deriveDenialSource(reportedDenialSource, ev.denials, ev.inferredDenials)
  const statusCode = readStatusCode(a)
  const errorType = readErrorType(a, span, statusCode)
  const errorCode = errorCodeOf(statusCode, errorType)
  const outcome = classifyOutcome({
    authzOutcome,
    denialSource,
    denialEvents: ev.denials,
    partialEvents: ev.partials,
    errorType,
  })
  const approval = oneOf(readString(a, ATTR_TOLLGATE_APPROVAL_STATUS), APPROVAL_STATUSES)
  return {
    project_id: projectId,
    timestamp: nanosToString(span.startTimeUnixNano),
    duration_ns: durationNs(span.startTimeUnixNano, span.endTimeUnixNano),
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    span_kind: spanKindName(span.kind),
    service_name: readString(accepted.resource.attributes, ATTR_SERVICE_NAME),
    session_id: readSessionId(a),
    step: readCount(a, ATTR_TOLLGATE_SESSION_STEP),
    prev_span_id: readString(a, ATTR_TOLLGATE_SESSION_PREV_SPAN_ID),
    method,
    target: readTarget(a, toolName),
    request_id: readRequestId(a),
    protocol_version: readString(a, ATTR_MCP_PROTOCOL_VERSION),
    transport: readString(a, ATTR_NETWORK_TRANSPORT) || legacyTransport(a),
    server_name: readServerName(a),
    server_version: readServerVersion(a),
    client_name: readClientName(a),
    client_version: readClientVersion(a),
    client_address: readString(a, ATTR_CLIENT_ADDRESS),
    user_id: readUserId(a),
    agent_id: readString(a, ATTR_TOLLGATE_AGENT_ID),
    oauth_client_id: readString(a, ATTR_TOLLGATE_OAUTH_CLIENT_ID),
    tenant: readString(a, ATTR_TOLLGATE_TENANT),
    scopes: readStringArray(a, ATTR_TOLLGATE_OAUTH_SCOPES),
    token_audience: readString(a, ATTR_TOLLGATE_TOKEN_AUDIENCE),
    audience_match: audienceMatch(a),
    outcome,
    authz_outcome: authzOutcome,
    denial_source: denialSource,
    error_type: errorType,
    error_code: errorCode,
    caller_fault: callerFault(errorCode),
    side_effect: sideEffect(a),
    approval: approval !== '' ? approval : ev.approvals > 0 ? 'approved' : '',
    approved_by: readString(a, ATTR_TOLLGATE_APPROVAL_APPROVED_BY) || ev.approvedBy,
    input: readInput(a),
    output: readOutput(a),
    input_bytes: readCount(a, ATTR_TOLLGATE_INPUT_BYTES),
    output_bytes: readCount(a, ATTR_TOLLGATE_OUTPUT_BYTES),
    untrusted: ev.untrusted > 0 ? 1 : readFlag(a, ATTR_TOLLGATE_FLAG_UNTRUSTED),
    injection_suspected: readFlag(a, ATTR_TOLLGATE_FLAG_INJECTION_SUSPECTED),
    flag_rules: readStringArray(a, ATTR_TOLLGATE_FLAG_RULES),
    denial_count: ev.denials,
    provenance_count: ev.provenance,
    redaction_count: ev.redactions,
  }
}

/**
 * `error.type`, else the JSON-RPC code, else `tool_error` from a legacy
 * is-error flag, else `_OTHER` when the span status is ERROR, else ''.
 */
function readErrorType(a: Attributes, span: OtlpSpan, statusCode: string): string {
  const reported = readString(a, ATTR_ERROR_TYPE)
  if (reported !== '') return reported
  if (statusCode !== '') return statusCode
  const legacy = legacyErrorType(a)
  if (legacy !== '') return legacy
  return span.status.code === 2 ? ERROR_TYPE_OTHER : ''
}

function audienceMatch(a: Attributes): string {
  const match = readBool(a, ATTR_TOLLGATE_TOKEN_AUDIENCE_MATCH)
  return match === undefined ? '' : match ? 'match' : 'mismatch'
}

function sideEffect(a: Attributes): SideEffect {
  const v = readString(a, ATTR_TOLLGATE_SIDE_EFFECT)
  switch (v) {
    case 'read':
    case 'draft':
    case 'write':
      return v
    default:
      return 'unknown'
  }
}

/** Shared summary of a span without events (most spans): saves an allocation per span. */
const NO_EVENTS: Readonly<EventSummary> = Object.freeze({
  denials: 0,
  inferredDenials: 0,
  partials: 0,
  provenance: 0,
  redactions: 0,
  untrusted: 0,
  approvedBy: '',
  approvals: 0,
})

function summarizeEvents(events: OtlpEvent[]): Readonly<EventSummary> {
  if (events.length === 0) return NO_EVENTS
  const s: EventSummary = { ...NO_EVENTS }
  for (const event of events) {
    switch (event.name) {
      case EVENT_TOLLGATE_DENIAL:
        s.denials++
        if (readFlag(event.attributes, ATTR_TOLLGATE_DENIAL_INFERRED) === 1) s.inferredDenials++
        break
      case EVENT_TOLLGATE_PARTIAL:
        s.partials++
        break
      case EVENT_TOLLGATE_PROVENANCE:
        s.provenance++
        break
      case EVENT_TOLLGATE_REDACTION:
        s.redactions++
        break
      case EVENT_TOLLGATE_UNTRUSTED:
        s.untrusted++
        break
      case EVENT_TOLLGATE_APPROVAL:
        if (s.approvals++ === 0)
          s.approvedBy = readString(event.attributes, ATTR_TOLLGATE_APPROVAL_APPROVED_BY)
        break
    }
  }
  return s
}
