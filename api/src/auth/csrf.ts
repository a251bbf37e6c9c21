import { CSRF_COOKIE, CSRF_HEADER } from './cookies'
import { matchesHash } from './session-token'

/*
 * CSRF, decided here once for every entry point:
 * - Bearer requests are not exposed (a browser never attaches an Authorization header by
 *   itself) and are not checked.
 * - Every request authenticated by the `tg_session` cookie — queries too, which is simplest
 *   and leaks nothing through a cross-site GET — must carry the `x-tollgate-csrf` header equal
 *   to the session's CSRF token (returned by `login`, readable by the web in the non-HttpOnly
 *   `tg_csrf` cookie; only its hash is stored). A cross-site page can make a browser send the
 *   cookie, but it cannot read the token, and a custom header forces a CORS preflight that
 *   this api never grants (synchronizer token, checked against the server-side hash).
 * - Both cookies are `SameSite=Strict`: a second layer, not the defence.
 * - An `Origin` header, when present, must name the host the request was sent to (`Host`, or
 *   `X-Forwarded-Host` set by a proxy, which a cross-site page cannot set either), for every
 *   request without a bearer token — `login` included, so a page cannot sign a browser in to
 *   an account of the attacker's (login CSRF).
 * - GraphQL over GET cannot run mutations: Mercurius refuses them (api/test/login.test.ts).
 */

/** Why a request's credential was refused before any resolver ran. */
export interface AuthRefusal {
  code: 'UNAUTHENTICATED' | 'FORBIDDEN'
  message: string
}

/** The request headers the checks read (Fastify's `request.headers` fits). */
export interface OriginHeaders {
  origin?: string | string[]
  host?: string | string[]
  'x-forwarded-host'?: string | string[]
}

/** Null when `Origin` is absent or names the requested host; else the refusal. */
export function checkOrigin(headers: OriginHeaders): AuthRefusal | null {
  const origin = headers.origin
  if (origin === undefined) return null
  const originHost = typeof origin === 'string' ? hostOf(origin) : undefined
  const targets = [headers['x-forwarded-host'], headers.host]
    .map((h) => (typeof h === 'string' ? hostOf(`http://${h.split(',')[0]!.trim()}`) : undefined))
    .filter((h) => h !== undefined)
  if (originHost !== undefined && targets.includes(originHost)) return null
  return {
    code: 'FORBIDDEN',
    message: 'Cross-origin request refused: the Origin header does not name this server',
  }
}

/** Null when `header` is the session's CSRF token (hash `csrfHash`); else the refusal, saying what is missing. */
export function checkCsrfToken(header: string | string[] | undefined, csrfHash: string): AuthRefusal | null {
  if (header === undefined) {
    return {
      code: 'FORBIDDEN',
      message: `Requests signed in with the session cookie must send the ${CSRF_HEADER} header (the csrfToken from login, also in the ${CSRF_COOKIE} cookie)`,
    }
  }
  if (typeof header === 'string' && header.length <= 128 && matchesHash(header, csrfHash)) return null
  return {
    code: 'FORBIDDEN',
    message: `The ${CSRF_HEADER} header does not match this session's CSRF token; sign in again`,
  }
}

/** `host[:port]` of an absolute URL, lower case, default ports dropped; undefined when it is not one. */
function hostOf(url: string): string | undefined {
  if (url.length > 2048 || !URL.canParse(url)) return undefined
  const parsed = new URL(url)
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : undefined
}
