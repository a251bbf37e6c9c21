import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing with scrypt (memory-hard, in `node:crypto`, no dependency).
 *
 * Parameters: N=2^15, r=8, p=3 — one of OWASP's equivalent scrypt settings
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt),
 * 32 MiB per hash: costly for an attacker, affordable for a login endpoint.
 * Stored as `scrypt$N$r$p$salt$hash` (salt and hash base64url) so the cost can
 * be raised later without breaking existing hashes.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const
const SALT_BYTES = 16
const KEY_BYTES = 32
/** Refuse stored parameters past this: a tampered hash row must not become a memory bomb. */
const MAX_N = 2 ** 20

/** Hashes `password` into the `scrypt$N$r$p$salt$hash` format. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, KEY_BYTES, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  )
}

/** True when `password` matches `stored`; false for a malformed or unsupported hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > MAX_N || r < 1 || r > 32 || p < 1 || p > 16) {
    return false
  }
  const salt = Buffer.from(parts[4]!, 'base64url')
  const expected = Buffer.from(parts[5]!, 'base64url')
  if (salt.length === 0 || expected.length === 0) return false
  const actual = await derive(password, salt, expected.length, { N, r, p })
  return timingSafeEqual(actual, expected)
}

function derive(
  password: string,
  salt: Buffer,
  length: number,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is exactly that for our N, so give headroom.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r }
  // NFC (as RFC 8265's OpaqueString does) so the same password typed on two keyboards hashes the same.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}
