import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows, openStorage, queryRows, type Storage } from '../src/storage/client'
import { runMigrations } from '../src/storage/migrations'
import { renderTable, renderView } from '../src/storage/schema/render-ddl'
import { mcpCalls1mSpanKindStatements, mcpCalls1mTable, mcpCalls1mView } from '../src/storage/schema/rollups'

// A whole minute an hour ago, well inside every retention.
const MINUTE_MS = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000
const ns = (ms: number) => (BigInt(MINUTE_MS + ms) * 1_000_000n).toString()

let dir: string
let storage: Storage

const command = (query: string) => storage.client.command({ query })
const rollup = () =>
  queryRows<{ span_kind: string; calls: number; p99: number }>(
    storage,
    `SELECT span_kind, sum(calls) AS calls,
            quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(duration_quantiles)[4] AS p99
     FROM ${storage.database}.mcp_calls_1m GROUP BY span_kind ORDER BY span_kind
     SETTINGS output_format_json_quote_64bit_integers = 0`,
  )

function call(spanKind: string, ms: number, durationNs: number) {
  return {
    project_id: 'p1',
    timestamp: ns(ms),
    duration_ns: String(durationNs),
    span_kind: spanKind,
    method: 'tools/call',
    target: 'search',
    outcome: 'ok',
  }
}

/** The rollup as migration 0007 made it before 0013: no span kind. */
async function recreateOldRollup(): Promise<void> {
  const target = { database: storage.database }
  const table = mcpCalls1mTable({ rowDays: 30, payloadDays: 7, rollupDays: 400 })
  const without = (list: readonly string[]) => list.filter((x) => x !== 'span_kind')
  await command(`DROP VIEW ${storage.database}.mcp_calls_1m_mv`)
  await command(`DROP TABLE ${storage.database}.mcp_calls_1m`)
  const [create] = renderTable(
    {
      ...table,
      columns: table.columns.filter((c) => c.name !== 'span_kind'),
      orderBy: without(table.orderBy),
    },
    target,
  )
  await command(create as string)
  await command(
    renderView(
      {
        ...mcpCalls1mView,
        select: without(mcpCalls1mView.select),
        groupBy: without(mcpCalls1mView.groupBy ?? []),
      },
      target,
    ),
  )
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-rollup-kind-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: join(dir, 'data'),
    database: `tg_rk_${randomBytes(4).toString('hex')}`,
  })
  await runMigrations(storage)
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 0013: span_kind in mcp_calls_1m', () => {
  it('rebuilds an old rollup from mcp_calls split by span kind, and the view keeps it split', async () => {
    await recreateOldRollup()
    await insertRows(storage, 'mcp_calls', [
      call('SERVER', 1_000, 100),
      call('SERVER', 2_000, 300),
      call('CLIENT', 1_500, 900),
    ])
    // Before: the client's view of a call is counted with the server's.
    const [before] = await queryRows<{ calls: number }>(
      storage,
      `SELECT sum(calls) AS calls FROM ${storage.database}.mcp_calls_1m
       SETTINGS output_format_json_quote_64bit_integers = 0`,
    )
    expect(before).toEqual({ calls: 3 })

    for (const statement of mcpCalls1mSpanKindStatements({ database: storage.database }))
      await command(statement)
    expect(await rollup()).toEqual([
      { span_kind: 'CLIENT', calls: 1, p99: 900 },
      { span_kind: 'SERVER', calls: 2, p99: 300 },
    ])

    await insertRows(storage, 'mcp_calls', [call('SERVER', 3_000, 200)])
    expect(await rollup()).toEqual([
      { span_kind: 'CLIENT', calls: 1, p99: 900 },
      { span_kind: 'SERVER', calls: 3, p99: 300 },
    ])
    // The sort key a fresh install creates.
    const [row] = await queryRows<{ sorting_key: string }>(
      storage,
      'SELECT sorting_key FROM system.tables WHERE database = {db:String} AND name = {name:String}',
      { db: storage.database, name: 'mcp_calls_1m' },
    )
    expect(row?.sorting_key).toBe(
      'project_id, minute, server_name, method, target, outcome, side_effect, denial_source, span_kind',
    )
  })
})
