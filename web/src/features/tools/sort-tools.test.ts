import { describe, expect, it } from 'vitest'
import { sortTools, type ToolRow } from './sort-tools'

const misuse = {
  denied: 0,
  invalidArguments: 0,
  unknownTool: 0,
  retryLoops: 0,
  writesWithoutApproval: 0,
  injectionSuspected: 0,
}
const row = (
  tool: string,
  calls: number,
  p95Ms: number | null,
  misuseScore: number,
  sideEffect = 'read',
): ToolRow => ({
  serverName: 'srv',
  tool,
  calls,
  errors: calls % 7,
  denials: calls % 5,
  p95Ms,
  sideEffect,
  misuseScore,
  misuse,
})

// The api's order: most misused first.
const rows = [
  row('delete', 10, 40, 9),
  row('search', 300, 12, 3, 'write'),
  row('fetch', 300, null, 1),
  row('Bulk', 2, 5, 0),
]
const names = (list: ToolRow[]) => list.map((r) => r.tool)

describe('sortTools', () => {
  it('sorts figures either way, ties kept in the api’s order', () => {
    expect(names(sortTools(rows, 'calls', 'desc'))).toEqual(['search', 'fetch', 'delete', 'Bulk'])
    expect(names(sortTools(rows, 'calls', 'asc'))).toEqual(['Bulk', 'delete', 'search', 'fetch'])
    expect(names(sortTools(rows, 'misuse', 'desc'))).toEqual(['delete', 'search', 'fetch', 'Bulk'])
  })

  it('puts a tool without latency last in both directions', () => {
    expect(names(sortTools(rows, 'p95', 'desc'))).toEqual(['delete', 'search', 'Bulk', 'fetch'])
    expect(names(sortTools(rows, 'p95', 'asc'))).toEqual(['Bulk', 'search', 'delete', 'fetch'])
  })

  it('sorts names case-insensitively and leaves its input alone', () => {
    const before = names(rows)
    expect(names(sortTools(rows, 'tool', 'asc'))).toEqual(['Bulk', 'delete', 'fetch', 'search'])
    expect(names(sortTools(rows, 'sideEffect', 'desc'))).toEqual(['search', 'delete', 'fetch', 'Bulk'])
    expect(names(rows)).toEqual(before)
  })
})
