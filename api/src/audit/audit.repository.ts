import { queryRows, type Storage } from '@tollgate/collector'
import type { PageRequest } from '../graphql/page'
import type { TimeRange } from '../graphql/time-range'
import type { AuditRecord } from './models/audit.model'

interface AuditRow {
  record_id: string
  at_ms: string
  actor: string
  action: string
  target: string
  details: string
}

/** A position in the trail, newest first: the last record a chunk returned. */
interface Position {
  atMs: string
  id: string
}

/** Records per chunk of an export: bounded memory whatever the range holds. */
export const EXPORT_CHUNK = 5000

/** Reads the audit trail of one project (`audit_log`, sorted by project and time). */
export class AuditRepository {
  constructor(private readonly storage: Storage) {}

  async page(
    projectId: string,
    range: TimeRange,
    condition: { sql: string; params: Record<string, string> },
    page: PageRequest,
  ): Promise<{ items: AuditRecord[]; hasMore: boolean }> {
    const rows = await this.select(projectId, range, condition, null, page.limit + 1, page.offset)
    return { items: rows.slice(0, page.limit).map(toRecord), hasMore: rows.length > page.limit }
  }

  /**
   * Every record of the range, newest first, in chunks of {@link EXPORT_CHUNK}. Keyset paging
   * on (time, id), not offsets: each chunk is an index range read, and records written while
   * the export runs cannot shift or repeat what comes next.
   */
  async *all(
    projectId: string,
    range: TimeRange,
    condition: { sql: string; params: Record<string, string> },
  ): AsyncGenerator<AuditRecord[]> {
    let after: Position | null = null
    for (;;) {
      const rows = await this.select(projectId, range, condition, after, EXPORT_CHUNK, 0)
      if (rows.length > 0) yield rows.map(toRecord)
      const last = rows.at(-1)
      if (last === undefined || rows.length < EXPORT_CHUNK) return
      after = { atMs: last.at_ms, id: last.record_id }
    }
  }

  private select(
    projectId: string,
    range: TimeRange,
    condition: { sql: string; params: Record<string, string> },
    after: Position | null,
    limit: number,
    offset: number,
  ): Promise<AuditRow[]> {
    const keyset =
      after === null
        ? ''
        : 'AND (time, toString(id)) < (fromUnixTimestamp64Milli({afterMs:Int64}), {afterId:String})'
    return queryRows<AuditRow>(
      this.storage,
      `SELECT toString(id) AS record_id, toString(toUnixTimestamp64Milli(time)) AS at_ms, actor, action, target, details
       FROM ${this.storage.database}.audit_log
       WHERE project_id = {projectId:String}
         AND time >= fromUnixTimestamp64Milli({fromMs:Int64}) AND time < fromUnixTimestamp64Milli({toMs:Int64})
         AND ${condition.sql} ${keyset}
       ORDER BY time DESC, record_id DESC
       LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      {
        projectId,
        fromMs: range.fromMs,
        toMs: range.toMs,
        limit,
        offset,
        ...condition.params,
        ...(after === null ? {} : { afterMs: after.atMs, afterId: after.id }),
      },
    )
  }
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.record_id,
    at: new Date(Number(row.at_ms)),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: row.details,
  }
}
