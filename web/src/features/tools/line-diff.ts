/** One line of a diff: kept, or only in the old or the new text. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added'
  text: string
}

/** Beyond this many cells (old lines × new lines) the LCS table is not built: see {@link diffLines}. */
const MAX_CELLS = 4_000_000

/**
 * A line diff of `before` → `after` by longest common subsequence: the lines both keep, in
 * order, are `same`; the rest are `removed` (only before) or `added` (only after), removals
 * first within a change. Tool descriptions and schemas are a few hundred lines at most; past
 * {@link MAX_CELLS} the diff degrades to "all removed, all added" after the common head and
 * tail rather than spending seconds on it.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before)
  const b = splitLines(after)
  // A common head and tail need no table, and are most of a typical schema change.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  const same = (lines: string[]) => lines.map((text): DiffLine => ({ kind: 'same', text }))
  return [...same(a.slice(0, head)), ...diffMiddle(midA, midB), ...same(a.slice(a.length - tail))]
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r?\n/)
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const removed = (text: string): DiffLine => ({ kind: 'removed', text })
  const added = (text: string): DiffLine => ({ kind: 'added', text })
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_CELLS)
    return [...a.map(removed), ...b.map(added)]
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number)
    }
  }
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string })
      i++
      j++
    } else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number)) {
      out.push(removed(a[i++] as string))
    } else {
      out.push(added(b[j++] as string))
    }
  }
  while (i < a.length) out.push(removed(a[i++] as string))
  while (j < b.length) out.push(added(b[j++] as string))
  return out
}

/** A run of unchanged lines left out of a shown diff. */
export interface Elided {
  kind: 'elided'
  count: number
}

/**
 * The diff with long unchanged runs folded to `context` lines either side of each change, so
 * a one-line change in a long schema reads at a glance.
 */
export function foldUnchanged(diff: readonly DiffLine[], context = 2): (DiffLine | Elided)[] {
  const near = new Array<boolean>(diff.length).fill(false)
  diff.forEach((line, index) => {
    if (line.kind === 'same') return
    for (let k = Math.max(0, index - context); k <= Math.min(diff.length - 1, index + context); k++)
      near[k] = true
  })
  const out: (DiffLine | Elided)[] = []
  let skipped = 0
  diff.forEach((line, index) => {
    if (near[index]) {
      if (skipped > 0) out.push({ kind: 'elided', count: skipped })
      skipped = 0
      out.push(line)
    } else skipped++
  })
  if (skipped > 0) out.push({ kind: 'elided', count: skipped })
  return out
}
