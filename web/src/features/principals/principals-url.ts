import type { PrincipalKind } from '../../graphql/generated'

/**
 * The Principals list's URL state: `?kind=AGENT&after=<cursor>`. Parsing never throws: an
 * unknown kind is the default, users.
 */

type Params = URLSearchParams | Record<string, string | string[] | undefined>

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

function first(params: Params, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key]
  const value = Array.isArray(raw) ? raw[0] : raw
  return value === null || value === undefined || value === '' ? undefined : value
}

/** The state in `params` (the kind case-insensitively). */
export function parsePrincipalsState(params: Params): PrincipalsState {
  const raw = first(params, 'kind')?.toUpperCase()
  const kind = PRINCIPAL_KINDS.find((k) => k.kind === raw)?.kind ?? 'USER'
  const after = first(params, 'after')
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
