import { describe, expect, it } from 'vitest'
import { parseSessionFilter } from './session-filter'

describe('parseSessionFilter', () => {
  it('reads every filter the api takes', () => {
    const parsed = parseSessionFilter(
      new URLSearchParams(
        'user=alice&agent=claude&client=c1&tool=search&tenant=acme&outcome=DENIED&sideEffect=WRITE&text=invoice',
      ),
    )
    expect(parsed.filter).toEqual({
      user: 'alice',
      agent: 'claude',
      client: 'c1',
      tool: 'search',
      tenant: 'acme',
      outcome: 'DENIED',
      sideEffect: 'WRITE',
      text: 'invoice',
    })
    expect(parsed.active).toBe(8)
    expect(parsed.problems).toEqual([])
  })

  it('ignores blanks and the range, and drops what the api would refuse, saying why', () => {
    const parsed = parseSessionFilter({
      user: '  ',
      range: '7d',
      outcome: 'LOST',
      sideEffect: 'delete',
      text: 'x',
    })
    expect(parsed.filter).toEqual({})
    expect(parsed.problems).toEqual([
      'unknown outcome "LOST"',
      'unknown side effect "delete"',
      'payload text must be 2–200 characters',
    ])
  })

  it('refuses an over-long identifier', () => {
    expect(parseSessionFilter({ tool: 'x'.repeat(300) }).problems).toEqual([
      'tool is longer than 256 characters',
    ])
  })
})
