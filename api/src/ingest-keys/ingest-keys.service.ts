import type { IngestKeyInfo, IngestKeyStore } from '@tollgate/collector'
import type { AuditLog } from '../audit/audit-log'
import { apiError, requireRole, type Viewer } from '../auth/viewer'

const MAX_NAME_LENGTH = 200

/**
 * A project's ingest keys for its admins: create (the key is returned once), list, revoke;
 * changes audited (target = key id, never the key). Uses the collector's `IngestKeyStore`:
 * when it is the instance the OTLP receiver verifies with, a revocation evicts the receiver's
 * cached answer at once; otherwise (another process) it takes effect within the store's cache
 * period (5 s).
 */
export class IngestKeysService {
  constructor(
    private readonly keys: IngestKeyStore,
    private readonly audit: AuditLog,
  ) {}

  async list(viewer: Viewer | null, projectId: string): Promise<IngestKeyInfo[]> {
    requireRole(viewer, projectId, 'admin')
    return this.keys.list(projectId)
  }

  async create(
    viewer: Viewer | null,
    projectId: string,
    name: string,
  ): Promise<{ key: string; info: IngestKeyInfo }> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    const trimmed = name.trim()
    if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
      throw apiError('BAD_USER_INPUT', `name must be 1–${MAX_NAME_LENGTH} characters`)
    }
    const created = await this.keys.create(projectId, trimmed)
    const info: IngestKeyInfo = { ...created, name: trimmed, createdAt: Date.now(), revokedAt: 0 }
    // NB: the store makes the id, so this entry follows the insert; a failed audit write still
    // refuses the answer, and the unseen key is then revoked rather than left usable.
    try {
      await this.audit.record({
        actor: actor.username,
        action: 'ingest_key.created',
        projectId,
        target: created.id,
        details: { userId: actor.userId, name: trimmed, prefix: created.prefix },
      })
    } catch (err) {
      await this.keys.revoke(created.id).catch(() => undefined)
      throw err
    }
    return { key: created.key, info }
  }

  async revoke(viewer: Viewer | null, projectId: string, id: string): Promise<IngestKeyInfo> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    // Looked up within the project: the store's revoke takes any id or prefix, of any project.
    const key = (await this.keys.list(projectId)).find((k) => k.id === id)
    if (key === undefined) {
      throw apiError(
        'BAD_USER_INPUT',
        `No ingest key with id ${JSON.stringify(id.slice(0, 64))} in this project`,
      )
    }
    if (key.revokedAt !== 0) return key
    await this.audit.record({
      actor: actor.username,
      action: 'ingest_key.revoked',
      projectId,
      target: key.id,
      details: { userId: actor.userId, name: key.name, prefix: key.prefix },
    })
    return this.keys.revoke(key.id)
  }
}
