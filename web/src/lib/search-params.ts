/**
 * The search params that carry the time range (see time-range.ts). They follow a user from
 * page to page (links, section switches, filter forms) while a page's own filters stay behind.
 */
export const RANGE_KEYS = ['range', 'from', 'to'] as const

/** A page's search params, as a server component or `useSearchParams()` gives them. */
export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>

/** The first value of `key` (a repeated param gives its first), as every page reads its URL. */
export function firstParam(params: SearchParamsLike, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined
  const value = params[key]
  return Array.isArray(value) ? value[0] : value
}

/** The time range's params present in `params` (the first value of a repeated one), in a fixed order. */
export function rangeEntries(params: SearchParamsLike): [string, string][] {
  const entries: [string, string][] = []
  for (const key of RANGE_KEYS) {
    const value = firstParam(params, key)
    if (value !== undefined) entries.push([key, value])
  }
  return entries
}

/**
 * The current page with all of `params` (the first value of each), as a relative link
 * (`?range=7d&user=a`): the base of links that change one param and keep the rest.
 */
export function samePageHref(params: SearchParamsLike): string {
  const query = new URLSearchParams()
  for (const [key, raw] of params instanceof URLSearchParams ? params : Object.entries(params)) {
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value !== undefined && !query.has(key)) query.set(key, value)
  }
  return `?${query}`
}
