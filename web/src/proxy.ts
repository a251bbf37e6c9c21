import { type NextRequest, NextResponse } from 'next/server'
import { SESSION_COOKIE } from './lib/api/session-cookies'

/**
 * Signed-out visitors go to the login page, which brings them back afterwards. Only the
 * cookie's presence is checked here; the api decides whether it is valid (an expired one
 * leads to the login page from the first query).
 */
export function proxy(request: NextRequest): NextResponse {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next()
  const login = new URL('/login', request.url)
  const next = request.nextUrl.pathname + request.nextUrl.search
  if (next !== '/') login.searchParams.set('next', next)
  return NextResponse.redirect(login)
}

export const config = {
  // Everything but the login page, Next's own assets and the favicon.
  matcher: ['/((?!login|_next/|favicon.ico).*)'],
}
