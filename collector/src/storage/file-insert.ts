import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** A binary insert the embedded engine reads from a file. */
export interface FileInsert {
  /** `db.table`, validated by the caller. */
  target: string
  columns: readonly string[]
  /** RowBinaryWithNamesAndTypes bytes. */
  body: Buffer
  /** Already rendered ` SETTINGS …` clause, or ''. */
  settingsClause: string
}

/**
 * Inserts RowBinary through a file, because chdb's `rawInsert` accepts text formats only
 * and the query text cannot carry binary data: the bytes go to a private file the engine
 * reads with `INSERT … SELECT * FROM file(…)`. Measured on the span and call rows (see
 * ARCHITECTURE.md "Insert format"), the engine spends about half the CPU it spends
 * parsing the same rows as JSONCompactEachRow.
 *
 * The files live in `dir`, inside the data directory (payloads stay where the data is),
 * are created exclusively with mode 0600 under a random name, and are removed once the
 * insert settles, failed or not. One process owns a data directory, so files left in
 * `dir` by a killed process are removed when the next one opens it.
 */
export function createFileInserter(
  dir: string,
  run: (sql: string) => Promise<unknown>,
): (insert: FileInsert) => Promise<void> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return async ({ target, columns, body, settingsClause }) => {
    const path = join(dir, `${randomUUID()}.rowbinary`)
    await writeFile(path, body, { mode: 0o600, flag: 'wx' })
    try {
      await run(
        `INSERT INTO ${target} (${columns.join(', ')})${settingsClause} ` +
          `SELECT * FROM file(${quote(path)}, RowBinaryWithNamesAndTypes)`,
      )
    } finally {
      // An unlink failure must not replace the insert's own outcome; the next open clears `dir`.
      await unlink(path).catch(() => {})
    }
  }
}

/** A ClickHouse string literal. */
export function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`
}
