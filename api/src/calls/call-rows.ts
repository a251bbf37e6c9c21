import { queryRows, type Storage } from '@tollgate/collector'
import type { CallDenial, CallSource, McpCall } from './models/call.model'
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

interface EventRow {
  kind: string
  at_ms: string
  trace_id: string
  span_id: string
  resource: string
  action: string
  reason: string
  policy: string
  inferred: number
  source: string
  uri: string
  filter_text: string
  filter_stored: number
  source_tenant: string
  as_of_ms: string
  excluded_count: number
  approved_by: string
  approval_id: string
  shown_parameters_text: string
  shown_parameters_stored: number
  granted: string[]
  denied: string[]
  redacted_fields: string[]
}

/** What the events of one call add to it. */
type CallEvents = Pick<McpCall, 'denials' | 'sources' | 'approvals' | 'redactedFields'>

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

/** Most events one call can have: the collector keeps at most 256 per span. */
const MAX_EVENTS_PER_CALL = 256

/**
 * The calls of `rows` with their events (denials, sources, approvals, redactions), read in
 * one query through `mcp_events`' `by_call` projection. Payload-like event fields (a
 * provenance filter, the parameters an approver saw) follow the same rule as the payloads.
 */
export async function withEvents(
  storage: Storage,
  projectId: string,
  rows: readonly CallRow[],
  shown: boolean,
): Promise<McpCall[]> {
  const events = await readEvents(storage, projectId, rows, shown)
  return rows.map((row) => toCall(row, events.get(callKey(row.trace_id, row.span_id)), shown))
}

async function readEvents(
  storage: Storage,
  projectId: string,
  rows: readonly CallRow[],
  shown: boolean,
): Promise<Map<string, CallEvents>> {
  const byCall = new Map<string, CallEvents>()
  rows = rows.filter((row) => row.has_events === 1)
  if (rows.length === 0) return byCall
  const events = await queryRows<EventRow>(
    storage,
    `SELECT kind, toString(toUnixTimestamp64Milli(timestamp)) AS at_ms, trace_id, span_id, resource, action,
       reason, policy, inferred, source, uri, ${payloadColumn('filter', shown)}, source_tenant,
       toString(toUnixTimestamp64Milli(as_of)) AS as_of_ms, excluded_count, approved_by, approval_id,
       ${payloadColumn('shown_parameters', shown)}, granted, denied, redacted_fields
     FROM ${storage.database}.mcp_events
     WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
       AND span_id IN {spanIds:Array(String)} AND kind != 'untrusted'
       AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp <= fromUnixTimestamp64Milli({toMs:Int64})
     ORDER BY trace_id, span_id, timestamp, kind, lookup_key
     LIMIT ${MAX_EVENTS_PER_CALL} BY trace_id, span_id`,
    {
      projectId,
      traceIds: [...new Set(rows.map((r) => r.trace_id))],
      spanIds: [...new Set(rows.map((r) => r.span_id))],
      ...eventTimes(rows),
    },
  )
  for (const event of events) {
    const key = callKey(event.trace_id, event.span_id)
    let entry = byCall.get(key)
    if (entry === undefined) {
      entry = { denials: [], sources: [], approvals: [], redactedFields: [] }
      byCall.set(key, entry)
    }
    addEvent(entry, event, shown)
  }
  return byCall
}

/** Slack around a call's own time in which its events are looked for (clock skew, late events). */
const EVENT_SLACK_MS = 60_000

/**
 * The time the events of `rows` lie in: from the first call's start to the last one's end.
 * Without it the by-call read consults every day-partition of `mcp_events` (one granule per
 * part); with it, the one or two that hold the calls.
 */
function eventTimes(rows: readonly CallRow[]): { fromMs: number; toMs: number } {
  let fromMs = Number.POSITIVE_INFINITY
  let toMs = 0
  for (const row of rows) {
    const start = Number(row.at_ms)
    fromMs = Math.min(fromMs, start)
    toMs = Math.max(toMs, start + Math.ceil(Number(row.duration_ns) / 1e6))
  }
  return { fromMs: fromMs - EVENT_SLACK_MS, toMs: toMs + EVENT_SLACK_MS }
}

function addEvent(entry: CallEvents, event: EventRow, shown: boolean): void {
  const at = new Date(Number(event.at_ms))
  switch (event.kind) {
    case 'denial':
    case 'partial':
      entry.denials.push(toDenial(event, at))
      return
    case 'provenance':
      entry.sources.push(toSource(event, at, shown))
      return
    case 'approval':
      entry.approvals.push({
        at,
        approvedBy: event.approved_by,
        approvalId: event.approval_id,
        shownParameters: payload(event.shown_parameters_text, event.shown_parameters_stored === 1, 0, shown),
      })
      return
    case 'redaction':
      entry.redactedFields.push(...event.redacted_fields)
      return
  }
}

function toDenial(event: EventRow, at: Date): CallDenial {
  return {
    at,
    kind: event.kind,
    resource: event.resource,
    action: event.action,
    reason: event.reason,
    policy: event.policy,
    inferred: event.inferred === 1,
    granted: event.granted,
    denied: event.denied,
  }
}

function toSource(event: EventRow, at: Date, shown: boolean): CallSource {
  const asOf = Number(event.as_of_ms)
  return {
    at,
    source: event.source,
    uri: event.uri,
    sourceTenant: event.source_tenant,
    asOf: asOf === 0 ? null : new Date(asOf),
    excludedCount: Number(event.excluded_count),
    filter: payload(event.filter_text, event.filter_stored === 1, 0, shown),
  }
}

function toCall(row: CallRow, events: CallEvents | undefined, shown: boolean): McpCall {
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

function callKey(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`
}
