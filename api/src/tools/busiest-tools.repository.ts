import { queryRows, type Storage } from '@tollgate/collector'
import type { TimeRange } from '../graphql/time-range'
import { RAW_EDGES, ROLLUP_INTERIOR, rollupParams } from '../rollups/rollup-range'
import type { ToolTraffic } from './models/tool-traffic.model'

/** Most tools one answer lists. */
export const MAX_BUSIEST = 20

interface Row {
  server_name: string
  target: string
  calls: string
  errors: string
  denials: string
}

/**
 * The tools with the most calls in a range, with their errors and denials: what a dashboard's
 * front page lists. Unlike the misuse ranking (`tools`), which reads every call's arguments
 * to find retry loops, this counts from the minute rollup `mcp_calls_1m` plus the raw partial
 * minutes at both ends, so its cost follows the minutes in the range, not the calls (exact
 * counts either way). Server side only; caller faults are not server errors.
 */
export class BusiestToolsRepository {
  constructor(private readonly storage: Storage) {}

  async busiest(projectId: string, range: TimeRange, first: number): Promise<ToolTraffic[]> {
    const db = this.storage.database
    const scope = "project_id = {projectId:String} AND span_kind = 'SERVER' AND method = 'tools/call'"
    // NB: the inner aliases differ from the rollup's column names, which they would shadow;
    // both branches yield UInt64 (a signed difference would make UNION ALL a Variant).
    const rows = await queryRows<Row>(
      this.storage,
      `SELECT server_name, target, toString(sum(part_calls)) AS calls, toString(sum(part_errors)) AS errors,
              toString(sum(part_denials)) AS denials
       FROM (
         SELECT server_name, target, count() AS part_calls,
                countIf(outcome = 'error' AND caller_fault = 0) AS part_errors,
                countIf(outcome = 'denied') AS part_denials
         FROM ${db}.mcp_calls WHERE ${scope} AND ${RAW_EDGES}
         GROUP BY server_name, target
         UNION ALL
         SELECT server_name, target, sum(calls) AS part_calls,
                toUInt64(sumIf(calls, outcome = 'error') - sumIf(caller_faults, outcome = 'error')) AS part_errors,
                sumIf(calls, outcome = 'denied') AS part_denials
         FROM ${db}.mcp_calls_1m WHERE ${scope} AND ${ROLLUP_INTERIOR}
         GROUP BY server_name, target
       )
       GROUP BY server_name, target
       ORDER BY sum(part_calls) DESC, server_name, target
       LIMIT {first:UInt32}`,
      { projectId, first, ...rollupParams(range) },
    )
    return rows.map((r) => ({
      serverName: r.server_name,
      tool: r.target,
      calls: Number(r.calls),
      errors: Number(r.errors),
      denials: Number(r.denials),
    }))
  }
}
