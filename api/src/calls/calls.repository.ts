import { queryRows, type Storage } from '@tollgate/collector'
import { withEvents } from './call-events'
import { type CallRow, callColumns } from './call-rows'
import { findTraceRange, IN_ID_RANGE } from './id-lookup'
import type { McpCall } from './models/call.model'

/** One call by its ids, the path from a provenance record or a trace span to the evidence. */
export class CallsRepository {
  constructor(private readonly storage: Storage) {}

  async find(projectId: string, traceId: string, spanId: string, shown: boolean): Promise<McpCall | null> {
    const range = await findTraceRange(this.storage, projectId, traceId)
    if (range === null) return null
    const rows = await queryRows<CallRow>(
      this.storage,
      `SELECT ${callColumns(shown)} FROM ${this.storage.database}.mcp_calls
       WHERE project_id = {projectId:String} AND ${IN_ID_RANGE}
         AND trace_id = {traceId:String} AND span_id = {spanId:String}
       LIMIT 1`,
      { projectId, traceId, spanId, minNs: range.minNs, maxNs: range.maxNs },
    )
    const [call] = await withEvents(this.storage, projectId, rows, shown)
    return call ?? null
  }
}
