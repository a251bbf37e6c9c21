import { queryRows, type Storage } from '@tollgate/collector'
import { callKey } from '../calls/call-events'
import { callRef, toCall } from '../calls/call-rows'
import type { IdRange } from '../calls/id-lookup'
import type { CallRef } from '../calls/payload-audit'
import type { PageRequest } from '../graphql/page'
import type { TimeRange } from '../graphql/time-range'
import type { Session, SessionSummary } from './models/session.model'
import type { CallCondition } from './session-filter'
import { readTimelinePage } from './session-timeline'

interface SummaryRow {
  session_id: string
  started_ms: string
  ended_ms: string
  calls: string
  denials: string
  errors: string
  writes: string
  flagged: number
  users: string[]
  agents: string[]
  clients: string[]
  targets: string[]
}

/** A project's session calls within the range: the outer read and the filter's subquery alike. */
const IN_RANGE = `project_id = {projectId:String} AND session_id != ''
  AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})`

/**
 * Sessions over `mcp_calls`: the list (grouped by session id within the range, filtered on
 * the calls) and one session as its steps, found through `session_lookup`.
 */
export class SessionsRepository {
  constructor(private readonly storage: Storage) {}

  async list(
    projectId: string,
    range: TimeRange,
    condition: CallCondition | null,
    page: PageRequest,
  ): Promise<{ items: SessionSummary[]; hasMore: boolean }> {
    // A filter picks the sessions in a subquery, then only those are summed (over all their
    // calls in the range). Summing every session and keeping some with HAVING built a group per
    // session of the range: 465 → 180 ms for a day at 10 M calls.
    const rows = await queryRows<SummaryRow>(
      this.storage,
      `SELECT session_id,
         toString(min(toUnixTimestamp64Milli(timestamp))) AS started_ms,
         toString(max(toUnixTimestamp64Milli(timestamp) + intDiv(duration_ns, 1000000))) AS ended_ms,
         toString(count()) AS calls,
         toString(countIf(outcome = 'denied')) AS denials,
         toString(countIf(outcome = 'error' AND caller_fault = 0)) AS errors,
         toString(countIf(side_effect = 'write')) AS writes,
         max(injection_suspected) AS flagged,
         arraySort(groupUniqArrayIf(5)(user_id, user_id != '')) AS users,
         arraySort(groupUniqArrayIf(5)(agent_id, agent_id != '')) AS agents,
         arraySort(groupUniqArrayIf(5)(oauth_client_id, oauth_client_id != '')) AS clients,
         arraySort(groupUniqArrayIf(10)(target, target != '')) AS targets
       FROM ${this.storage.database}.mcp_calls
       WHERE ${IN_RANGE}
         ${condition === null ? '' : `AND session_id IN (SELECT session_id FROM ${this.storage.database}.mcp_calls WHERE ${IN_RANGE} AND ${condition.sql})`}
       GROUP BY session_id
       ORDER BY started_ms DESC, session_id
       LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      {
        projectId,
        fromMs: range.fromMs,
        toMs: range.toMs,
        limit: page.limit + 1,
        offset: page.offset,
        ...condition?.params,
      },
    )
    return { items: rows.slice(0, page.limit).map(toSummary), hasMore: rows.length > page.limit }
  }

  /**
   * One session with a page of its steps in order; null when the project has no such session.
   * `beforeSend` receives the page's calls before they are returned (the audit of payload reads).
   */
  async find(
    projectId: string,
    sessionId: string,
    page: PageRequest,
    shown: boolean,
    beforeSend: (calls: readonly CallRef[]) => Promise<void>,
  ): Promise<{ session: Omit<Session, 'nextCursor'>; hasMore: boolean } | null> {
    // Two reads: the session's range and totals from `session_lookup`, then a page of its
    // steps with their events from `session_timeline` (sorted by session). NB: a scalar
    // subquery for the range saves the round trip but is not used to prune partitions.
    const found = await this.lookup(projectId, sessionId)
    if (found === null) return null
    const { range, denials, errors } = found
    const { calls: rows, events } = await readTimelinePage(
      this.storage,
      projectId,
      sessionId,
      range,
      page,
      shown,
    )
    // A lookup row can outlive its calls (monthly partitions expire after daily ones): a
    // session with no calls left is gone.
    if (rows.length === 0 && page.offset === 0) return null
    const calls = rows.slice(0, page.limit)
    await beforeSend(calls.map(callRef))
    const steps = calls.map((row) => toCall(row, events.get(callKey(row.trace_id, row.span_id)), shown))
    return {
      session: {
        sessionId,
        startedAt: nanosToDate(range.minNs),
        lastCallAt: nanosToDate(range.maxNs),
        calls: range.count,
        denials,
        errors,
        steps,
      },
      hasMore: rows.length > page.limit,
    }
  }

  /**
   * `session_lookup` (a point read by id): the session's time range, which picks the
   * partitions of `session_timeline`, and its totals. Aggregated: lookup rows merge eventually.
   */
  private async lookup(
    projectId: string,
    sessionId: string,
  ): Promise<{ range: IdRange; denials: number; errors: number } | null> {
    const rows = await queryRows<{
      min_ns: string
      max_ns: string
      n: string
      denials: string
      errors: string
    }>(
      this.storage,
      `SELECT toString(toUnixTimestamp64Nano(min(min_time))) AS min_ns,
              toString(toUnixTimestamp64Nano(max(max_time))) AS max_ns, toString(sum(call_count)) AS n,
              toString(sum(denied_count)) AS denials, toString(sum(error_count)) AS errors
       FROM ${this.storage.database}.session_lookup
       WHERE project_id = {projectId:String} AND session_id = {sessionId:String}`,
      { projectId, sessionId },
    )
    const row = rows[0]
    if (row === undefined || Number(row.n) === 0) return null
    return {
      range: { minNs: row.min_ns, maxNs: row.max_ns, count: Number(row.n) },
      denials: Number(row.denials),
      errors: Number(row.errors),
    }
  }
}

function nanosToDate(ns: string): Date {
  return new Date(Number(BigInt(ns) / 1_000_000n))
}

function toSummary(row: SummaryRow): SessionSummary {
  return {
    sessionId: row.session_id,
    startedAt: new Date(Number(row.started_ms)),
    endedAt: new Date(Number(row.ended_ms)),
    calls: Number(row.calls),
    denials: Number(row.denials),
    errors: Number(row.errors),
    writes: Number(row.writes),
    injectionSuspected: row.flagged === 1,
    users: row.users,
    agents: row.agents,
    clients: row.clients,
    targets: row.targets,
  }
}
