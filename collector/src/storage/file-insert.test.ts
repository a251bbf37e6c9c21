import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileInserter, quote } from './file-insert'

const insert = {
  target: 'db.t',
  columns: ['a', 'b'],
  body: Buffer.from([1, 2, 3]),
  settingsClause: " SETTINGS x = 'y'",
}

describe('createFileInserter', () => {
  it('hands the engine a private file and removes it after the insert', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tollgate-files-')), 'insert-files')
    const seen: { sql: string; mode: number; bytes: number }[] = []
    const inserter = createFileInserter(dir, async (sql) => {
      const path = /file\('([^']+)'/.exec(sql)?.[1] as string
      seen.push({ sql, mode: statSync(path).mode & 0o777, bytes: statSync(path).size })
    })
    await inserter(insert)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.sql).toMatch(
      /^INSERT INTO db\.t \(a, b\) SETTINGS x = 'y' SELECT \* FROM file\('.+\.rowbinary', RowBinaryWithNamesAndTypes\)$/,
    )
    expect(seen[0]?.mode).toBe(0o600)
    expect(seen[0]?.bytes).toBe(3)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(readdirSync(dir)).toEqual([])
  })

  it('removes the file when the insert fails, and passes the failure on', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tollgate-files-')), 'insert-files')
    const inserter = createFileInserter(dir, async () => {
      throw new Error('engine down')
    })
    await expect(inserter(insert)).rejects.toThrow('engine down')
    expect(readdirSync(dir)).toEqual([])
  })

  it('names every file apart, so concurrent inserts never share one', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tollgate-files-')), 'insert-files')
    const paths = new Set<string>()
    const inserter = createFileInserter(dir, async (sql) => {
      paths.add(/file\('([^']+)'/.exec(sql)?.[1] as string)
    })
    await Promise.all(Array.from({ length: 20 }, () => inserter(insert)))
    expect(paths.size).toBe(20)
  })

  it('clears files a killed process left behind', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tollgate-files-')), 'insert-files')
    mkdirSync(dir)
    writeFileSync(join(dir, 'left.rowbinary'), 'x')
    createFileInserter(dir, async () => {})
    expect(existsSync(join(dir, 'left.rowbinary'))).toBe(false)
  })
})

describe('quote', () => {
  it('escapes quotes and backslashes', () => {
    expect(quote("/tmp/a'b\\c")).toBe("'/tmp/a\\'b\\\\c'")
  })
})
