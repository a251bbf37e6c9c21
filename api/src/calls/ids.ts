import { apiError } from '../auth/viewer'

const TRACE_ID = /^[0-9a-f]{32}$/
const SPAN_ID = /^[0-9a-f]{16}$/
/** Longest session id looked up: the SDK's are UUIDs; anything far longer is not one. */
const MAX_SESSION_ID_LENGTH = 256

/** Checks a trace id from a client: 32 lowercase hex digits. */
export function traceIdArg(traceId: string): string {
  if (!TRACE_ID.test(traceId)) throw apiError('BAD_USER_INPUT', 'traceId must be 32 lowercase hex digits')
  return traceId
}

/** Checks a span id from a client: 16 lowercase hex digits. */
export function spanIdArg(spanId: string): string {
  if (!SPAN_ID.test(spanId)) throw apiError('BAD_USER_INPUT', 'spanId must be 16 lowercase hex digits')
  return spanId
}

/** Checks a session id from a client: 1–256 characters. */
export function sessionIdArg(sessionId: string): string {
  if (sessionId === '' || sessionId.length > MAX_SESSION_ID_LENGTH) {
    throw apiError('BAD_USER_INPUT', `sessionId must be 1–${MAX_SESSION_ID_LENGTH} characters`)
  }
  return sessionId
}
