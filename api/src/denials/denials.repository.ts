import { queryRows, type Storage } from '@tollgate/collector'
import type { TimeRange } from '../graphql/time-range'
import { DenialDimension, type DenialGroup, type Denials } from './models/denials.model'
import { spikeFlags } from './spikes'

/**
 * The grouping of each dimension: a fixed expression over a fixed table, chosen by the enum,
 * never built from input. Resource and reason come from the denial events (a call may carry
 * several); the rest from the denied calls.
 */
const GROUPINGS: Readonly<Record<DenialDimension, { table: 'calls' | 'events'; key: string }>> = {
  [DenialDimension.TOOL]: { table: 'calls', key: 'target' },
  [DenialDimension.USER]: { table: 'calls', key: 'user_id' },
  [DenialDimension.AGENT]: { table: 'calls', key: 'agent_id' },
  [DenialDimension.CLIENT]: { table: 'calls', key: 'oauth_client_id' },
  [DenialDimension.SCOPE]: { table: 'calls', key: "arrayJoin(if(empty(scopes), [''], scopes))" },
  [DenialDimension.SOURCE]: { table: 'calls', key: 'denial_source' },
  [DenialDimension.RESOURCE]: { table: 'events', key: 'resource' },
  [DenialDimension.REASON]: { table: 'events', key: 'reason' },
}

const IN_RANGE =
  'project_id = {projectId:String} AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})'

interface TotalsRow {
  calls: string
  denials: string
  explicit: string
  inferred: string
  auth: string
}

/** Denial totals, series with spikes and one breakdown, over server-side calls and their denial events. */
export class DenialsRepository {
  constructor(private readonly storage: Storage) {}

  async denials(
    projectId: string,
    range: TimeRange,
    bucketSeconds: number,
    by: DenialDimension,
    top: number,
  ): Promise<Denials> {
    const db = this.storage.database
    const params = { projectId, fromMs: range.fromMs, toMs: range.toMs, bucket: bucketSeconds, top }
    // Refused connections (denial_source 'auth') have no span kind of their own worth filtering on.
    const calls = `${db}.mcp_calls WHERE ${IN_RANGE} AND (span_kind = 'SERVER' OR denial_source = 'auth')`
    const grouping = GROUPINGS[by]
    const groupSource =
      grouping.table === 'calls'
        ? `${calls} AND outcome = 'denied'`
        : `${db}.mcp_events WHERE ${IN_RANGE} AND kind = 'denial'`
    const [totals, buckets, groups] = await Promise.all([
      queryRows<TotalsRow>(
        this.storage,
        `SELECT count() AS calls, countIf(outcome = 'denied') AS denials,
                countIf(outcome = 'denied' AND denial_source = 'explicit') AS explicit,
                countIf(outcome = 'denied' AND denial_source = 'inferred') AS inferred,
                countIf(outcome = 'denied' AND denial_source = 'auth') AS auth
         FROM ${calls}`,
        params,
      ),
      queryRows<{ start_ms: string; calls: string; denials: string }>(
        this.storage,
        `SELECT toString(toUnixTimestamp(toStartOfInterval(timestamp, toIntervalSecond({bucket:UInt32}))) * 1000) AS start_ms,
                count() AS calls, countIf(outcome = 'denied') AS denials
         FROM ${calls} GROUP BY start_ms`,
        params,
      ),
      queryRows<{ key: string; denials: string }>(
        this.storage,
        `SELECT ${grouping.key} AS key, count() AS denials FROM ${groupSource}
         GROUP BY key ORDER BY denials DESC, key LIMIT {top:UInt32}`,
        params,
      ),
    ])
    const t = totals[0]
    const callCount = Number(t?.calls ?? 0)
    const denialCount = Number(t?.denials ?? 0)
    const series = fillBuckets(range, bucketSeconds, buckets)
    const spikes = spikeFlags(series.map((b) => b.denials))
    return {
      calls: callCount,
      denials: denialCount,
      denialRate: callCount === 0 ? 0 : denialCount / callCount,
      explicit: Number(t?.explicit ?? 0),
      inferred: Number(t?.inferred ?? 0),
      auth: Number(t?.auth ?? 0),
      bucketSeconds,
      series: series.map((bucket, i) => ({ ...bucket, spike: spikes[i] === true })),
      by,
      groups: groups.map((g): DenialGroup => ({ key: g.key, denials: Number(g.denials) })),
    }
  }
}

/**
 * Every bucket of the range, empty ones as zeros: spike detection needs the quiet buckets
 * too. Buckets start at multiples of their width since the epoch, as `toStartOfInterval` does.
 */
function fillBuckets(
  range: TimeRange,
  bucketSeconds: number,
  rows: ReadonlyArray<{ start_ms: string; calls: string; denials: string }>,
): Array<{ start: Date; calls: number; denials: number }> {
  const width = bucketSeconds * 1000
  const byStart = new Map(rows.map((r) => [Number(r.start_ms), r]))
  const out: Array<{ start: Date; calls: number; denials: number }> = []
  for (let start = Math.floor(range.fromMs / width) * width; start < range.toMs; start += width) {
    const row = byStart.get(start)
    out.push({ start: new Date(start), calls: Number(row?.calls ?? 0), denials: Number(row?.denials ?? 0) })
  }
  return out
}
