/** Why a page could not get its data: the api's own refusal codes plus the web's. */
export type WebErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COSTLY'
  | 'API_UNAVAILABLE'
  | 'API_ERROR'

/** The web's one error class: a string code, a message safe to log, and the cause. */
export class WebError extends Error {
  override readonly name = 'WebError'
  constructor(
    readonly code: WebErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** True for a {@link WebError}, optionally of one code. */
export function isWebError(error: unknown, code?: WebErrorCode): error is WebError {
  return error instanceof WebError && (code === undefined || error.code === code)
}

const KNOWN: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'QUERY_TOO_COSTLY',
])

/** The code of a GraphQL error's `extensions.code`, `API_ERROR` for anything unknown. */
export function codeOf(extensions: { code?: unknown } | undefined): WebErrorCode {
  const code = extensions?.code
  return typeof code === 'string' && KNOWN.has(code) ? (code as WebErrorCode) : 'API_ERROR'
}
