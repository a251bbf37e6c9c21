import type { HttpExchange } from '../auth/http-exchange'
import type { LoginSession } from '../auth/login-session.repository'
import type { Viewer } from '../auth/viewer'

/** What every resolver receives in `@Context()`: the authenticated viewer, or null. */
export interface RequestContext {
  viewer: Viewer | null
  /** The sign-in behind the session cookie, when that was the credential (for `logout`). */
  session?: LoginSession | null
  /** The HTTP exchange, for what sets cookies (`login`, `logout`) and keys by client address. */
  http?: HttpExchange
}
