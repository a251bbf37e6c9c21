import { createHash, randomBytes } from 'node:crypto'

/** Every API token starts with this, so leaked tokens are recognisable by secret scanners. */
export const API_TOKEN_PREFIX = 'tg_api_'

/** Characters after {@link API_TOKEN_PREFIX} kept in clear as the token's display prefix. */
const DISPLAY_CHARS = 8

/** A fresh API token: `tg_api_` + 32 random bytes (base64url). */
export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

/**
 * SHA-256 (hex) of a token. A plain hash is enough here, unlike passwords:
 * tokens carry 256 random bits, so there is nothing to brute-force, and a
 * fast hash lets every API request be checked with one indexed lookup.
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The part of a token shown in listings (`tg_api_AbCd1234`), never enough to use it. */
export function apiTokenDisplayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + DISPLAY_CHARS)
}
