/**
 * The values of `row` in `columns` order (undefined where the row lacks a column).
 *
 * Rows built by one object literal share the key order of the first row, so the fast
 * path is `Object.values`; a row of another shape takes the lookup by name.
 */
export function rowValues(row: Record<string, unknown>, columns: readonly string[]): unknown[] {
  const values = Object.values(row)
  return values.length === columns.length && keysInOrder(row, columns) ? values : byColumn(row, columns)
}

function keysInOrder(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let i = 0
  for (const key in row) if (key !== columns[i++]) return false
  return i === columns.length
}

function byColumn(row: Record<string, unknown>, columns: readonly string[]): unknown[] {
  const values = new Array<unknown>(columns.length)
  for (let i = 0; i < columns.length; i++) values[i] = row[columns[i] as string]
  return values
}
