/**
 * The collector's one error class. `code` is a stable string callers switch on
 * (`'OTLP.BODY_TOO_LARGE'`); `status` is the HTTP status the receiver answers with.
 */
export class CollectorError extends Error {
  override readonly name = 'CollectorError'
  constructor(
    readonly code: CollectorErrorCode,
    message: string,
    readonly status: number = 400,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Every error code the collector raises. */
export type CollectorErrorCode =
  | 'OTLP.DECODE'
  | 'OTLP.BODY_TOO_LARGE'
  | 'OTLP.DECOMPRESSED_TOO_LARGE'
  | 'OTLP.UNSUPPORTED_MEDIA_TYPE'
  | 'OTLP.UNSUPPORTED_ENCODING'
  | 'OTLP.METHOD_NOT_ALLOWED'
  | 'OTLP.NOT_FOUND'
  | 'OTLP.TOO_MANY_SPANS'
  | 'AUTH.MISSING_KEY'
  | 'AUTH.INVALID_KEY'
  | 'AUTH.REVOKED_KEY'
  | 'INGEST.OVERLOADED'
  | 'INGEST.SHUTTING_DOWN'
  | 'STORAGE.INSERT_FAILED'
  | 'STORAGE.DATA_REFUSED'
  | 'STORAGE.MIGRATION_FAILED'
  | 'STORAGE.CONFIG'
  | 'STORE.INVALID_ARGUMENT'
  | 'STORE.NOT_FOUND'
  | 'STORE.AMBIGUOUS'

/** True when `err` is a CollectorError with the given code. */
export function isCollectorError(err: unknown, code?: CollectorErrorCode): err is CollectorError {
  return err instanceof CollectorError && (code === undefined || err.code === code)
}
