/**
 * Draws `lines` in a box, for the one-time credentials block on stderr. A box
 * because this block scrolls past between JSON log lines and must be found
 * again by eye; lines are never cut (a truncated secret is worse than a ragged edge).
 */
export function renderBox(lines: readonly string[]): string {
  const width = Math.max(...lines.map((l) => l.length))
  const rule = '─'.repeat(width + 2)
  return [`┌${rule}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${rule}┘`].join('\n')
}

/** `0.0.0.0` / `::` are bind-all addresses, not something a client can dial: show localhost instead. */
export function dialableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return 'localhost'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}
