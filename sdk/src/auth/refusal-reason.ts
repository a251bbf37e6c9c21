/** Why the bearer-auth layer refused a request (SEMCONV.md §3.8). */
export type RefusalReason =
  | 'missing_token'
  | 'invalid_token'
  | 'expired_token'
  | 'revoked_token'
  | 'audience_mismatch'
  | 'insufficient_scope'

/** The parameters of an RFC 6750 `WWW-Authenticate: Bearer …` challenge. */
export function parseBearerChallenge(header: string | undefined): Record<string, string> {
  const params: Record<string, string> = {}
  if (header === undefined) return params
  for (const match of header.slice(0, 4096).matchAll(/([A-Za-z_]+)="((?:[^"\\]|\\.)*)"/g)) {
    params[(match[1] as string).toLowerCase()] = (match[2] as string).replace(/\\(.)/g, '$1')
  }
  return params
}

/**
 * Names the refusal from what the auth layer answered: the status, the challenge's
 * `error` / `error_description`, and whether a token was sent at all.
 */
export function refusalReason(
  status: number,
  challenge: Record<string, string>,
  hadToken: boolean,
): RefusalReason {
  if (!hadToken) return 'missing_token'
  const description = (challenge.error_description ?? '').toLowerCase()
  if (status === 403 || challenge.error === 'insufficient_scope') return 'insufficient_scope'
  if (/expired/.test(description)) return 'expired_token'
  if (/revoked/.test(description)) return 'revoked_token'
  if (/not issued for this resource|audience|resource mismatch/.test(description)) return 'audience_mismatch'
  return 'invalid_token'
}
