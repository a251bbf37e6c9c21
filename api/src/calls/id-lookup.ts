import { queryRows, type Storage } from '@tollgate/collector'

/** The time range an id's rows lie in, as unix nanoseconds (decimal strings: they exceed 2^53). */
export interface IdRange {
  minNs: string
  maxNs: string
  count: number
}

/**
 * "Find trace X" step one: a point read of `trace_lookup` (sorted by id), whose answer
 * narrows the read of `spans` / `mcp_calls` (sorted by project and hour) to the time the
 * trace was seen. Null when the trace is unknown in the project. Aggregated at read time:
 * lookup rows merge eventually. (Sessions have their own lookup, with totals: see sessions/.)
 */
export async function findTraceRange(
  storage: Storage,
  projectId: string,
  traceId: string,
): Promise<IdRange | null> {
  const rows = await queryRows<{ min_ns: string; max_ns: string; n: string }>(
    storage,
    `SELECT toString(toUnixTimestamp64Nano(min(min_time))) AS min_ns,
            toString(toUnixTimestamp64Nano(max(max_time))) AS max_ns, toString(sum(span_count)) AS n
     FROM ${storage.database}.trace_lookup
     WHERE project_id = {projectId:String} AND trace_id = {traceId:String}`,
    { projectId, traceId },
  )
  const row = rows[0]
  if (row === undefined || Number(row.n) === 0) return null
  return { minNs: row.min_ns, maxNs: row.max_ns, count: Number(row.n) }
}

/** The WHERE clause of an id's time range (params `minNs`, `maxNs`). */
export const IN_ID_RANGE =
  'timestamp >= fromUnixTimestamp64Nano({minNs:Int64}) AND timestamp <= fromUnixTimestamp64Nano({maxNs:Int64})'
