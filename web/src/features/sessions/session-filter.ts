import type { CallOutcome, SessionFilter, SideEffect } from '../../graphql/generated'

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

type Params = URLSearchParams | Record<string, string | string[] | undefined>

function get(params: Params, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key]
  const value = Array.isArray(raw) ? raw[0] : raw
  const trimmed = value?.trim()
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

/** The cursor of the page asked for, if it looks like one (the api checks it properly). */
export function parseCursor(params: Params): string | undefined {
  const after = get(params, 'after')
  return after !== undefined && after.length <= 512 ? after : undefined
}

/** `params` with `after` replaced (or removed), keeping range and filters: the next-page link. */
export function withCursor(params: Params, after: string | null): string {
  const next = new URLSearchParams()
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) next.append(k, v)
  } else {
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === 'string') next.set(k, v)
      else if (Array.isArray(v) && v[0] !== undefined) next.set(k, v[0])
    }
  }
  next.delete('after')
  if (after !== null) next.set('after', after)
  return next.toString()
}
