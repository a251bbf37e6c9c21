import { isWebError } from '../../errors'

/**
 * The message a settings form shows when the api refused a change, or null when the error
 * is not a refusal (a redirect to sign in, a bug): the action rethrows those.
 * BAD_USER_INPUT messages are the api's own and meant for people (for example "… is the last
 * admin of project …"); they never echo a secret.
 */
export function refusalMessage(error: unknown): string | null {
  if (isWebError(error, 'BAD_USER_INPUT') || isWebError(error, 'RATE_LIMITED')) return error.message
  if (isWebError(error, 'FORBIDDEN')) return 'Only admins of this project can do this.'
  if (isWebError(error, 'API_UNAVAILABLE')) return 'The Tollgate api is not reachable. Try again in a moment.'
  if (isWebError(error)) return 'The api could not make this change. Try again in a moment.'
  return null
}
