import 'server-only'
import { cookies } from 'next/headers'
import { webConfig } from '../../config'
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../lib/api/session-cookies'

/** The query parameters the api's `GET /audit/export` takes besides the project. */
const PASSED = ['from', 'to', 'format', 'action', 'actor'] as const

/** Headers of the api's answer a download needs; nothing else is passed on. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'cache-control'] as const

/**
 * The api's audit export for `projectId`, fetched as the signed-in user (session cookie + CSRF
 * header, as for GraphQL) and streamed back as it arrives: the browser only talks to the web,
 * and a large range never sits in the web's memory. Signed out → the login page; a refusal
 * (not an admin, a bad range) → the api's status with its one-line message as plain text.
 */
export async function exportAuditLog(projectId: string, requestUrl: URL): Promise<Response> {
  const jar = await cookies()
  const session = jar.get(SESSION_COOKIE)?.value
  const csrf = jar.get(CSRF_COOKIE)?.value
  if (session === undefined || csrf === undefined) return toLogin(requestUrl)
  // The api's base is wherever its /graphql lives (a path prefix behind a proxy included).
  const target = new URL('audit/export', webConfig().apiGraphqlUrl)
  target.searchParams.set('projectId', projectId)
  for (const key of PASSED) {
    const value = requestUrl.searchParams.get(key)
    if (value !== null && value !== '') target.searchParams.set(key, value)
  }
  let answer: Response
  try {
    answer = await fetch(target, {
      headers: { cookie: `${SESSION_COOKIE}=${session}`, [CSRF_HEADER]: csrf },
      cache: 'no-store',
    })
  } catch {
    return text(502, 'The Tollgate api did not answer. Try again in a moment.')
  }
  if (answer.status === 401) return toLogin(requestUrl)
  if (!answer.ok || answer.body === null) {
    const body = (await answer.json().catch(() => null)) as { message?: unknown } | null
    const message = typeof body?.message === 'string' ? body.message : 'The export could not be made.'
    return text(answer.status >= 400 ? answer.status : 502, message)
  }
  const headers = new Headers()
  for (const name of KEPT_HEADERS) {
    const value = answer.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  return new Response(answer.body, { status: 200, headers })
}

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  })
}

function toLogin(requestUrl: URL): Response {
  const login = new URL('/login', requestUrl)
  login.searchParams.set('expired', '1')
  return Response.redirect(login, 303)
}
