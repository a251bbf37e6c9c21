import { describe, expect, it } from 'vitest'
import type { AuthRepository, User } from './auth.repository'
import type { LoginSession, LoginSessionRepository } from './login-session.repository'
import { SESSION_CACHE_MS, SessionAuthenticator } from './session-authenticator'
import { hashSessionToken } from './session-token'

const TOKEN = 'A'.repeat(43)

function setup(expiresAt: number) {
  let now = 1_000
  let lookups = 0
  const user: User = { id: 'u1', username: 'una', passwordHash: 'x', createdAt: 0, disabled: false }
  const session: LoginSession = {
    tokenHash: hashSessionToken(TOKEN),
    userId: 'u1',
    csrfHash: 'c',
    createdAt: 0,
    expiresAt,
    revokedAt: 0,
  }
  const sessions = {
    findByHash: async (hash: string) => {
      lookups++
      return hash === session.tokenHash ? session : null
    },
  } as unknown as LoginSessionRepository
  const users = {
    findUserById: async () => user,
    listMemberships: async () => [{ projectId: 'p1', userId: 'u1', role: 'viewer' }],
  } as unknown as AuthRepository
  const authenticator = new SessionAuthenticator(sessions, users, () => now)
  return { authenticator, user, advance: (ms: number) => (now += ms), lookups: () => lookups }
}

describe('SessionAuthenticator', () => {
  it('caches an answer for the cache period, then sees a disabled user', async () => {
    const { authenticator, user, advance, lookups } = setup(1_000_000)
    expect((await authenticator.authenticate(TOKEN))?.viewer.username).toBe('una')
    user.disabled = true
    advance(SESSION_CACHE_MS - 1)
    expect((await authenticator.authenticate(TOKEN))?.viewer.username).toBe('una')
    expect(lookups()).toBe(1)
    advance(1)
    expect(await authenticator.authenticate(TOKEN)).toBeNull()
    expect(lookups()).toBe(2)
  })

  it('refuses an expired session even from the cache, and malformed tokens without a lookup', async () => {
    const { authenticator, advance, lookups } = setup(3_000)
    expect(await authenticator.authenticate(TOKEN)).not.toBeNull()
    advance(2_000)
    expect(await authenticator.authenticate(TOKEN)).toBeNull()
    expect(await authenticator.authenticate('short')).toBeNull()
    expect(lookups()).toBe(1)
  })
})
