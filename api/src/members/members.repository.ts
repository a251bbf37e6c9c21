import { insertRows, queryRows, type Storage, VersionClock } from '@tollgate/collector'
import type { ProjectRole } from '../auth/auth.repository'

/** A member of a project as the admin screen lists them. */
export interface MemberRecord {
  userId: string
  username: string
  role: ProjectRole
  /** When the current role was given (unix milliseconds). */
  since: number
}

interface MemberRow {
  user_id: string
  username: string
  role: ProjectRole
  since: string
}

/**
 * The SQL of `project_members` for member administration. Every write of a membership goes
 * through one instance (one `VersionClock`), so a role change and a removal made in the same
 * millisecond are still ordered. Reads use `FINAL`; a removal is a row version with `deleted = 1`.
 */
export class MembersRepository {
  constructor(
    private readonly storage: Storage,
    private readonly clock: VersionClock = new VersionClock(),
  ) {}

  /** The members of `projectId` with their usernames, by username. */
  async list(projectId: string): Promise<MemberRecord[]> {
    const db = this.storage.database
    const rows = await queryRows<MemberRow>(
      this.storage,
      `SELECT m.user_id AS user_id, u.username AS username, m.role AS role,
              toString(toUnixTimestamp64Milli(m.updated_at)) AS since
       FROM ${db}.project_members AS m FINAL
       LEFT JOIN (SELECT id, username FROM ${db}.users FINAL) AS u ON u.id = m.user_id
       WHERE m.project_id = {projectId:String}
       ORDER BY username, user_id`,
      { projectId },
    )
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      role: r.role,
      since: Number(r.since),
    }))
  }

  /** Gives `userId` the role `role` in `projectId`. */
  async set(projectId: string, userId: string, role: ProjectRole): Promise<void> {
    await insertRows(this.storage, 'project_members', [
      { project_id: projectId, user_id: userId, role, version: this.clock.next(), deleted: 0 },
    ])
  }

  /** Removes `userId` from `projectId`. */
  async remove(projectId: string, userId: string, role: ProjectRole): Promise<void> {
    await insertRows(this.storage, 'project_members', [
      { project_id: projectId, user_id: userId, role, version: this.clock.next(), deleted: 1 },
    ])
  }
}
