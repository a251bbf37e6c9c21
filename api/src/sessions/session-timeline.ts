import { queryRows, type Storage } from '@tollgate/collector'
import { type CallEvents, type EventRow, groupEvents, MAX_EVENTS_PER_CALL } from '../calls/call-events'
import type { CallRow } from '../calls/call-rows'
import type { IdRange } from '../calls/id-lookup'
import { payloadColumn } from '../calls/payload-access'
import type { PageRequest } from '../graphql/page'

/** A `session_timeline` row: a call or one of its events, the fields other than payloads in `doc`. */
interface TimelineRow {
  kind: string
  step: number
  at_ms: string
  trace_id: string
  span_id: string
  doc: string
  input_text: string
  input_stored: number
  output_text: string
  output_stored: number
  detail_text: string
  detail_stored: number
}

/**
 * How long after the session's last call start its events are looked for: a call's events
 * come while it runs (an approval can wait minutes). The bound only picks the day-partitions read.
 */
const EVENT_SLACK_SECONDS = 3600

/**
 * Sessions of at most this many calls are read whole and paged here: one scan of their
 * granules instead of two (the page's calls, then their rows). Longer ones pick the page's
 * calls in a subquery. Bounds what one read returns: this many calls and their events.
 */
const READ_WHOLE_CALLS = 200

/**
 * A page of a session's calls (in step order) and all their events, in one read of
 * `session_timeline`, sorted by session. `range` (from `session_lookup`) picks the
 * day-partitions; viewers' reads never name a payload column (`payloadColumn`).
 */
export async function readTimelinePage(
  storage: Storage,
  projectId: string,
  sessionId: string,
  range: IdRange,
  page: PageRequest,
  shown: boolean,
): Promise<{ calls: CallRow[]; events: Map<string, CallEvents> }> {
  const table = `${storage.database}.session_timeline`
  const inSession = `project_id = {projectId:String} AND session_id = {sessionId:String}
    AND timestamp >= fromUnixTimestamp64Nano({minNs:Int64})`
  const whole = range.count <= READ_WHOLE_CALLS
  const pageCalls = `(trace_id, span_id) IN (
         SELECT trace_id, span_id FROM ${table}
         WHERE ${inSession} AND timestamp <= fromUnixTimestamp64Nano({maxNs:Int64}) AND kind = 'call'
         ORDER BY timestamp, step, span_id
         LIMIT {limit:UInt32} OFFSET {offset:UInt32})`
  const rows = await queryRows<TimelineRow>(
    storage,
    `SELECT kind, step, toString(toUnixTimestamp64Milli(timestamp)) AS at_ms, trace_id, span_id, doc,
       ${payloadColumn('input', shown)}, ${payloadColumn('output', shown)}, ${payloadColumn('detail', shown)}
     FROM ${table}
     WHERE ${inSession}
       AND timestamp <= fromUnixTimestamp64Nano({maxNs:Int64}) + INTERVAL ${EVENT_SLACK_SECONDS} SECOND
       AND ${whole ? `(kind != 'call' OR timestamp <= fromUnixTimestamp64Nano({maxNs:Int64}))` : pageCalls}
     ORDER BY timestamp, step, span_id, kind
     LIMIT ${MAX_EVENTS_PER_CALL + 1} BY trace_id, span_id`,
    {
      projectId,
      sessionId,
      minNs: range.minNs,
      maxNs: range.maxNs,
      limit: page.limit + 1,
      offset: page.offset,
    },
  )
  let calls: CallRow[] = []
  const events: EventRow[] = []
  for (const row of rows) {
    if (row.kind === 'call') calls.push(toCallRow(row, sessionId))
    else events.push(toEventRow(row))
  }
  if (whole) calls = calls.slice(page.offset, page.offset + page.limit + 1)
  return { calls, events: groupEvents(events, shown) }
}

function toCallRow(row: TimelineRow, sessionId: string): CallRow {
  return {
    ...(JSON.parse(row.doc) as CallDoc),
    step: Number(row.step),
    at_ms: row.at_ms,
    trace_id: row.trace_id,
    span_id: row.span_id,
    session_id: sessionId,
    input_text: row.input_text,
    input_stored: row.input_stored,
    output_text: row.output_text,
    output_stored: row.output_stored,
    has_events: 0,
  }
}

function toEventRow(row: TimelineRow): EventRow {
  const doc = JSON.parse(row.doc) as EventDoc
  const approval = row.kind === 'approval'
  return {
    ...doc,
    kind: row.kind,
    at_ms: row.at_ms,
    trace_id: row.trace_id,
    span_id: row.span_id,
    as_of_ms: String(doc.as_of_ms),
    filter_text: approval ? '' : row.detail_text,
    filter_stored: approval ? 0 : row.detail_stored,
    shown_parameters_text: approval ? row.detail_text : '',
    shown_parameters_stored: approval ? row.detail_stored : 0,
  }
}

/** The call fields in `doc` (see `session-timeline.ts` in the collector's schema). */
type CallDoc = Omit<
  CallRow,
  | 'step'
  | 'at_ms'
  | 'trace_id'
  | 'span_id'
  | 'session_id'
  | 'input_text'
  | 'input_stored'
  | 'output_text'
  | 'output_stored'
  | 'has_events'
>

/** The event fields in `doc`. */
type EventDoc = Omit<
  EventRow,
  | 'kind'
  | 'at_ms'
  | 'trace_id'
  | 'span_id'
  | 'as_of_ms'
  | 'filter_text'
  | 'filter_stored'
  | 'shown_parameters_text'
  | 'shown_parameters_stored'
> & { as_of_ms: number | string }
