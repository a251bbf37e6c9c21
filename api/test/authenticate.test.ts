import type { Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { AuthRepository } from '../src/auth/auth.repository'
import { BearerAuthenticator } from '../src/auth/authenticate'
import { userWithToken } from './graphql-helpers'
import { migratedStorage, removeDir, tempDir } from './helpers'

let dir: string
let storage: Storage
let token: string

beforeAll(async () => {
  dir = tempDir('authenticate')
  storage = await migratedStorage(dir)
  token = await userWithToken(storage, 'carl', { p1: 'investigator', p2: 'viewer' })
})

afterAll(async () => {
  await storage?.close()
  removeDir(dir)
})

describe('BearerAuthenticator', () => {
  it('finds the user and their roles, and looks the token up once per period', async () => {
    const repository = new AuthRepository(storage)
    const lookups = vi.spyOn(repository, 'findApiTokenByHash')
    const authenticator = new BearerAuthenticator(repository)
    const first = await authenticator.authenticate(`Bearer ${token}`)
    const second = await authenticator.authenticate(`Bearer ${token}`)
    expect(first?.username).toBe('carl')
    expect(Object.fromEntries(first?.roles ?? [])).toEqual({ p1: 'investigator', p2: 'viewer' })
    expect(second).toBe(first)
    expect(lookups).toHaveBeenCalledTimes(1)
  })

  it('answers null for missing, malformed, oversized and unknown credentials', async () => {
    const authenticator = new BearerAuthenticator(new AuthRepository(storage))
    for (const header of [
      undefined,
      'Basic abc',
      `Bearer ${'x'.repeat(300)}`,
      'Bearer tg_api_unknown',
      token,
    ]) {
      expect(await authenticator.authenticate(header)).toBeNull()
    }
  })

  it('does not keep a lookup that failed, so the next request tries again', async () => {
    const repository = new AuthRepository(storage)
    const lookups = vi
      .spyOn(repository, 'findApiTokenByHash')
      .mockRejectedValueOnce(new Error('storage down'))
    const authenticator = new BearerAuthenticator(repository)
    await expect(authenticator.authenticate(`Bearer ${token}`)).rejects.toThrow('storage down')
    expect((await authenticator.authenticate(`Bearer ${token}`))?.username).toBe('carl')
    expect(lookups).toHaveBeenCalledTimes(2)
  })
})
