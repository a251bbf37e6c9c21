/**
 * Renders rows as a plain left-aligned text table with a header line, for
 * terminal output (`keys list`). Empty cells show as `-`.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) =>
    headers.map((_, i) => (row[i] === undefined || row[i] === '' ? '-' : row[i]!)),
  )
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)))
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}
