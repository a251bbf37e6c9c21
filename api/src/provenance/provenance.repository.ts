import { queryRows, type Storage } from '@tollgate/collector'
import { toSource } from '../calls/call-events'
import { payloadColumn } from '../calls/payload-access'
import type { PageRequest } from '../graphql/page'
import type { TimeRange } from '../graphql/time-range'
import type { ProvenanceRecord } from './models/provenance.model'

interface EventRow {
  at_ms: string
  trace_id: string
  span_id: string
  session_id: string
  method: string
  target: string
  user_id: string
  agent_id: string
  tenant: string
  source: string
  uri: string
  source_tenant: string
  as_of_ms: string
  excluded_count: number
  filter_text: string
  filter_stored: number
}

/** The SELECT list; the filter text only when `shown` (withholding happens in the query). */
const columns = (shown: boolean) => `toString(toUnixTimestamp64Milli(timestamp)) AS at_ms, trace_id, span_id,
  session_id, method, target, user_id, agent_id, tenant, source, uri, source_tenant,
  toString(toUnixTimestamp64Milli(as_of)) AS as_of_ms, excluded_count, ${payloadColumn('filter', shown)}`

/** Longest a call is assumed to run before it reports a source (the scopes lookup's look-back). */
const LONGEST_CALL_MS = 3_600_000

const DAY_MS = 86_400_000

/** Most records one call can have: the collector keeps at most 256 events per span. */
const MAX_PER_CALL = 256

/**
 * Provenance both ways over `mcp_events`: every call that read a URI (the table's sort key:
 * project, kind, lookup key) and every source behind one call (its `by_call` projection).
 * The filter text is payload-like: withheld from roles without payload access, in the query.
 */
export class ProvenanceRepository {
  constructor(private readonly storage: Storage) {}

  async byUri(
    projectId: string,
    range: TimeRange,
    uri: string,
    page: PageRequest,
    shown: boolean,
  ): Promise<{ items: ProvenanceRecord[]; hasMore: boolean }> {
    // Newest first: a popular URI fills the page from its last day alone, and reading one day
    // reads the parts of one or two day-partitions instead of every one in the range (at
    // 10 M calls: 51 parts, 93 ms → 6). Only when the last day cannot fill the page (and tell
    // whether more follow) is the whole range read. Exact either way: the last day's records,
    // newest first, are the first ones of the whole range.
    const lastDay = { fromMs: Math.max(range.fromMs, range.toMs - DAY_MS), toMs: range.toMs }
    let rows = await this.readByUri(projectId, lastDay, uri, page, shown)
    if (rows.length <= page.limit && lastDay.fromMs > range.fromMs) {
      rows = await this.readByUri(projectId, range, uri, page, shown)
    }
    const items = await this.withScopes(projectId, rows.slice(0, page.limit), shown)
    return { items, hasMore: rows.length > page.limit }
  }

  /** The page's records of `uri` in `range`, newest first, and one more when there are more. */
  private readByUri(
    projectId: string,
    range: TimeRange,
    uri: string,
    page: PageRequest,
    shown: boolean,
  ): Promise<EventRow[]> {
    return queryRows<EventRow>(
      this.storage,
      `SELECT ${columns(shown)} FROM ${this.storage.database}.mcp_events
       WHERE project_id = {projectId:String} AND kind = 'provenance' AND lookup_key = {uri:String}
         AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})
       ORDER BY timestamp DESC, span_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      { projectId, uri, fromMs: range.fromMs, toMs: range.toMs, limit: page.limit + 1, offset: page.offset },
    )
  }

  async ofCall(
    projectId: string,
    traceId: string,
    spanId: string,
    shown: boolean,
  ): Promise<ProvenanceRecord[]> {
    const rows = await queryRows<EventRow>(
      this.storage,
      `SELECT ${columns(shown)} FROM ${this.storage.database}.mcp_events
       WHERE project_id = {projectId:String} AND trace_id = {traceId:String} AND span_id = {spanId:String}
         AND kind = 'provenance'
       ORDER BY timestamp, source, uri LIMIT ${MAX_PER_CALL}`,
      { projectId, traceId, spanId },
    )
    return this.withScopes(projectId, rows, shown)
  }

  /** The rows as records, each with its call's token scopes (one lookup for the page). */
  private async withScopes(projectId: string, rows: EventRow[], shown: boolean): Promise<ProvenanceRecord[]> {
    if (rows.length === 0) return []
    // Bounded in time (a call starts before its events, by at most a long call's duration):
    // without it the lookup consults the trace-id index of every part of `mcp_calls`.
    const times = rows.map((r) => Number(r.at_ms))
    const calls = await queryRows<{ trace_id: string; span_id: string; scopes: string[] }>(
      this.storage,
      `SELECT trace_id, span_id, any(scopes) AS scopes FROM ${this.storage.database}.mcp_calls
       WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)} AND span_id IN {spanIds:Array(String)}
         AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp <= fromUnixTimestamp64Milli({toMs:Int64})
       GROUP BY trace_id, span_id`,
      {
        projectId,
        traceIds: [...new Set(rows.map((r) => r.trace_id))],
        spanIds: [...new Set(rows.map((r) => r.span_id))],
        fromMs: Math.min(...times) - LONGEST_CALL_MS,
        toMs: Math.max(...times),
      },
    )
    const scopes = new Map(calls.map((c) => [`${c.trace_id}/${c.span_id}`, c.scopes]))
    return rows.map((row) => toRecord(row, scopes.get(`${row.trace_id}/${row.span_id}`) ?? [], shown))
  }
}

function toRecord(row: EventRow, scopes: string[], shown: boolean): ProvenanceRecord {
  const at = new Date(Number(row.at_ms))
  return {
    ...toSource(row, at, shown),
    traceId: row.trace_id,
    spanId: row.span_id,
    sessionId: row.session_id,
    method: row.method,
    target: row.target,
    userId: row.user_id,
    agentId: row.agent_id,
    tenant: row.tenant,
    scopes,
  }
}
