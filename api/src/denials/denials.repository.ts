import { queryRows, type Storage } from '@tollgate/collector'
import type { TimeRange } from '../graphql/time-range'
import { RAW_EDGES, ROLLUP_INTERIOR, rollupParams, usesRollup } from '../rollups/rollup-range'
import { DenialDimension, type DenialGroup, type Denials } from './models/denials.model'
import { spikeFlags } from './spikes'

/**
 * The grouping of each dimension: a fixed expression over a fixed table, chosen by the enum,
 * never built from input. Resource and reason come from the denial events (a call may carry
 * several); the rest from the denied calls. `rollup`: the minute rollup long ranges can group
 * in, `mcp_calls_1m` (tool, source) or `mcp_denials_1m` (the principals).
 */
const GROUPINGS: Readonly<
  Record<DenialDimension, { table: 'calls' | 'events'; key: string; rollup?: 'calls' | 'denials' }>
> = {
  [DenialDimension.TOOL]: { table: 'calls', key: 'target', rollup: 'calls' },
  [DenialDimension.USER]: { table: 'calls', key: 'user_id', rollup: 'denials' },
  [DenialDimension.AGENT]: { table: 'calls', key: 'agent_id', rollup: 'denials' },
  [DenialDimension.CLIENT]: { table: 'calls', key: 'oauth_client_id', rollup: 'denials' },
  [DenialDimension.SCOPE]: { table: 'calls', key: "arrayJoin(if(empty(scopes), [''], scopes))" },
  [DenialDimension.SOURCE]: { table: 'calls', key: 'denial_source', rollup: 'calls' },
  [DenialDimension.RESOURCE]: { table: 'events', key: 'resource' },
  [DenialDimension.REASON]: { table: 'events', key: 'reason' },
}

const IN_RANGE =
  'project_id = {projectId:String} AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})'

/**
 * The calls the denial views count: server side, and refused connections (denial_source
 * 'auth'), which have no span kind of their own worth filtering on. Same columns in
 * `mcp_calls` and `mcp_calls_1m`.
 */
const COUNTED = "project_id = {projectId:String} AND (span_kind = 'SERVER' OR denial_source = 'auth')"

interface TotalsRow {
  calls: string
  denials: string
  explicit: string
  inferred: string
  auth: string
}

type BucketRow = { start_ms: string; calls: string; denials: string }
type GroupRow = { key: string; denials: string }

/** The three answers of a denials query, before filling and spike marking. */
interface DenialRows {
  totals: TotalsRow | undefined
  buckets: BucketRow[]
  groups: GroupRow[]
}

/**
 * Denial totals, series with spikes and one breakdown, over server-side calls and their denial
 * events. Long ranges ({@link usesRollup}) count from the minute rollup `mcp_calls_1m` plus the
 * raw partial minutes at both ends (exact counts either way); so do the breakdowns by tool and
 * source, and by user, agent and client (from `mcp_denials_1m`); scope, resource and reason
 * always read the raw rows.
 */
export class DenialsRepository {
  constructor(private readonly storage: Storage) {}

  async denials(
    projectId: string,
    range: TimeRange,
    bucketSeconds: number,
    by: DenialDimension,
    top: number,
  ): Promise<Denials> {
    const query = { projectId, range, bucketSeconds, by, top }
    const rows = usesRollup(range) ? await this.fromRollup(query) : await this.fromCalls(query)
    return toDenials(rows, query)
  }

  /** Every raw row of the range. */
  async fromCalls({ projectId, range, bucketSeconds, by, top }: DenialsQuery): Promise<DenialRows> {
    const params = { projectId, fromMs: range.fromMs, toMs: range.toMs, bucket: bucketSeconds, top }
    const calls = `${this.storage.database}.mcp_calls WHERE ${IN_RANGE} AND ${COUNTED}`
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
      queryRows<BucketRow>(
        this.storage,
        `SELECT toString(toUnixTimestamp(toStartOfInterval(timestamp, toIntervalSecond({bucket:UInt32}))) * 1000) AS start_ms,
                count() AS calls, countIf(outcome = 'denied') AS denials
         FROM ${calls} GROUP BY start_ms`,
        params,
      ),
      this.rawGroups(by, params),
    ])
    return { totals: totals[0], buckets, groups }
  }

  /**
   * Whole minutes from `mcp_calls_1m`, ragged ends from `mcp_calls` (UNION ALL, then summed:
   * the rollup's rows may not be merged yet and are only ever summed).
   */
  async fromRollup({ projectId, range, bucketSeconds, by, top }: DenialsQuery): Promise<DenialRows> {
    const db = this.storage.database
    const params = {
      projectId,
      fromMs: range.fromMs,
      toMs: range.toMs,
      bucket: bucketSeconds,
      top,
      ...rollupParams(range),
    }
    const raw = `${db}.mcp_calls WHERE ${COUNTED} AND ${RAW_EDGES}`
    const rollup = `${db}.mcp_calls_1m WHERE ${COUNTED} AND ${ROLLUP_INTERIOR}`
    // Both branches yield one row per bucket; aliases differ from the rollup's column names,
    // which an alias would shadow.
    const parts = (bucketOf: { raw: string; rollup: string }) => `
      SELECT ${bucketOf.raw} AS bucket_s, count() AS part_calls,
             countIf(outcome = 'denied') AS part_denials,
             countIf(outcome = 'denied' AND denial_source = 'explicit') AS part_explicit,
             countIf(outcome = 'denied' AND denial_source = 'inferred') AS part_inferred,
             countIf(outcome = 'denied' AND denial_source = 'auth') AS part_auth
      FROM ${raw} GROUP BY bucket_s
      UNION ALL
      SELECT ${bucketOf.rollup} AS bucket_s, sum(calls) AS part_calls,
             sumIf(calls, outcome = 'denied') AS part_denials,
             sumIf(calls, outcome = 'denied' AND denial_source = 'explicit') AS part_explicit,
             sumIf(calls, outcome = 'denied' AND denial_source = 'inferred') AS part_inferred,
             sumIf(calls, outcome = 'denied' AND denial_source = 'auth') AS part_auth
      FROM ${rollup} GROUP BY bucket_s`
    const interval = 'toIntervalSecond({bucket:UInt32})'
    const grouping = GROUPINGS[by]
    const [totals, buckets, groups] = await Promise.all([
      queryRows<TotalsRow>(
        this.storage,
        `SELECT sum(part_calls) AS calls, sum(part_denials) AS denials, sum(part_explicit) AS explicit,
                sum(part_inferred) AS inferred, sum(part_auth) AS auth
         FROM (${parts({ raw: '0', rollup: '0' })})`,
        params,
      ),
      queryRows<BucketRow>(
        this.storage,
        `SELECT toString(bucket_s * 1000) AS start_ms, sum(part_calls) AS calls, sum(part_denials) AS denials
         FROM (${parts({
           raw: `toUnixTimestamp(toStartOfInterval(toDateTime(timestamp), ${interval}))`,
           rollup: `toUnixTimestamp(toStartOfInterval(minute, ${interval}))`,
         })})
         GROUP BY bucket_s`,
        params,
      ),
      grouping.rollup === undefined
        ? this.rawGroups(by, params)
        : queryRows<GroupRow>(
            this.storage,
            `SELECT key, sum(part_denials) AS denials FROM (
               SELECT ${grouping.key} AS key, count() AS part_denials
               FROM ${raw} AND outcome = 'denied' GROUP BY key
               UNION ALL
               ${
                 grouping.rollup === 'calls'
                   ? `SELECT ${grouping.key} AS key, sum(calls) AS part_denials
                      FROM ${rollup} AND outcome = 'denied' GROUP BY key`
                   : `SELECT ${grouping.key} AS key, sum(denials) AS part_denials
                      FROM ${db}.mcp_denials_1m WHERE project_id = {projectId:String} AND ${ROLLUP_INTERIOR}
                      GROUP BY key`
               }
             )
             GROUP BY key ORDER BY denials DESC, key LIMIT {top:UInt32}`,
            params,
          ),
    ])
    return { totals: totals[0], buckets, groups }
  }

  /** The breakdown by `by` over every raw row (denied calls, or denial events) of the range. */
  private rawGroups(by: DenialDimension, params: Record<string, unknown>): Promise<GroupRow[]> {
    const db = this.storage.database
    const grouping = GROUPINGS[by]
    const source =
      grouping.table === 'calls'
        ? `${db}.mcp_calls WHERE ${IN_RANGE} AND ${COUNTED} AND outcome = 'denied'`
        : `${db}.mcp_events WHERE ${IN_RANGE} AND kind = 'denial'`
    return queryRows<GroupRow>(
      this.storage,
      `SELECT ${grouping.key} AS key, count() AS denials FROM ${source}
       GROUP BY key ORDER BY denials DESC, key LIMIT {top:UInt32}`,
      params,
    )
  }
}

/** What one denials query asks. */
export interface DenialsQuery {
  projectId: string
  range: TimeRange
  bucketSeconds: number
  by: DenialDimension
  top: number
}

function toDenials({ totals: t, buckets, groups }: DenialRows, query: DenialsQuery): Denials {
  const callCount = Number(t?.calls ?? 0)
  const denialCount = Number(t?.denials ?? 0)
  const series = fillBuckets(query.range, query.bucketSeconds, buckets)
  const spikes = spikeFlags(series.map((b) => b.denials))
  return {
    calls: callCount,
    denials: denialCount,
    denialRate: callCount === 0 ? 0 : denialCount / callCount,
    explicit: Number(t?.explicit ?? 0),
    inferred: Number(t?.inferred ?? 0),
    auth: Number(t?.auth ?? 0),
    bucketSeconds: query.bucketSeconds,
    series: series.map((bucket, i) => ({ ...bucket, spike: spikes[i] === true })),
    by: query.by,
    groups: groups.map((g): DenialGroup => ({ key: g.key, denials: Number(g.denials) })),
  }
}

/**
 * Every bucket of the range, empty ones as zeros: spike detection needs the quiet buckets
 * too. Buckets start at multiples of their width since the epoch, as `toStartOfInterval` does.
 */
function fillBuckets(
  range: TimeRange,
  bucketSeconds: number,
  rows: readonly BucketRow[],
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
