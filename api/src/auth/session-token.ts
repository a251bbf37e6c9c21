import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh session or CSRF token: 32 random bytes (256 bits), base64url (43 characters). */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** SHA-256 (hex): the only form in which session and CSRF tokens are stored (see `api-token.ts` for why a fast hash). */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** True when `token` hashes to `expectedHash` (compared in constant time). */
export function matchesHash(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSessionToken(token), 'hex')
  const expected = Buffer.from(expectedHash, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
