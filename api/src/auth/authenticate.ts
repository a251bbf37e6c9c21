import { TtlCache } from '@tollgate/collector'
import { API_TOKEN_PREFIX, hashApiToken } from './api-token'
import type { AuthRepository } from './auth.repository'
import type { Viewer } from './viewer'

/** Longest Authorization header read: a token is 50 characters; anything far longer is not one. */
const MAX_HEADER_LENGTH = 256

/** The token in an `Authorization: Bearer tg_api_…` header, or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length > MAX_HEADER_LENGTH) return undefined
  const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1]
  return token?.startsWith(API_TOKEN_PREFIX) === true ? token : undefined
}

/** The viewer of user `userId` (their roles per project), or null when the user is unknown or disabled. */
export async function viewerOfUser(userId: string, repository: AuthRepository): Promise<Viewer | null> {
  const user = await repository.findUserById(userId)
  if (user === null || user.disabled) return null
  const memberships = await repository.listMemberships(user.id)
  return {
    userId: user.id,
    username: user.username,
    roles: new Map(memberships.map((m) => [m.projectId, m.role])),
  }
}

/**
 * The viewer behind an `Authorization: Bearer tg_api_…` header, or null when there is no
 * such header or the token is unknown, revoked, or its user disabled. Never says which.
 */
export async function authenticateBearer(
  header: string | undefined,
  repository: AuthRepository,
): Promise<Viewer | null> {
  const token = bearerToken(header)
  if (token === undefined) return null
  const record = await repository.findApiTokenByHash(hashApiToken(token))
  if (record === null || record.revokedAt !== 0) return null
  return viewerOfUser(record.userId, repository)
}

/** How long a token's viewer is reused: a revocation or a role change takes effect within this. */
export const VIEWER_CACHE_MS = 10_000
/** Bounded, so a flood of distinct made-up tokens cannot grow memory. */
const VIEWER_CACHE_ENTRIES = 10_000

/**
 * {@link authenticateBearer} with the answer kept per token hash for {@link VIEWER_CACHE_MS}:
 * the lookup is three small `FINAL` reads (about 10 ms on the embedded engine), paid once per
 * token and period instead of on every request. Changes made through this process evict
 * what they affect ({@link forget}, {@link clear}); other processes see them within the period.
 */
export class BearerAuthenticator {
  private cache = new TtlCache<string, Promise<Viewer | null>>(VIEWER_CACHE_MS, VIEWER_CACHE_ENTRIES)

  constructor(private readonly repository: AuthRepository) {}

  authenticate(header: string | undefined): Promise<Viewer | null> {
    const token = bearerToken(header)
    if (token === undefined) return Promise.resolve(null)
    const key = hashApiToken(token)
    let viewer = this.cache.get(key)
    if (viewer === undefined) {
      viewer = authenticateBearer(header, this.repository)
      this.cache.set(key, viewer)
      // A failed lookup (storage down) is not an answer to keep.
      viewer.catch(() => this.cache.delete(key))
    }
    return viewer
  }

  /** Forgets the answer for the token hashing to `tokenHash` (it was just revoked). */
  forget(tokenHash: string): void {
    this.cache.delete(tokenHash)
  }

  /** Forgets every answer (roles changed). */
  clear(): void {
    this.cache = new TtlCache(VIEWER_CACHE_MS, VIEWER_CACHE_ENTRIES)
  }
}
