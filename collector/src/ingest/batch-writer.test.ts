import { describe, expect, it } from 'vitest'
import type { DataTable, RowBatch } from '../storage/rows'
import type { Logger } from '../types'
import { BatchWriter, type TableInserter } from './batch-writer'

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} }

function rows(spans: number, calls = 0): RowBatch {
  return {
    spans: Array.from({ length: spans }, (_, i) => ({ i }) as never),
    mcp_calls: Array.from({ length: calls }, (_, i) => ({ i }) as never),
    mcp_events: [],
    tool_versions: [],
  }
}

/** Records inserts; can be told to fail a table a number of times. */
function recorder(failures: Partial<Record<DataTable, number>> = {}) {
  const calls: { table: DataTable; rows: number; token: string }[] = []
  const insert: TableInserter = async (table, r, token) => {
    if ((failures[table] ?? 0) > 0) {
      failures[table]!--
      throw new Error(`boom ${table}`)
    }
    calls.push({ table, rows: r.length, token })
  }
  return { calls, insert }
}

describe('BatchWriter', () => {
  const options = { maxRows: 1000, maxDelayMs: 20, maxQueueBytes: 1000 }

  it('merges concurrent requests into one insert per table and resolves after commit', async () => {
    const { calls, insert } = recorder()
    const writer = new BatchWriter(insert, options, quiet)
    expect(writer.reserve(10) && writer.reserve(10)).toBe(true)
    await Promise.all([writer.submit('a', rows(3, 1), 10), writer.submit('b', rows(2), 10)])
    expect(calls.map((c) => [c.table, c.rows])).toEqual([
      ['spans', 5],
      ['mcp_calls', 1],
    ])
    expect(writer.queuedBytes).toBe(0)
  })

  it('derives the same token for the same requests in any order', async () => {
    const first = recorder()
    const w1 = new BatchWriter(first.insert, options, quiet)
    await Promise.all([w1.submit('a', rows(1), 0), w1.submit('b', rows(1), 0)])
    const second = recorder()
    const w2 = new BatchWriter(second.insert, options, quiet)
    await Promise.all([w2.submit('b', rows(1), 0), w2.submit('a', rows(1), 0)])
    expect(first.calls[0]!.token).toBe(second.calls[0]!.token)
    const third = recorder()
    const w3 = new BatchWriter(third.insert, options, quiet)
    await w3.submit('a', rows(1), 0)
    expect(third.calls[0]!.token).not.toBe(first.calls[0]!.token)
  })

  it('flushes at maxRows without waiting for the timer', async () => {
    const { calls, insert } = recorder()
    const writer = new BatchWriter(insert, { ...options, maxRows: 5, maxDelayMs: 60_000 }, quiet)
    await writer.submit('a', rows(5), 0)
    expect(calls).toHaveLength(1)
  })

  it('retries a failed insert with the same token, then succeeds', async () => {
    const { calls, insert } = recorder({ spans: 2 })
    const writer = new BatchWriter(insert, options, quiet)
    await writer.submit('a', rows(1), 0)
    expect(calls).toHaveLength(1)
  })

  it('rejects the batch after repeated failures and remembers the tables already committed', async () => {
    const { calls, insert } = recorder({ mcp_calls: 3 })
    const writer = new BatchWriter(insert, options, quiet)
    const committed = new Set<DataTable>()
    writer.reserve(10)
    await expect(writer.submit('a', rows(1, 1), 10, committed)).rejects.toMatchObject({
      code: 'STORAGE.INSERT_FAILED',
      status: 503,
    })
    expect([...committed]).toEqual(['spans'])
    expect(writer.queuedBytes).toBe(0)
    // The resend writes only what is missing.
    await writer.submit('a', rows(1, 1), 0, committed)
    expect(calls.map((c) => c.table)).toEqual(['spans', 'mcp_calls'])
  })

  it('refuses reservations past maxQueueBytes but always admits one request into an empty queue', () => {
    const writer = new BatchWriter(recorder().insert, options, quiet)
    expect(writer.reserve(5000)).toBe(true)
    expect(writer.reserve(1)).toBe(false)
    writer.release(5000)
    expect(writer.reserve(600)).toBe(true)
    expect(writer.reserve(600)).toBe(false)
  })

  it('writes everything queued on close and refuses work afterwards', async () => {
    const { calls, insert } = recorder()
    const writer = new BatchWriter(insert, { ...options, maxDelayMs: 60_000 }, quiet)
    const pending = writer.submit('a', rows(2), 0)
    await writer.close()
    await pending
    expect(calls).toHaveLength(1)
    expect(writer.reserve(1)).toBe(false)
    await expect(writer.submit('b', rows(1), 0)).rejects.toMatchObject({ code: 'INGEST.SHUTTING_DOWN' })
  })

  it('records receipts after commit and still succeeds when recording fails', async () => {
    const seen: string[][] = []
    const writer = new BatchWriter(recorder().insert, options, quiet, {
      recordCommitted: async (d) => {
        seen.push(d)
        throw new Error('receipts down')
      },
    })
    await writer.submit('a', rows(1), 0)
    expect(seen).toEqual([['a']])
  })

  it('isolates a request whose rows the storage refuses: it alone fails (400), the others commit', async () => {
    const poison = { poison: true } as never
    const attempts: { table: DataTable; rows: number }[] = []
    const insert: TableInserter = async (table, r) => {
      attempts.push({ table, rows: r.length })
      if (r.includes(poison)) throw Object.assign(new Error('Cannot parse input'), { code: '27' })
    }
    const writer = new BatchWriter(insert, { ...options, maxDelayMs: 60_000 }, quiet, {
      isDataRejection: (err) => (err as { code?: string }).code === '27',
    })
    const bad = rows(1)
    bad.mcp_calls.push(poison)
    const results = Promise.allSettled([
      writer.submit('good-1', rows(2, 1), 0),
      writer.submit('bad', bad, 0),
      writer.submit('good-2', rows(3), 0),
    ])
    await writer.close()
    const [g1, b, g2] = await results
    expect(g1.status).toBe('fulfilled')
    expect(g2.status).toBe('fulfilled')
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'STORAGE.DATA_REFUSED', status: 400 } })
    // The whole batch once (spans ok, calls refused), then each request alone; a refusal is never retried.
    expect(attempts).toEqual([
      { table: 'spans', rows: 6 },
      { table: 'mcp_calls', rows: 2 },
      { table: 'mcp_calls', rows: 1 },
      { table: 'mcp_calls', rows: 1 },
    ])
  })

  it('answers 503 and retries with the same token when the storage is down, not refusing data', async () => {
    const { calls, insert } = recorder({ spans: 2 })
    const writer = new BatchWriter(insert, options, quiet, { isDataRejection: () => false })
    await writer.submit('a', rows(1), 0)
    expect(calls).toHaveLength(1)
    const down = recorder({ spans: 5 })
    const failing = new BatchWriter(down.insert, options, quiet, { isDataRejection: () => false })
    await expect(failing.submit('a', rows(1), 0)).rejects.toMatchObject({
      code: 'STORAGE.INSERT_FAILED',
      status: 503,
    })
  })
})
