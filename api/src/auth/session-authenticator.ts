import { TtlCache } from '@tollgate/collector'
import type { AuthRepository } from './auth.repository'
import { viewerOfUser } from './authenticate'
import type { LoginSession, LoginSessionRepository } from './login-session.repository'
import { hashSessionToken } from './session-token'
import type { Viewer } from './viewer'

/** A valid sign-in: the stored session and who it is. */
export interface SessionIdentity {
  session: LoginSession
  viewer: Viewer
}

/**
 * How long a session's answer is reused. Shorter than the bearer cache: a logout in another
 * process, a disabled user or a role change reaches the web within these few seconds.
 */
export const SESSION_CACHE_MS = 5_000
const SESSION_CACHE_ENTRIES = 10_000
/** Session tokens are 32 bytes base64url (`session-token.ts`): anything else is not one. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/

/**
 * The identity behind a `tg_session` cookie value, or null when the session is unknown,
 * revoked, expired or its user disabled (never says which). Answers are cached per token
 * hash for {@link SESSION_CACHE_MS}; expiry is checked on every use, cached or not.
 */
export class SessionAuthenticator {
  private cache: TtlCache<string, Promise<SessionIdentity | null>>

  constructor(
    private readonly sessions: LoginSessionRepository,
    private readonly users: AuthRepository,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new TtlCache(SESSION_CACHE_MS, SESSION_CACHE_ENTRIES, now)
  }

  async authenticate(token: string): Promise<SessionIdentity | null> {
    if (!SESSION_TOKEN.test(token)) return null
    const key = hashSessionToken(token)
    let identity = this.cache.get(key)
    if (identity === undefined) {
      identity = this.lookup(key)
      this.cache.set(key, identity)
      identity.catch(() => this.cache.delete(key))
    }
    const found = await identity
    return found !== null && found.session.expiresAt > this.now() ? found : null
  }

  /** Forgets the answer for the session hashing to `tokenHash` (it was just revoked). */
  forget(tokenHash: string): void {
    this.cache.delete(tokenHash)
  }

  /** Forgets every answer (roles changed). */
  clear(): void {
    this.cache = new TtlCache(SESSION_CACHE_MS, SESSION_CACHE_ENTRIES, this.now)
  }

  private async lookup(tokenHash: string): Promise<SessionIdentity | null> {
    const session = await this.sessions.findByHash(tokenHash)
    if (session === null || session.revokedAt !== 0 || session.expiresAt <= this.now()) return null
    const viewer = await viewerOfUser(session.userId, this.users)
    return viewer === null ? null : { session, viewer }
  }
}
