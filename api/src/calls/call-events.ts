import { queryRows, type Storage } from '@tollgate/collector'
import { type CallRow, toCall } from './call-rows'
import type { CallDenial, CallSource, McpCall } from './models/call.model'
import { payload, payloadColumn } from './payload-access'

/** An event row as the session timeline and `mcp_events` reads select it. */
export interface EventRow {
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
export type CallEvents = Pick<McpCall, 'denials' | 'sources' | 'approvals' | 'redactedFields'>

/** Most events one call can have: the collector keeps at most 256 per span. */
export const MAX_EVENTS_PER_CALL = 256

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
  rows = rows.filter((row) => row.has_events === 1)
  if (rows.length === 0) return new Map()
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
  return groupEvents(events, shown)
}

/** Events by call (`callKey`), in the order given. */
export function groupEvents(events: readonly EventRow[], shown: boolean): Map<string, CallEvents> {
  const byCall = new Map<string, CallEvents>()
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

/** The source fields of a provenance event (also what `provenanceByUri` answers with). */
export function toSource(
  event: Pick<
    EventRow,
    'source' | 'uri' | 'source_tenant' | 'as_of_ms' | 'excluded_count' | 'filter_text' | 'filter_stored'
  >,
  at: Date,
  shown: boolean,
): CallSource {
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

export function callKey(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`
}
