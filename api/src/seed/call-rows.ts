/**
 * A {@link CallPlan} → the rows the collector writes for the spans an instrumented
 * server (and, for instrumented agents, client) would have sent: the SERVER span's
 * `spans` row and `mcp_calls` row, its events' `mcp_events` rows, the handler's
 * child span, and the agent's CLIENT span with its own `mcp_calls` row. The values
 * follow `collector/src/mapping/` (SEMCONV.md §5): payload attributes live only in
 * `mcp_calls`, outcome and denial source are classified by the same rules.
 */

import { CALLER_FAULT_CODES as CALLER_FAULT_CODE_LIST, mcpEventRow } from '@tollgate/collector'
import {
  type CallPlan,
  clientErrorType,
  type PlannedEvent,
  PROTOCOL_VERSION,
  refusalAddress,
} from './call-plan'
import { msToDurationNs, msToNanos } from './nanos'
import type { CallOutcome, McpCallRow, McpEventRow, SpanRow, StringMap } from './rows'
import { childSpanRow, clientSpanRow, serverSpanRow } from './span-rows'

/** The rows of a batch, per table. */
export interface SeedRows {
  spans: SpanRow[]
  mcp_calls: McpCallRow[]
  mcp_events: McpEventRow[]
}

/** Shared empty array for rows without values (never mutated). */
const NONE: never[] = []
/** JSON-RPC codes that are the caller's fault, as the collector classifies them. */
const CALLER_FAULT_CODES = new Set(CALLER_FAULT_CODE_LIST)

/** Appends every row of `plan` to `out`. */
export function appendCallRows(projectId: string, plan: CallPlan, out: SeedRows): void {
  const call = serverCallRow(projectId, plan)
  out.mcp_calls.push(call)
  out.spans.push(serverSpanRow(projectId, plan))
  for (const event of plan.events) out.mcp_events.push(eventRow(projectId, call, plan, event))
  if (plan.child) out.spans.push(childSpanRow(projectId, plan))
  if (plan.clientSpanId !== '') {
    out.spans.push(clientSpanRow(projectId, plan))
    out.mcp_calls.push(clientCallRow(projectId, plan))
  }
}

function classify(plan: CallPlan): { outcome: CallOutcome; denialSource: string } {
  let denials = 0
  let inferred = 0
  let partials = 0
  for (const e of plan.events) {
    if (e.kind === 'denial') {
      denials++
      if (e.attributes['tollgate.denial.inferred'] === 'true') inferred++
    } else if (e.kind === 'partial') partials++
  }
  const denialSource =
    plan.denialSource !== '' ? plan.denialSource : denials === 0 ? '' : inferred > 0 ? 'inferred' : 'explicit'
  let outcome: CallOutcome = 'ok'
  if (plan.authzOutcome === 'denied' || denials > 0 || denialSource === 'auth') outcome = 'denied'
  else if (plan.authzOutcome === 'partial' || partials > 0) outcome = 'partial'
  else if (plan.errorType !== '') outcome = 'error'
  return { outcome, denialSource }
}

function countOf(plan: CallPlan, kind: PlannedEvent['kind']): number {
  let n = 0
  for (const e of plan.events) if (e.kind === kind) n++
  return n
}

function serverCallRow(projectId: string, plan: CallPlan): McpCallRow {
  const s = plan.session
  // A refused connection has no session, but its token may still say who it was.
  const who = s ?? plan.refusal?.identity ?? null
  const client = who?.client ?? null
  const { outcome, denialSource } = classify(plan)
  const errorCode = plan.statusCode === '' ? 0 : Number(plan.statusCode)
  const approvalEvent = plan.events.find((e) => e.kind === 'approval')
  return {
    project_id: projectId,
    timestamp: msToNanos(plan.startMs),
    duration_ns: msToDurationNs(plan.durationMs),
    trace_id: plan.traceId,
    span_id: plan.spanId,
    parent_span_id: plan.clientSpanId,
    span_kind: 'SERVER',
    service_name: plan.server.serviceName,
    session_id: s?.id ?? '',
    step: plan.step,
    prev_span_id: plan.prevSpanId,
    method: plan.method,
    target: plan.target,
    request_id: plan.requestId,
    protocol_version: s === null ? '' : PROTOCOL_VERSION,
    transport: s === null ? '' : plan.server.transport,
    server_name: plan.server.name,
    server_version: s === null ? '' : plan.server.version,
    client_name: s?.agent.clientName ?? '',
    client_version: s?.agent.clientVersion ?? '',
    // The SDK reports the peer address on refused connections only.
    client_address: plan.refusal === null ? '' : refusalAddress(plan),
    user_id: who?.user.id ?? '',
    agent_id: who?.agent.id ?? '',
    oauth_client_id: client?.id ?? '',
    tenant: who?.user.tenant ?? '',
    scopes: (client?.scopes ?? NONE) as string[],
    token_audience: client === null ? '' : who!.audience,
    audience_match:
      who?.audienceMatch === 'true' ? 'match' : who?.audienceMatch === 'false' ? 'mismatch' : '',
    outcome,
    authz_outcome: plan.authzOutcome,
    denial_source: denialSource,
    error_type: plan.errorType,
    error_code: errorCode,
    caller_fault: errorCode !== 0 && CALLER_FAULT_CODES.has(errorCode) ? 1 : 0,
    side_effect: plan.tool !== null && plan.method === 'tools/call' ? plan.tool.sideEffect : 'unknown',
    approval: plan.approval !== '' ? plan.approval : approvalEvent !== undefined ? 'approved' : '',
    approved_by: plan.approvedBy || (approvalEvent?.attributes['tollgate.approval.approved_by'] ?? ''),
    input: plan.input,
    output: plan.output,
    input_bytes: plan.inputBytes,
    output_bytes: plan.outputBytes,
    untrusted: plan.untrusted || countOf(plan, 'untrusted') > 0 ? 1 : 0,
    injection_suspected: plan.injectionSuspected ? 1 : 0,
    flag_rules: plan.flagRules as string[],
    denial_count: countOf(plan, 'denial'),
    provenance_count: countOf(plan, 'provenance'),
    redaction_count: countOf(plan, 'redaction'),
  }
}

/** The agent's own row of the call: what the CLIENT span says (no identity, no payloads). */
function clientCallRow(projectId: string, plan: CallPlan): McpCallRow {
  const agent = plan.session!.agent
  const errorType = clientErrorType(plan)
  const errorCode = plan.statusCode === '' ? 0 : Number(plan.statusCode)
  return {
    project_id: projectId,
    timestamp: msToNanos(plan.startMs - 1.5),
    duration_ns: msToDurationNs(plan.durationMs + 4),
    trace_id: plan.traceId,
    span_id: plan.clientSpanId,
    parent_span_id: '',
    span_kind: 'CLIENT',
    service_name: `agent-${agent.id}`,
    session_id: '',
    step: 0,
    prev_span_id: '',
    method: plan.method,
    target: plan.target,
    request_id: plan.requestId,
    protocol_version: '',
    transport: '',
    server_name: plan.server.name,
    server_version: plan.server.version,
    client_name: agent.clientName,
    client_version: agent.clientVersion,
    client_address: '',
    user_id: '',
    agent_id: '',
    oauth_client_id: '',
    tenant: '',
    scopes: NONE,
    token_audience: '',
    audience_match: '',
    outcome: errorType === '' ? 'ok' : 'error',
    authz_outcome: '',
    denial_source: '',
    error_type: errorType,
    error_code: errorCode,
    caller_fault: errorCode !== 0 && CALLER_FAULT_CODES.has(errorCode) ? 1 : 0,
    side_effect: 'unknown',
    approval: '',
    approved_by: '',
    input: '',
    output: '',
    input_bytes: 0,
    output_bytes: 0,
    untrusted: 0,
    injection_suspected: 0,
    flag_rules: NONE,
    denial_count: 0,
    provenance_count: 0,
    redaction_count: 0,
  }
}

/**
 * An event's row, mapped by the collector's own `mcpEventRow`. The seed keeps attributes in
 * their stored string form (as `spans.event_attributes` needs them); list attributes are
 * JSON there and OTLP arrays on the wire, so they are parsed back first.
 */
function eventRow(projectId: string, call: McpCallRow, plan: CallPlan, event: PlannedEvent): McpEventRow {
  const attributes: Record<string, string | string[]> = {}
  for (const key in event.attributes) {
    const value = event.attributes[key]!
    attributes[key] = LIST_ATTRIBUTES.has(key) ? (JSON.parse(value) as string[]) : value
  }
  return mcpEventRow(projectId, call.timestamp, plan.traceId, plan.spanId, call, event.kind, attributes)
}

/** Event attributes whose value is a list of strings. */
const LIST_ATTRIBUTES = new Set([
  'tollgate.partial.granted',
  'tollgate.partial.denied',
  'tollgate.partial.redacted_fields',
])

/** Shared empty map for rows without attributes (never mutated). */
export const EMPTY_MAP: StringMap = Object.freeze({}) as StringMap
