import { createHash, randomBytes } from 'node:crypto'

/** Every generated ingest key starts with this, so leaked keys are recognisable (secret scanners). */
export const INGEST_KEY_PREFIX = 'tg_ingest_'

/** Random characters after the prefix: 32 base62 characters ≈ 190 bits. */
const KEY_RANDOM_CHARS = 32
/** Characters of the random part kept in the display prefix (`tg_ingest_AbCd1234`). */
const DISPLAY_CHARS = 8
/** Keys given from outside (bootstrap) must be at least this long. */
export const MIN_KEY_LENGTH = 20
/** Longer presented keys cannot be stored keys: rejected before hashing. */
export const MAX_KEY_LENGTH = 256

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const PRINTABLE = /^[\x21-\x7e]+$/

/** `length` uniformly random base62 characters from the CSPRNG. */
export function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling: 248 = 4 × 62, so `byte % 62` stays uniform.
      if (byte < 248) out += BASE62[byte % 62]
      if (out.length === length) break
    }
  }
  return out
}

/** A new ingest key: `tg_ingest_` + 32 random base62 characters. */
export function generateIngestKey(): string {
  return INGEST_KEY_PREFIX + randomBase62(KEY_RANDOM_CHARS)
}

/**
 * SHA-256 (hex) of a key, the only form in which keys are stored.
 *
 * A fast hash is right here, unlike for passwords: generated keys carry ~190
 * random bits, so no amount of hashing speed makes guessing them feasible, and a
 * slow KDF (bcrypt, argon2) would cost milliseconds on every ingest request.
 */
export function hashSecret(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** The part of a key shown in lists and accepted by `revoke` (`tg_ingest_AbCd1234`); never enough to use it. */
export function displayPrefix(key: string): string {
  if (key.startsWith(INGEST_KEY_PREFIX)) return key.slice(0, INGEST_KEY_PREFIX.length + DISPLAY_CHARS)
  // A key chosen outside Tollgate may be short: show little of it.
  return key.slice(0, 4)
}

/** True when `key` is acceptable as a stored key given from outside (printable ASCII, long enough). */
export function isAcceptableKey(key: string): boolean {
  return key.length >= MIN_KEY_LENGTH && key.length <= MAX_KEY_LENGTH && PRINTABLE.test(key)
}

/** True when a presented key could be a stored key at all; anything else is rejected without a lookup. */
export function isPlausibleKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH && PRINTABLE.test(key)
}
