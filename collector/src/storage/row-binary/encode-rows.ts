import { rowValues } from '../row-values'
import { ByteWriter } from './byte-writer'
import { type ValueWriter, valueWriterFor } from './value-writers'

/**
 * Encodes `rows` as RowBinaryWithNamesAndTypes: a header naming each column and its type,
 * then the values of each row in `columns` order
 * (https://clickhouse.com/docs/interfaces/formats/RowBinaryWithNamesAndTypes).
 *
 * `types` are the columns' ClickHouse types as declared in `schema/`. The header carries
 * them, so where a table's actual column differs the engine refuses the insert
 * (INCORRECT_DATA, "Type of 'x' must be …") instead of misreading the bytes.
 *
 * Returns undefined when a type has no writer or a value cannot be written exactly as the
 * engine would read it from JSON (see `ValueWriter`): the caller then sends text.
 */
export function encodeRowBinary(
  rows: readonly object[],
  columns: readonly string[],
  types: readonly string[],
): Buffer | undefined {
  const writers: ValueWriter[] = []
  for (const type of types) {
    const writer = valueWriterFor(type)
    if (writer === undefined) return undefined
    writers.push(writer)
  }
  // Span rows take about 650 bytes, call rows about 400: one doubling at most, usually none.
  const out = new ByteWriter(rows.length * 512 + 4096)
  out.varUInt(columns.length)
  for (const column of columns) out.string(column)
  for (const type of types) out.string(type)
  for (let r = 0; r < rows.length; r++) {
    const values = rowValues(rows[r] as Record<string, unknown>, columns)
    for (let c = 0; c < columns.length; c++) {
      if (!(writers[c] as ValueWriter)(out, values[c])) return undefined
    }
  }
  return out.bytes()
}
