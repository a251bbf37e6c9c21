/** The api's sign-in cookies (see api/src/auth/cookies.ts); the web stores them on its own origin. */
export const SESSION_COOKIE = 'tg_session'
export const CSRF_COOKIE = 'tg_csrf'
export const CSRF_HEADER = 'x-tollgate-csrf'

/** One parsed `Set-Cookie` header of the api. */
export interface ApiCookie {
  name: string
  value: string
  maxAgeSeconds: number
  httpOnly: boolean
}

/**
 * The api's sign-in cookies from its `Set-Cookie` headers, so the web can set them on its own
 * origin (the browser talks only to the web). Unknown names and malformed headers are dropped.
 */
export function parseApiCookies(headers: readonly string[]): ApiCookie[] {
  const cookies: ApiCookie[] = []
  for (const header of headers) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim())
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    if (eq < 0 || (name !== SESSION_COOKIE && name !== CSRF_COOKIE)) continue
    if (value !== '' && !/^[A-Za-z0-9_-]{1,128}$/.test(value)) continue
    const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='))
    cookies.push({
      name,
      value,
      maxAgeSeconds: maxAge === undefined ? 0 : Math.max(0, Number.parseInt(maxAge.slice(8), 10) || 0),
      httpOnly: attributes.some((a) => a.toLowerCase() === 'httponly'),
    })
  }
  return cookies
}
