import type { Storage } from '@tollgate/collector'
import { AuthRepository } from './auth.repository'
import { BearerAuthenticator } from './authenticate'
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './cookies'
import { type AuthRefusal, checkCsrfToken, checkOrigin, type OriginHeaders } from './csrf'
import type { LoginSession } from './login-session.repository'
import { LoginSessionRepository } from './login-session.repository'
import { SessionAuthenticator } from './session-authenticator'
import type { Viewer } from './viewer'

/** The parts of an HTTP request a credential can be in (Fastify's `request.headers` fits). */
export interface CredentialHeaders extends OriginHeaders {
  authorization?: string
  cookie?: string | string[]
  /** The CSRF token a cookie-authenticated request must echo (see `csrf.ts`). */
  [CSRF_HEADER]?: string | string[]
}

/** Who sends a request, and how. */
export interface RequestIdentity {
  viewer: Viewer | null
  /** The sign-in behind the `tg_session` cookie, when that is the credential used. */
  session: LoginSession | null
  /** Set when the request must be refused as a whole (CSRF, a foreign Origin); `viewer` is then null. */
  refusal: AuthRefusal | null
}

const ANONYMOUS: RequestIdentity = { viewer: null, session: null, refusal: null }

/**
 * Establishes who sends a request, for every entry point (GraphQL, the audit export):
 * one place decides which credentials count. A bearer API token wins; else the web's
 * session cookie, which must come with its CSRF header (`csrf.ts`).
 */
export class RequestAuthenticator {
  private readonly bearer: BearerAuthenticator
  private readonly sessions: SessionAuthenticator

  constructor(storage: Storage) {
    const users = new AuthRepository(storage)
    this.bearer = new BearerAuthenticator(users)
    this.sessions = new SessionAuthenticator(new LoginSessionRepository(storage), users)
  }

  /** The viewer behind `headers`, or null when they carry no valid credential or are refused. */
  async authenticate(headers: CredentialHeaders): Promise<Viewer | null> {
    return (await this.identify(headers)).viewer
  }

  /** {@link authenticate} with the session used and the reason for a refusal. */
  async identify(headers: CredentialHeaders): Promise<RequestIdentity> {
    if (headers.authorization !== undefined) {
      return { viewer: await this.bearer.authenticate(headers.authorization), session: null, refusal: null }
    }
    const foreign = checkOrigin(headers)
    if (foreign !== null) return { ...ANONYMOUS, refusal: foreign }
    const token = readCookie(headers.cookie, SESSION_COOKIE)
    // An expired or revoked cookie counts as none: the client can still sign in again.
    const found = token === undefined ? null : await this.sessions.authenticate(token)
    if (found === null) return ANONYMOUS
    const refusal = checkCsrfToken(headers[CSRF_HEADER], found.session.csrfHash)
    if (refusal !== null) return { ...ANONYMOUS, refusal }
    return { viewer: found.viewer, session: found.session, refusal: null }
  }

  /** Makes the revocation of the API token hashing to `tokenHash` effective at once in this process. */
  forgetApiToken(tokenHash: string): void {
    this.bearer.forget(tokenHash)
  }

  /** Makes a logout effective at once in this process. */
  forgetSession(tokenHash: string): void {
    this.sessions.forget(tokenHash)
  }

  /**
   * Forgets every cached viewer, so a change of roles or of a user takes effect at once in
   * this process (other processes: within the cache periods, 10 s bearer, 5 s session).
   */
  clearCaches(): void {
    this.bearer.clear()
    this.sessions.clear()
  }
}
