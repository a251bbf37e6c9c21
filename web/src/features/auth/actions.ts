'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { webConfig } from '../../config'
import { isWebError } from '../../errors'
import { LoginDocument, LogoutDocument } from '../../graphql/generated'
import { exchange } from '../../lib/api/graphql-client'
import { CSRF_COOKIE, CSRF_HEADER, parseApiCookies, SESSION_COOKIE } from '../../lib/api/session-cookies'
import { safeNextPath } from './next-path'

/** What the login form shows after a failed attempt. */
export interface SignInState {
  error: string | null
  username: string
}

/**
 * Signs in through the api's `login` mutation and stores the api's two cookies on the web's
 * origin (the browser only ever talks to the web). Wrong credentials and the api's brake on
 * repeated failures come back as a message; the password is never echoed.
 */
export async function signIn(_: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '').slice(0, 200)
  const password = String(form.get('password') ?? '')
  if (username === '' || password === '') return { error: 'Enter your username and password.', username }
  let setCookies: string[]
  try {
    ;({ setCookies } = await exchange(LoginDocument, { username, password }))
  } catch (error) {
    if (isWebError(error, 'UNAUTHENTICATED')) return { error: 'Wrong username or password.', username }
    if (isWebError(error, 'RATE_LIMITED')) return { error: error.message, username }
    if (isWebError(error, 'API_UNAVAILABLE')) {
      return { error: 'The Tollgate api is not reachable. Is the server running?', username }
    }
    throw error
  }
  await storeCookies(setCookies)
  redirect(safeNextPath(form.get('next')))
}

/** Ends the api session and clears the cookies, then shows the login page. */
export async function signOut(): Promise<void> {
  const jar = await cookies()
  const session = jar.get(SESSION_COOKIE)?.value
  const csrf = jar.get(CSRF_COOKIE)?.value
  if (session !== undefined && csrf !== undefined) {
    // A failed logout still clears the browser's cookies: the session then only expires.
    await exchange(LogoutDocument, {}, { cookie: `${SESSION_COOKIE}=${session}`, [CSRF_HEADER]: csrf }).catch(
      () => undefined,
    )
  }
  jar.delete(SESSION_COOKIE)
  jar.delete(CSRF_COOKIE)
  redirect('/login')
}

async function storeCookies(setCookies: string[]): Promise<void> {
  const jar = await cookies()
  const secure = webConfig().cookieSecureAlways || (await headers()).get('x-forwarded-proto') === 'https'
  for (const cookie of parseApiCookies(setCookies)) {
    jar.set(cookie.name, cookie.value, {
      path: '/',
      maxAge: cookie.maxAgeSeconds,
      httpOnly: cookie.httpOnly,
      sameSite: 'strict',
      secure,
    })
  }
}
