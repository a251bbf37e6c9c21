import { insertRows, queryRows, type Storage, VersionClock } from '@tollgate/collector'

/** Roles per project (DESIGN.md "Security model"). */
export type ProjectRole = 'viewer' | 'investigator' | 'admin'

/** A user as the api sees it. */
export interface User {
  id: string
  username: string
  passwordHash: string
  /** Unix milliseconds. */
  createdAt: number
  disabled: boolean
}

/** An API token's stored half: never the token itself. */
export interface ApiTokenRecord {
  id: string
  userId: string
  name: string
  /** Display prefix (`tg_api_AbCd1234`). */
  prefix: string
  tokenHash: string
  /** Unix milliseconds. */
  createdAt: number
  /** Unix milliseconds; 0 = not revoked. */
  revokedAt: number
}

/** A user's role in a project. */
export interface ProjectMember {
  projectId: string
  userId: string
  role: ProjectRole
}

interface UserRow {
  id: string
  username: string
  password_hash: string
  created_at: string
  disabled: number
}

interface ApiTokenRow {
  id: string
  user_id: string
  name: string
  prefix: string
  token_hash: string
  created_at: string
  revoked_at: string
}

/**
 * The SQL of users, API tokens and project memberships (tables owned by the
 * collector's schema, `storage/schema/config.ts`). Changes insert a new row
 * version; reads use `FINAL`, which is cheap on these tiny tables. Every value
 * is a bound parameter. Times cross the boundary as unix milliseconds.
 */
export class AuthRepository {
  constructor(
    private readonly storage: Storage,
    private readonly clock: VersionClock = new VersionClock(),
  ) {}

  /** The (not deleted) user called `username`, or null. */
  async findUserByUsername(username: string): Promise<User | null> {
    return this.findUser('username = {username:String} ORDER BY created_at', { username })
  }

  /** The (not deleted) user `id`, or null. */
  async findUserById(id: string): Promise<User | null> {
    return this.findUser('id = {id:String}', { id })
  }

  private async findUser(where: string, params: Record<string, string>): Promise<User | null> {
    const rows = await this.select<UserRow>(
      `SELECT id, username, password_hash, toString(toUnixTimestamp64Milli(created_at)) AS created_at, disabled
       FROM ${this.db}.users FINAL WHERE ${where} LIMIT 1`,
      params,
    )
    const row = rows[0]
    if (row === undefined) return null
    return {
      id: row.id,
      username: row.username,
      passwordHash: row.password_hash,
      createdAt: Number(row.created_at),
      disabled: row.disabled === 1,
    }
  }

  /** Inserts (or replaces, by id) a user. */
  async saveUser(
    user: Omit<User, 'createdAt' | 'disabled'> & { createdAt?: number; disabled?: boolean },
  ): Promise<void> {
    await insertRows(this.storage, 'users', [
      {
        id: user.id,
        username: user.username,
        password_hash: user.passwordHash,
        created_at: String(user.createdAt ?? Date.now()),
        disabled: user.disabled === true ? 1 : 0,
        version: this.clock.next(),
      },
    ])
  }

  /** Stores a new API token (hash and display prefix only). */
  async saveApiToken(token: Omit<ApiTokenRecord, 'createdAt' | 'revokedAt'>): Promise<void> {
    await insertRows(this.storage, 'api_tokens', [
      {
        id: token.id,
        user_id: token.userId,
        name: token.name,
        prefix: token.prefix,
        token_hash: token.tokenHash,
        created_at: String(Date.now()),
        version: this.clock.next(),
      },
    ])
  }

  /** The token record whose hash is `tokenHash`, or null. */
  async findApiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const rows = await this.select<ApiTokenRow>(
      `SELECT id, user_id, name, prefix, token_hash,
              toString(toUnixTimestamp64Milli(created_at)) AS created_at,
              toString(toUnixTimestamp64Milli(revoked_at)) AS revoked_at
       FROM ${this.db}.api_tokens FINAL WHERE token_hash = {tokenHash:String} LIMIT 1`,
      { tokenHash },
    )
    const row = rows[0]
    if (row === undefined) return null
    return {
      id: row.id,
      userId: row.user_id,
      name: row.name,
      prefix: row.prefix,
      tokenHash: row.token_hash,
      createdAt: Number(row.created_at),
      revokedAt: Number(row.revoked_at),
    }
  }

  /** Gives `userId` the role `role` in `projectId` (replacing an earlier role). */
  async saveMember(member: ProjectMember): Promise<void> {
    await insertRows(this.storage, 'project_members', [
      { project_id: member.projectId, user_id: member.userId, role: member.role, version: this.clock.next() },
    ])
  }

  /** The members of `projectId`. */
  async listMembers(projectId: string): Promise<ProjectMember[]> {
    return this.members('project_id = {projectId:String} ORDER BY user_id', { projectId })
  }

  /** Every project `userId` is a member of, with the role there. */
  async listMemberships(userId: string): Promise<ProjectMember[]> {
    return this.members('user_id = {userId:String} ORDER BY project_id', { userId })
  }

  private async members(where: string, params: Record<string, string>): Promise<ProjectMember[]> {
    const rows = await this.select<{ project_id: string; user_id: string; role: ProjectRole }>(
      `SELECT project_id, user_id, role FROM ${this.db}.project_members FINAL WHERE ${where}`,
      params,
    )
    return rows.map((r) => ({ projectId: r.project_id, userId: r.user_id, role: r.role }))
  }

  private get db(): string {
    return this.storage.database
  }

  private select<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    return queryRows<T>(this.storage, query, params)
  }
}
