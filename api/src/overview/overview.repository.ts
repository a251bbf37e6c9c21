import { queryRows, type Storage } from '@tollgate/collector'
import type { TimeRange } from '../graphql/time-range'
import type { Overview, OverviewBucket } from './models/overview.model'

interface TotalsRow {
  calls: string
  errors: string
  denials: string
  p50_ms: number
  p95_ms: number
}

interface BucketRow {
  start_ms: string
  calls: string
  errors: string
  denials: string
  p95_ms: number
}

/**
 * The overview's SQL over `mcp_calls`, server side only (`span_kind = 'SERVER'`: a call seen
 * by an instrumented client and server is one call). Project first, then time, as the sort
 * key wants; every value a bound parameter.
 */
export class OverviewRepository {
  constructor(private readonly storage: Storage) {}

  async overview(projectId: string, range: TimeRange, bucketSeconds: number): Promise<Overview> {
    const params = { projectId, fromMs: range.fromMs, toMs: range.toMs, bucket: bucketSeconds }
    const where = `project_id = {projectId:String} AND span_kind = 'SERVER'
      AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})`
    const measures = `count() AS calls,
      countIf(outcome = 'error' AND caller_fault = 0) AS errors,
      countIf(outcome = 'denied') AS denials`
    const table = `${this.storage.database}.mcp_calls`
    const [totals, buckets] = await Promise.all([
      queryRows<TotalsRow>(
        this.storage,
        `SELECT ${measures}, quantile(0.5)(duration_ns) / 1e6 AS p50_ms, quantile(0.95)(duration_ns) / 1e6 AS p95_ms
         FROM ${table} WHERE ${where}`,
        params,
      ),
      queryRows<BucketRow>(
        this.storage,
        `SELECT toString(toUnixTimestamp64Milli(toDateTime64(toStartOfInterval(timestamp, toIntervalSecond({bucket:UInt32})), 3))) AS start_ms,
                ${measures}, quantile(0.95)(duration_ns) / 1e6 AS p95_ms
         FROM ${table} WHERE ${where} GROUP BY start_ms ORDER BY start_ms`,
        params,
      ),
    ])
    const row = totals[0]
    const calls = Number(row?.calls ?? 0)
    const errors = Number(row?.errors ?? 0)
    const denials = Number(row?.denials ?? 0)
    return {
      calls,
      errors,
      denials,
      errorRate: calls === 0 ? 0 : errors / calls,
      denialRate: calls === 0 ? 0 : denials / calls,
      p50Ms: calls === 0 ? null : Number(row?.p50_ms),
      p95Ms: calls === 0 ? null : Number(row?.p95_ms),
      bucketSeconds,
      series: buckets.map(toBucket),
    }
  }
}

function toBucket(row: BucketRow): OverviewBucket {
  return {
    start: new Date(Number(row.start_ms)),
    calls: Number(row.calls),
    errors: Number(row.errors),
    denials: Number(row.denials),
    p95Ms: Number(row.p95_ms),
  }
}
