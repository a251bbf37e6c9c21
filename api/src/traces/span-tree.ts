/** What ordering a span needs: its id, its parent's, and its start. */
export interface TreeNode {
  spanId: string
  parentSpanId: string
  startNs: bigint
}

/**
 * Orders spans depth first (children by start time, then id) and gives each its depth, as
 * a waterfall draws them. A span whose parent is missing (not received, or past the answer's
 * cap) is a root, so nothing is dropped; a parent cycle (forged ids) cannot loop forever.
 */
export function depthFirst<T extends TreeNode>(spans: readonly T[]): Array<{ span: T; depth: number }> {
  const byId = new Map(spans.map((s) => [s.spanId, s]))
  const children = new Map<string, T[]>()
  const roots: T[] = []
  for (const span of spans) {
    const parent =
      span.parentSpanId !== '' && span.parentSpanId !== span.spanId ? byId.get(span.parentSpanId) : undefined
    if (parent === undefined) {
      roots.push(span)
      continue
    }
    const siblings = children.get(parent.spanId)
    if (siblings === undefined) children.set(parent.spanId, [span])
    else siblings.push(span)
  }
  const order = (a: T, b: T) =>
    a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : a.spanId < b.spanId ? -1 : 1
  const out: Array<{ span: T; depth: number }> = []
  const seen = new Set<string>()
  const visit = (span: T, depth: number) => {
    if (seen.has(span.spanId)) return
    seen.add(span.spanId)
    out.push({ span, depth })
    for (const child of (children.get(span.spanId) ?? []).sort(order)) visit(child, depth + 1)
  }
  for (const root of roots.sort(order)) visit(root, 0)
  // Spans only reachable through a cycle: still shown, as roots.
  for (const span of [...spans].sort(order)) visit(span, 0)
  return out
}
