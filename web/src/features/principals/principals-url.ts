import type { PrincipalKind } from '../../graphql/generated'
import { parseCursor } from '../../lib/cursor'
import { firstParam, type SearchParamsLike } from '../../lib/search-params'

/**
 * The Principals list's URL state: `?kind=AGENT&after=<cursor>`. Parsing never throws: an
 * unknown kind is the default, users.
 */

/** The kinds, in the order of the switch, with their labels. */
export const PRINCIPAL_KINDS = [
  { kind: 'USER', label: 'Users', one: 'User' },
  { kind: 'AGENT', label: 'Agents', one: 'Agent' },
  { kind: 'CLIENT', label: 'OAuth clients', one: 'OAuth client' },
] as const satisfies readonly { kind: PrincipalKind; label: string; one: string }[]

/** What the Principals list shows. */
export interface PrincipalsState {
  kind: PrincipalKind
  /** The api's cursor of the page shown; absent on the first page. */
  after?: string
}

/** A param's value; blank counts as absent. */
const first = (params: SearchParamsLike, key: string): string | undefined =>
  firstParam(params, key) || undefined

/** The state in `params` (the kind case-insensitively). */
export function parsePrincipalsState(params: SearchParamsLike): PrincipalsState {
  const raw = first(params, 'kind')?.toUpperCase()
  const kind = PRINCIPAL_KINDS.find((k) => k.kind === raw)?.kind ?? 'USER'
  const after = parseCursor(params)
  return after === undefined ? { kind } : { kind, after }
}

/** The state as search params for `links.principals`; users (the default) write no kind. */
export function serializePrincipalsState(state: PrincipalsState): Record<string, string | undefined> {
  return { kind: state.kind === 'USER' ? undefined : state.kind, after: state.after }
}

/**
 * The sessions filter that finds a principal's sessions: the sessions query filters by user,
 * agent or OAuth client.
 */
export function sessionsFilterOf(kind: PrincipalKind, id: string): Record<string, string> {
  const key = kind === 'USER' ? 'user' : kind === 'AGENT' ? 'agent' : 'client'
  return { [key]: id }
}
