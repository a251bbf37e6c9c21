import type { ToolsQuery } from '../../graphql/generated'
import type { SortDir, ToolSortKey } from './tools-url'

/** One row of the Tools table, as the api gives it. */
export type ToolRow = ToolsQuery['tools']['items'][number]

/** The value a column sorts by; null (no latency) always sorts last. */
function sortValue(row: ToolRow, key: ToolSortKey): string | number | null {
  switch (key) {
    case 'misuse':
      return row.misuseScore
    case 'tool':
      return row.tool
    case 'calls':
      return row.calls
    case 'errors':
      return row.errors
    case 'denials':
      return row.denials
    case 'p95':
      return row.p95Ms
    case 'sideEffect':
      return row.sideEffect
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en')
}

/**
 * The rows ordered by `key` in `dir`, as a new array. Ties keep the api's order (most misused
 * first), so the order is stable from one render to the next; missing values go last either way.
 */
export function sortTools(rows: readonly ToolRow[], key: ToolSortKey, dir: SortDir): ToolRow[] {
  const sign = dir === 'asc' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index
        return a.value === null ? 1 : -1
      }
      return sign * compareValues(a.value, b.value) || a.index - b.index
    })
    .map((entry) => entry.row)
}
