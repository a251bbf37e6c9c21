import { randomBytes } from 'node:crypto'
import type { ProjectStore } from '@tollgate/collector'
import type { AuditLog } from '../audit/audit-log'
import type { AuthRepository } from './auth.repository'
import { viewerOfUser } from './authenticate'
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from './cookies'
import type { HttpExchange } from './http-exchange'
import type { LoginBrake } from './login-brake'
import type { LoginSession, LoginSessionRepository } from './login-session.repository'
import type { Me } from './models/me.model'
import { toRole } from './models/role.model'
import { hashPassword, verifyPassword } from './password'
import type { RequestAuthenticator } from './request-authenticator'
import { generateSessionToken, hashSessionToken } from './session-token'
import { apiError, type Viewer } from './viewer'

/**
 * A session lasts 12 hours from sign-in, whatever the activity (absolute, no idle timeout):
 * a working day, and no write per request to slide an expiry. `logout` ends it sooner.
 */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
/** Longest username or password looked at; longer ones fail like a wrong password (≥ the bootstrap's 1024). */
const MAX_CREDENTIAL_LENGTH = 1024
/** The one answer to a wrong username, a wrong password and a disabled user. */
const WRONG_CREDENTIALS = 'Wrong username or password'

/** A new sign-in, and what to give the client. */
export interface LoginOutcome {
  csrfToken: string
  expiresAt: Date
  me: Me
}

/** Options of {@link LoginService}. */
export interface LoginServiceOptions {
  /** `always`: the cookies get `Secure` even over plain http (TLS ends at a proxy). */
  cookieSecure: 'auto' | 'always'
  now?: () => number
}

/**
 * Password sign-in and sign-out for the web. Sessions are random 256-bit tokens in an
 * HttpOnly cookie, stored only as hashes (`login_sessions`). Every outcome is audited,
 * never with the password.
 */
export class LoginService {
  private readonly now: () => number
  /** Verified against for unknown users, so they take as long as a wrong password. */
  private dummyHash: Promise<string> | undefined

  constructor(
    private readonly users: AuthRepository,
    private readonly sessions: LoginSessionRepository,
    private readonly projects: ProjectStore,
    private readonly authenticator: RequestAuthenticator,
    private readonly audit: AuditLog,
    private readonly brake: LoginBrake,
    private readonly options: LoginServiceOptions,
  ) {
    this.now = options.now ?? Date.now
  }

  /** Signs `username` in: sets the cookies on `http`. Throws UNAUTHENTICATED or RATE_LIMITED. */
  async login(username: string, password: string, http: HttpExchange): Promise<LoginOutcome> {
    const brakeKey = `${username.slice(0, MAX_CREDENTIAL_LENGTH)}\u0000${http.ip}`
    const waitMs = this.brake.retryAfterMs(brakeKey)
    if (waitMs > 0) {
      throw apiError(
        'RATE_LIMITED',
        `Too many failed sign-ins for this user from your address; try again in ${Math.ceil(waitMs / 60_000)} min`,
      )
    }
    const { viewer, known } = await this.checkPassword(username, password)
    if (viewer === null) {
      const locked = this.brake.fail(brakeKey)
      await this.audit.record({
        // An unknown name is often a password typed into the wrong field: never recorded.
        actor: known ? username : '(unknown user)',
        action: 'login.failed',
        projectId: '',
        target: '',
        details: { ip: http.ip, ...(locked ? { locked: true } : {}) },
      })
      throw apiError('UNAUTHENTICATED', WRONG_CREDENTIALS)
    }
    this.brake.succeed(brakeKey)
    const token = generateSessionToken()
    const csrfToken = generateSessionToken()
    const createdAt = this.now()
    const session: LoginSession = {
      tokenHash: hashSessionToken(token),
      userId: viewer.userId,
      csrfHash: hashSessionToken(csrfToken),
      createdAt,
      expiresAt: createdAt + SESSION_TTL_MS,
      revokedAt: 0,
    }
    await this.audit.record({
      actor: viewer.username,
      action: 'login.succeeded',
      projectId: '',
      target: viewer.userId,
      details: { userId: viewer.userId, ip: http.ip },
    })
    await this.sessions.save(session)
    http.setCookies(this.cookies(http, token, csrfToken, SESSION_TTL_MS / 1000))
    return { csrfToken, expiresAt: new Date(session.expiresAt), me: await this.me(viewer) }
  }

  /** Ends `session` (when the request had one) and clears the cookies; true when a session ended. */
  async logout(session: LoginSession | null, viewer: Viewer | null, http: HttpExchange): Promise<boolean> {
    http.setCookies(this.cookies(http, '', '', 0))
    if (session === null || viewer === null) return false
    await this.audit.record({
      actor: viewer.username,
      action: 'logout',
      projectId: '',
      target: viewer.userId,
      details: { userId: viewer.userId },
    })
    await this.sessions.revoke(session, this.now())
    this.authenticator.forgetSession(session.tokenHash)
    return true
  }

  /** `viewer` with the names of their projects. */
  async me(viewer: Viewer): Promise<Me> {
    const names = new Map((await this.projects.list()).map((p) => [p.id, p.name]))
    const projects = [...viewer.roles]
      .map(([projectId, role]) => ({ projectId, name: names.get(projectId) ?? '', role: toRole(role) }))
      .sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0))
    return { userId: viewer.userId, username: viewer.username, projects }
  }

  /**
   * The viewer when the password is right and the user enabled (else null), and whether the
   * username is a user's; after the same
   * scrypt work either way (a dummy hash for unknown users), so timing does not tell them apart.
   */
  private async checkPassword(
    username: string,
    password: string,
  ): Promise<{ viewer: Viewer | null; known: boolean }> {
    if (username.length > MAX_CREDENTIAL_LENGTH || password.length > MAX_CREDENTIAL_LENGTH) {
      return { viewer: null, known: false }
    }
    const user = username === '' ? null : await this.users.findUserByUsername(username)
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash))
    if (!ok || user === null || user.disabled) return { viewer: null, known: user !== null }
    return { viewer: await viewerOfUser(user.id, this.users), known: true }
  }

  private cookies(http: HttpExchange, token: string, csrfToken: string, maxAgeSeconds: number): string[] {
    const secure = this.options.cookieSecure === 'always' || http.https
    return [
      serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds, httpOnly: true, secure }),
      serializeCookie(CSRF_COOKIE, csrfToken, { maxAgeSeconds, httpOnly: false, secure }),
    ]
  }
}
