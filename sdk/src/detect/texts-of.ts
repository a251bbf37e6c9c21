/**
 * Collects the texts of a tool call's arguments or result for the detector.
 */
import { MAX_SCAN_CHARS } from './detector.js'

/** Strings collected at most: a result of a million tiny strings must not cost a million array slots. */
export const MAX_TEXTS = 1024
/** Values visited at most (objects, arrays and leaves), so a huge array of numbers is cheap too. */
const MAX_NODES = 10_000
/** Nesting followed at most; also what stops a cyclic value. */
const MAX_DEPTH = 32

/**
 * The string leaves of a JSON-like value, depth-first in key and index order — for a
 * `CallToolResult`, `content[].text` (and embedded resources' `text`) before
 * `structuredContent`. Object keys are not collected. Base64 payloads are skipped: the
 * `data` of `image` / `audio` content and every `blob`, which could not carry readable
 * instructions and would use up the budget.
 *
 * Bounded: at most `limit` characters (UTF-16 code units) in total — the last string is
 * cut to fit — at most 1,024 strings, 10,000 values visited and 32 levels of nesting.
 * Never throws (a throwing getter ends the walk with what was collected) and never
 * changes `value`.
 *
 * @param limit total characters to collect; @default MAX_SCAN_CHARS (what the detector scans)
 */
export function textsOf(value: unknown, limit: number = MAX_SCAN_CHARS): string[] {
  const budget = Number.isNaN(limit) ? MAX_SCAN_CHARS : Math.max(0, limit)
  const walk: Walk = { texts: [], budget, nodes: 0 }
  try {
    visit(value, 0, walk)
  } catch {
    // Keep what was collected: partial coverage beats none.
  }
  return walk.texts
}

interface Walk {
  texts: string[]
  budget: number
  nodes: number
}

/** Returns `false` once a bound is reached, to stop the whole walk. */
function visit(value: unknown, depth: number, walk: Walk): boolean {
  if (walk.budget <= 0 || walk.texts.length >= MAX_TEXTS || ++walk.nodes > MAX_NODES) return false
  if (typeof value === 'string') {
    if (value === '') return true
    const text = value.length > walk.budget ? value.slice(0, walk.budget) : value
    walk.texts.push(text)
    walk.budget -= text.length
    return true
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return true
  if (Array.isArray(value)) {
    for (const item of value) if (!visit(item, depth + 1, walk)) return false
    return true
  }
  const object = value as Record<string, unknown>
  const binaryData = object.type === 'image' || object.type === 'audio'
  for (const key of Object.keys(object)) {
    if (key === 'blob' || (key === 'data' && binaryData)) continue
    if (!visit(object[key], depth + 1, walk)) return false
  }
  return true
}
