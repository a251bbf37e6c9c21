import 'server-only'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { webConfig } from '../../config'
import { codeOf, WebError } from '../../errors'
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session-cookies'

/** Longest wait for the api; a dashboard query over 92 days at 10 M calls takes under a second. */
const TIMEOUT_MS = 30_000

interface GraphqlResponse<R> {
  data?: R | null
  errors?: { message: string; extensions?: { code?: unknown } }[]
}

/** What one POST to the api returned. */
export interface ApiExchange<R> {
  data: R
  /** The api's `Set-Cookie` headers (sign-in and sign-out set them). */
  setCookies: string[]
}

const printed = new WeakMap<object, string>()

/**
 * Runs one operation as the signed-in user: forwards the `tg_session` cookie and echoes the
 * CSRF token as `x-tollgate-csrf`, as the api requires of cookie-authenticated requests.
 * Signed out or expired → the login page. Every other refusal is a {@link WebError}.
 */
export async function gql<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const jar = await cookies()
  const session = jar.get(SESSION_COOKIE)?.value
  const csrf = jar.get(CSRF_COOKIE)?.value
  if (session === undefined || csrf === undefined) redirect('/login')
  try {
    const { data } = await exchange(document, variables, {
      cookie: `${SESSION_COOKIE}=${session}`,
      [CSRF_HEADER]: csrf,
    })
    return data
  } catch (error) {
    if (error instanceof WebError && error.code === 'UNAUTHENTICATED') redirect('/login?expired=1')
    throw error
  }
}

/** One POST of `document` to the api with `headers`; throws a {@link WebError} on any refusal. */
export async function exchange<R, V>(
  document: TypedDocumentNode<R, V>,
  variables: V,
  headers: Record<string, string> = {},
): Promise<ApiExchange<R>> {
  let query = printed.get(document)
  if (query === undefined) {
    query = print(document)
    printed.set(document, query)
  }
  let response: Response
  try {
    response = await fetch(webConfig().apiGraphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (cause) {
    throw new WebError('API_UNAVAILABLE', `The Tollgate api at ${webConfig().apiGraphqlUrl} did not answer`, {
      cause,
    })
  }
  const body = (await response.json().catch(() => null)) as GraphqlResponse<R> | null
  const first = body?.errors?.[0]
  if (first !== undefined) throw new WebError(codeOf(first.extensions), first.message)
  if (body?.data == null) throw new WebError('API_ERROR', `The api answered ${response.status} without data`)
  return { data: body.data, setCookies: response.headers.getSetCookie() }
}
