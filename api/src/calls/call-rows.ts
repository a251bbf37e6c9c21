import type { CallEvents } from './call-events'
import type { McpCall } from './models/call.model'
import { payload, payloadColumn } from './payload-access'
import type { CallRef } from './payload-audit'

/** A `mcp_calls` row as {@link callColumns} selects it. */
export interface CallRow {
  step: number
  at_ms: string
  duration_ns: string
  trace_id: string
  span_id: string
  session_id: string
  method: string
  target: string
  server_name: string
  client_name: string
  user_id: string
  agent_id: string
  oauth_client_id: string
  tenant: string
  scopes: string[]
  audience_match: string
  outcome: string
  denial_source: string
  error_type: string
  caller_fault: number
  side_effect: string
  approval: string
  input_text: string
  input_stored: number
  input_bytes: number
  output_text: string
  output_stored: number
  output_bytes: number
  untrusted: number
  injection_suspected: number
  flag_rules: string[]
  has_events: number
}

/**
 * Whether a call reported events (its counters, as the collector fills them, or an outcome or
 * approval that comes with one): the events query reads only the calls that have some.
 */
const HAS_EVENTS = `(denial_count > 0 OR provenance_count > 0 OR redaction_count > 0 OR approval != ''
  OR outcome IN ('denied', 'partial'))`

/** The SELECT list of a call; payload columns only when `shown` (withholding happens here, in the query). */
export function callColumns(shown: boolean): string {
  return `step, toString(toUnixTimestamp64Milli(timestamp)) AS at_ms, toString(duration_ns) AS duration_ns,
    trace_id, span_id, session_id, method, target, server_name, client_name, user_id, agent_id,
    oauth_client_id, tenant, scopes, audience_match, outcome, denial_source, error_type, caller_fault,
    side_effect, approval, ${payloadColumn('input', shown)}, input_bytes,
    ${payloadColumn('output', shown)}, output_bytes, untrusted, injection_suspected, flag_rules,
    ${HAS_EVENTS} AS has_events`
}

/** The ids and context of a call row, as an audit record names the call. */
export function callRef(row: CallRow): CallRef {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    sessionId: row.session_id,
    method: row.method,
    target: row.target,
  }
}

export function toCall(row: CallRow, events: CallEvents | undefined, shown: boolean): McpCall {
  return {
    step: Number(row.step),
    at: new Date(Number(row.at_ms)),
    durationMs: Number(row.duration_ns) / 1e6,
    traceId: row.trace_id,
    spanId: row.span_id,
    sessionId: row.session_id,
    method: row.method,
    target: row.target,
    serverName: row.server_name,
    clientName: row.client_name,
    userId: row.user_id,
    agentId: row.agent_id,
    clientId: row.oauth_client_id,
    tenant: row.tenant,
    scopes: row.scopes,
    audienceMatch: row.audience_match,
    outcome: row.outcome,
    denialSource: row.denial_source,
    errorType: row.error_type,
    callerFault: row.caller_fault === 1,
    sideEffect: row.side_effect,
    approval: row.approval,
    input: payload(row.input_text, row.input_stored === 1, Number(row.input_bytes), shown),
    output: payload(row.output_text, row.output_stored === 1, Number(row.output_bytes), shown),
    untrusted: row.untrusted === 1,
    injectionSuspected: row.injection_suspected === 1,
    flagRules: row.flag_rules,
    denials: events?.denials ?? [],
    sources: events?.sources ?? [],
    approvals: events?.approvals ?? [],
    redactedFields: events?.redactedFields ?? [],
  }
}
