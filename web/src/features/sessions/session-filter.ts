import type { CallOutcome, SessionFilter, SideEffect } from '../../graphql/generated'
import { firstParam, type SearchParamsLike } from '../../lib/search-params'

/**
 * The Sessions list's filters in the URL (`?user=…&outcome=DENIED`), parsed into the api's
 * `SessionFilter`. A value the api would refuse is dropped with a reason, so a hand-edited
 * link still shows a page and says what it ignored.
 */

export const TEXT_KEYS = ['user', 'agent', 'client', 'tool', 'tenant'] as const
export const OUTCOMES: readonly CallOutcome[] = ['OK', 'ERROR', 'DENIED', 'PARTIAL']
export const SIDE_EFFECTS: readonly SideEffect[] = ['READ', 'DRAFT', 'WRITE', 'UNKNOWN']
/** Longest identifier accepted in a filter (user ids, tool names). */
const MAX_VALUE = 256

export interface ParsedSessionFilter {
  filter: SessionFilter
  /** Filters set, for "n filters" and the clear link. */
  active: number
  problems: string[]
}

type Params = SearchParamsLike

function get(params: Params, key: string): string | undefined {
  const trimmed = firstParam(params, key)?.trim()
  return trimmed === '' || trimmed == null ? undefined : trimmed
}

/** Reads the filters of a Sessions URL. */
export function parseSessionFilter(params: Params): ParsedSessionFilter {
  const filter: SessionFilter = {}
  const problems: string[] = []
  for (const key of TEXT_KEYS) {
    const value = get(params, key)
    if (value === undefined) continue
    if (value.length > MAX_VALUE) problems.push(`${key} is longer than ${MAX_VALUE} characters`)
    else filter[key] = value
  }
  const outcome = get(params, 'outcome')
  if (outcome !== undefined) {
    if ((OUTCOMES as readonly string[]).includes(outcome)) filter.outcome = outcome as CallOutcome
    else problems.push(`unknown outcome "${outcome.slice(0, 20)}"`)
  }
  const sideEffect = get(params, 'sideEffect')
  if (sideEffect !== undefined) {
    if ((SIDE_EFFECTS as readonly string[]).includes(sideEffect)) filter.sideEffect = sideEffect as SideEffect
    else problems.push(`unknown side effect "${sideEffect.slice(0, 20)}"`)
  }
  const text = get(params, 'text')
  if (text !== undefined) {
    if (text.length < 2 || text.length > 200) problems.push('payload text must be 2–200 characters')
    else filter.text = text
  }
  return { filter, active: Object.keys(filter).length, problems }
}
