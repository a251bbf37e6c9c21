import { parseCursor } from '../../lib/cursor'
import { firstParam, type SearchParamsLike } from '../../lib/search-params'

/**
 * The Tools list's URL state: `?sort=calls&dir=desc&after=<cursor>`, so a sorted page is a
 * link. Parsing never throws: an unknown value falls back to the api's own order.
 */

/** Columns the table sorts by; `misuse` is the api's ranking (misuse score). */
export const TOOL_SORT_KEYS = ['misuse', 'tool', 'calls', 'errors', 'denials', 'p95', 'sideEffect'] as const
export type ToolSortKey = (typeof TOOL_SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'

/** What the Tools list shows. */
export interface ToolsState {
  sort: ToolSortKey
  dir: SortDir
  /** The api's cursor of the page shown; absent on the first page. */
  after?: string
}

/** The api's order: most misused first. */
export const DEFAULT_TOOLS_STATE: ToolsState = { sort: 'misuse', dir: 'desc' }

/** Names read A→Z first; figures largest first, where the trouble is. */
export function defaultDir(sort: ToolSortKey): SortDir {
  return sort === 'tool' || sort === 'sideEffect' ? 'asc' : 'desc'
}

/** A param's value; blank counts as absent. */
const first = (params: SearchParamsLike, key: string): string | undefined =>
  firstParam(params, key) || undefined

/** The state in `params`; a missing or unknown sort is the api's order, a missing dir the column's default. */
export function parseToolsState(params: SearchParamsLike): ToolsState {
  const rawSort = first(params, 'sort')
  const sort = TOOL_SORT_KEYS.find((k) => k === rawSort) ?? DEFAULT_TOOLS_STATE.sort
  const rawDir = first(params, 'dir')
  const dir: SortDir = rawDir === 'asc' || rawDir === 'desc' ? rawDir : defaultDir(sort)
  const after = parseCursor(params)
  return after === undefined ? { sort, dir } : { sort, dir, after }
}

/** The state as search params for `links.tools`: `sort` and `dir` both, or neither for the api's order. */
export function serializeToolsState(state: ToolsState): Record<string, string | undefined> {
  const isDefault = state.sort === DEFAULT_TOOLS_STATE.sort && state.dir === DEFAULT_TOOLS_STATE.dir
  return {
    sort: isDefault ? undefined : state.sort,
    dir: isDefault ? undefined : state.dir,
    after: state.after,
  }
}

/**
 * The state after clicking `column`'s header: the sorted column flips its direction, another
 * column starts at its default. The page (cursor) stays: sorting orders the page shown.
 */
export function toggleSort(state: ToolsState, column: ToolSortKey): ToolsState {
  const dir: SortDir = state.sort === column ? (state.dir === 'asc' ? 'desc' : 'asc') : defaultDir(column)
  return { ...state, sort: column, dir }
}

/** `aria-sort` of `column`'s header. */
export function ariaSort(state: ToolsState, column: ToolSortKey): 'ascending' | 'descending' | 'none' {
  if (state.sort !== column) return 'none'
  return state.dir === 'asc' ? 'ascending' : 'descending'
}
