import { insertRows, queryRows, type Storage, VersionClock } from '@tollgate/collector'

/** A sign-in as stored: hashes of its tokens, never the tokens. */
export interface LoginSession {
  tokenHash: string
  userId: string
  csrfHash: string
  /** Unix milliseconds. */
  createdAt: number
  /** Unix milliseconds: the session is refused from then on. */
  expiresAt: number
  /** Unix milliseconds; 0 = not revoked. */
  revokedAt: number
}

interface SessionRow {
  token_hash: string
  user_id: string
  csrf_hash: string
  created_at: string
  expires_at: string
  revoked_at: string
}

/**
 * The SQL of `login_sessions` (collector schema `login-sessions.ts`). A logout inserts a
 * new version of the row with `revoked_at`; reads use `FINAL`. Every value is bound.
 */
export class LoginSessionRepository {
  constructor(
    private readonly storage: Storage,
    private readonly clock: VersionClock = new VersionClock(),
  ) {}

  /** Stores a new session. */
  async save(session: LoginSession): Promise<void> {
    await insertRows(this.storage, 'login_sessions', [this.row(session)])
  }

  /** The session whose token hashes to `tokenHash`, or null. */
  async findByHash(tokenHash: string): Promise<LoginSession | null> {
    const rows = await queryRows<SessionRow>(
      this.storage,
      `SELECT token_hash, user_id, csrf_hash,
              toString(toUnixTimestamp64Milli(created_at)) AS created_at,
              toString(toUnixTimestamp64Milli(expires_at)) AS expires_at,
              toString(toUnixTimestamp64Milli(revoked_at)) AS revoked_at
       FROM ${this.storage.database}.login_sessions FINAL
       WHERE token_hash = {tokenHash:String} LIMIT 1`,
      { tokenHash },
    )
    const row = rows[0]
    if (row === undefined) return null
    return {
      tokenHash: row.token_hash,
      userId: row.user_id,
      csrfHash: row.csrf_hash,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      revokedAt: Number(row.revoked_at),
    }
  }

  /** Marks `session` revoked at `at` (a logout). */
  async revoke(session: LoginSession, at: number): Promise<void> {
    await insertRows(this.storage, 'login_sessions', [this.row({ ...session, revokedAt: at })])
  }

  private row(session: LoginSession): Record<string, string | number> {
    return {
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_hash: session.csrfHash,
      created_at: String(session.createdAt),
      expires_at: String(session.expiresAt),
      // NB: the engine does not parse "0" as a DateTime64(3); "never" is the column default.
      ...(session.revokedAt === 0 ? {} : { revoked_at: String(session.revokedAt) }),
      version: this.clock.next(),
    }
  }
}
