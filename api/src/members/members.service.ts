import { randomUUID } from 'node:crypto'
import type { AuditLog } from '../audit/audit-log'
import type { AuthRepository, ProjectRole } from '../auth/auth.repository'
import { hashPassword } from '../auth/password'
import type { RequestAuthenticator } from '../auth/request-authenticator'
import { apiError, requireRole, type Viewer } from '../auth/viewer'
import type { MemberRecord, MembersRepository } from './members.repository'
import { KeyedSerializer } from './serializer'

/** Usernames: what fits a login form and a log line, nothing to escape. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 256

/**
 * Project membership administration: list, set a role, remove, and invite (create a user and
 * add them). Each change needs `admin` in the project, writes one audit entry before it is
 * made, and keeps at least one admin per project. Changes of one project run one at a time in
 * this process, so two admins demoting each other at once cannot leave none; across processes
 * that race remains (rare: admin changes are human-paced).
 */
export class MembersService {
  private readonly serial = new KeyedSerializer()

  constructor(
    private readonly members: MembersRepository,
    private readonly users: AuthRepository,
    private readonly authenticator: RequestAuthenticator,
    private readonly audit: AuditLog,
  ) {}

  async list(viewer: Viewer | null, projectId: string): Promise<MemberRecord[]> {
    requireRole(viewer, projectId, 'admin')
    return this.members.list(projectId)
  }

  /** Gives existing user `username` the role `role` in `projectId`. */
  async set(
    viewer: Viewer | null,
    projectId: string,
    username: string,
    role: ProjectRole,
  ): Promise<MemberRecord> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    const user = await this.users.findUserByUsername(username)
    if (user === null) throw apiError('BAD_USER_INPUT', `No user named ${quote(username)}`)
    return this.serial.run(projectId, async () => {
      const current = await this.members.list(projectId)
      const previous = current.find((m) => m.userId === user.id)
      if (previous?.role === 'admin' && role !== 'admin') assertNotLastAdmin(current, previous, projectId)
      await this.audit.record({
        actor: actor.username,
        action: 'member.set',
        projectId,
        target: user.username,
        details: { userId: actor.userId, memberUserId: user.id, role, previousRole: previous?.role ?? null },
      })
      await this.members.set(projectId, user.id, role)
      this.authenticator.clearCaches()
      return { userId: user.id, username: user.username, role, since: Date.now() }
    })
  }

  /** Removes `username` from `projectId`; the user itself stays. */
  async remove(viewer: Viewer | null, projectId: string, username: string): Promise<boolean> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    return this.serial.run(projectId, async () => {
      const current = await this.members.list(projectId)
      const member = current.find((m) => m.username === username)
      if (member === undefined) {
        throw apiError('BAD_USER_INPUT', `${quote(username)} is not a member of this project`)
      }
      if (member.role === 'admin') assertNotLastAdmin(current, member, projectId)
      await this.audit.record({
        actor: actor.username,
        action: 'member.removed',
        projectId,
        target: member.username,
        details: { userId: actor.userId, memberUserId: member.userId, previousRole: member.role },
      })
      await this.members.remove(projectId, member.userId, member.role)
      this.authenticator.clearCaches()
      return true
    })
  }

  /** Creates user `username` with `password` and gives them `role` in `projectId`. */
  async invite(
    viewer: Viewer | null,
    projectId: string,
    username: string,
    password: string,
    role: ProjectRole,
  ): Promise<MemberRecord> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    if (!USERNAME.test(username)) {
      throw apiError(
        'BAD_USER_INPUT',
        'username must be 1–64 characters of A-Z a-z 0-9 _ . @ - (starting with a letter or digit)',
      )
    }
    if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
      throw apiError('BAD_USER_INPUT', `password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long`)
    }
    const passwordHash = await hashPassword(password)
    // One queue for every new user: the "is the name free" check and the insert cannot interleave.
    return this.serial.run('\u0000users', async () => {
      if ((await this.users.findUserByUsername(username)) !== null) {
        throw apiError('BAD_USER_INPUT', `A user named ${quote(username)} exists already; use setMember`)
      }
      const userId = `usr_${randomUUID()}`
      const details = { userId: actor.userId, memberUserId: userId, role }
      await this.audit.record([
        { actor: actor.username, action: 'user.created', projectId, target: username, details },
        {
          actor: actor.username,
          action: 'member.set',
          projectId,
          target: username,
          details: { ...details, previousRole: null },
        },
      ])
      // Membership first, user last: a user row without its membership would be an orphan login.
      await this.serial.run(projectId, () => this.members.set(projectId, userId, role))
      await this.users.saveUser({ id: userId, username, passwordHash })
      this.authenticator.clearCaches()
      return { userId, username, role, since: Date.now() }
    })
  }
}

function assertNotLastAdmin(members: readonly MemberRecord[], member: MemberRecord, projectId: string): void {
  if (members.some((m) => m.role === 'admin' && m.userId !== member.userId)) return
  throw apiError(
    'BAD_USER_INPUT',
    `${quote(member.username)} is the last admin of project ${quote(projectId)}: make another member ADMIN first`,
  )
}

/** A user-given string as an error message shows it: quoted, and never long. */
function quote(value: string): string {
  return JSON.stringify(value.slice(0, 64))
}
