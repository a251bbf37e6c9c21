/**
 * The api package's one error class. `code` is a stable string callers switch
 * on; the CLI and the server entry print `message` as one line and never a stack
 * for these, because they describe something the operator can fix.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Every error code the api raises. */
export type ApiErrorCode =
  | 'CONFIG.INVALID'
  | 'CLI.USAGE'
  | 'STORAGE.LOCKED'
  | 'STORAGE.UNAVAILABLE'
  | 'KEYS.NOT_FOUND'
  | 'KEYS.UNKNOWN_PROJECT'
  | 'BOOTSTRAP.FAILED'

/** True when `err` is an ApiError with the given code. */
export function isApiError(err: unknown, code?: ApiErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code)
}
