import { insertRows, type Storage } from '@tollgate/collector'

/**
 * What gets audited (DESIGN.md "Security model"): every read of a payload and every admin
 * change. Names are `noun.verb`; the list is closed so a reviewer can filter on it.
 */
export const AUDIT_ACTIONS = [
  'payload.read',
  'payload.search',
  'login.succeeded',
  'login.failed',
  'logout',
  'user.created',
  'member.set',
  'member.removed',
  'api_token.created',
  'api_token.revoked',
  'ingest_key.created',
  'ingest_key.revoked',
  'alert_rule.created',
  'alert_rule.updated',
  'alert_rule.deleted',
  'audit.exported',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** One audit record, as written. */
export interface AuditEntry {
  /** Who: the username (what a reviewer reads); their user id goes in `details.userId`. */
  actor: string
  action: AuditAction
  /** The project it concerns; '' for what has none (a login). */
  projectId: string
  /** What was read or changed: a call (`trace/span`), a session, a member, a key id. */
  target: string
  /** Anything else worth keeping, as JSON. Never a secret or a payload. */
  details?: Record<string, unknown>
}

/**
 * Writes the audit trail (`audit_log`, append only). A write is awaited before the audited
 * thing happens or is returned: when the trail cannot be written, the read or change is
 * refused rather than done unrecorded.
 */
export class AuditLog {
  constructor(private readonly storage: Storage) {}

  async record(entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries as AuditEntry]
    if (list.length === 0) return
    const time = String(Date.now())
    await insertRows(
      this.storage,
      'audit_log',
      list.map((e) => ({
        time,
        actor: e.actor,
        action: e.action,
        project_id: e.projectId,
        target: e.target,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
  }
}
