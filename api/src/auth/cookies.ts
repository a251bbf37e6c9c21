/**
 * The two cookies of a web sign-in, read and written without a dependency (the parsing
 * needed is one header, a few names, no signing).
 */

/** The session cookie: HttpOnly, so page scripts (and an XSS) cannot read it. */
export const SESSION_COOKIE = 'tg_session'
/** The CSRF token, readable by the web's scripts so they can echo it in {@link CSRF_HEADER}. */
export const CSRF_COOKIE = 'tg_csrf'
/** The header a cookie-authenticated request must carry (see `csrf.ts`). */
export const CSRF_HEADER = 'x-tollgate-csrf'

/** Longest Cookie header read: browsers send at most a few KiB; anything past this is not ours. */
const MAX_COOKIE_HEADER = 8 * 1024
/** Most cookie pairs looked at, so a header of thousands of tiny pairs costs nothing. */
const MAX_PAIRS = 64
/** Cookie values we issue are base64url; nothing else is accepted (no decoding, no quoting). */
const VALUE = /^[A-Za-z0-9_-]{1,128}$/

/**
 * The value of cookie `name` in a `Cookie` header, or undefined. Only values of our own
 * form (1–128 base64url characters) are returned; a cookie sent twice under one name counts
 * as absent, since which one the browser meant cannot be told (cookie tossing).
 */
export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  if (typeof header !== 'string' || header.length > MAX_COOKIE_HEADER) return undefined
  let found: string | undefined
  let seen = 0
  for (const pair of header.split(';')) {
    if (++seen > MAX_PAIRS) break
    const eq = pair.indexOf('=')
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue
    if (found !== undefined) return undefined
    found = pair.slice(eq + 1).trim()
  }
  return found !== undefined && VALUE.test(found) ? found : undefined
}

/** Attributes of a cookie we set. */
export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  maxAgeSeconds: number
  httpOnly: boolean
  secure: boolean
}

/** A `Set-Cookie` value: always `Path=/` and `SameSite=Strict`. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (value !== '' && !VALUE.test(value)) throw new Error(`cookie ${name}: value is not base64url`)
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`]
  if (options.httpOnly) parts.push('HttpOnly')
  parts.push('SameSite=Strict')
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}
