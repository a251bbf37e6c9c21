/** Where a span's bar sits in a trace waterfall, in percent of the trace's duration. */
export interface BarPlacement {
  left: number
  width: number
}

/** Narrowest bar drawn, so an instant span is still visible and clickable. */
const MIN_WIDTH = 0.5

/**
 * Places a span (`offsetMs` after the trace start, `durationMs` long) on a trace `totalMs`
 * long. Clamped to the track: clocks of different services disagree a little, and a child
 * that seems to end after its trace must not draw outside it.
 */
export function placeBar(offsetMs: number, durationMs: number, totalMs: number): BarPlacement {
  if (!(totalMs > 0)) return { left: 0, width: 100 }
  const left = Math.min(100 - MIN_WIDTH, Math.max(0, (offsetMs / totalMs) * 100))
  const width = Math.max(MIN_WIDTH, Math.min(100 - left, (Math.max(0, durationMs) / totalMs) * 100))
  return { left, width }
}

/** The session id a span carries (`mcp.session.id`), to link an MCP span back to its session step. */
export function sessionIdOf(attributes: { key: string; value: string }[]): string | null {
  return attributes.find((a) => a.key === 'mcp.session.id')?.value ?? null
}
