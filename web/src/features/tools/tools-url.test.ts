import { describe, expect, it } from 'vitest'
import { ariaSort, parseToolsState, serializeToolsState, toggleSort } from './tools-url'

describe('parseToolsState', () => {
  it('reads sort, dir and cursor from a URL', () => {
    expect(parseToolsState(new URLSearchParams('sort=calls&dir=asc&after=abc'))).toEqual({
      sort: 'calls',
      dir: 'asc',
      after: 'abc',
    })
  })

  it('falls back to the api’s order for a missing or unknown sort, and to the column’s default dir', () => {
    expect(parseToolsState({})).toEqual({ sort: 'misuse', dir: 'desc' })
    expect(parseToolsState({ sort: 'DROP TABLE', dir: 'sideways' })).toEqual({ sort: 'misuse', dir: 'desc' })
    expect(parseToolsState({ sort: 'tool' })).toEqual({ sort: 'tool', dir: 'asc' })
    expect(parseToolsState({ sort: ['p95', 'calls'], after: '' })).toEqual({ sort: 'p95', dir: 'desc' })
  })
})

describe('serializeToolsState', () => {
  it('writes nothing for the api’s order, both sort and dir otherwise', () => {
    expect(serializeToolsState({ sort: 'misuse', dir: 'desc' })).toEqual({
      sort: undefined,
      dir: undefined,
      after: undefined,
    })
    expect(serializeToolsState({ sort: 'calls', dir: 'desc', after: 'c1' })).toEqual({
      sort: 'calls',
      dir: 'desc',
      after: 'c1',
    })
  })

  it('round-trips through a URL', () => {
    for (const state of [
      { sort: 'errors', dir: 'asc' },
      { sort: 'misuse', dir: 'asc', after: 'eyJvIjo1MH0=' },
      { sort: 'sideEffect', dir: 'desc' },
    ] as const) {
      const query = new URLSearchParams()
      for (const [k, v] of Object.entries(serializeToolsState(state))) if (v !== undefined) query.set(k, v)
      expect(parseToolsState(new URLSearchParams(query.toString()))).toEqual(state)
    }
  })
})

describe('toggleSort and ariaSort', () => {
  it('flips the sorted column and starts another at its default direction, keeping the page', () => {
    const state = { sort: 'calls', dir: 'desc', after: 'c1' } as const
    expect(toggleSort(state, 'calls')).toEqual({ sort: 'calls', dir: 'asc', after: 'c1' })
    expect(toggleSort({ sort: 'calls', dir: 'asc' }, 'calls')).toEqual({ sort: 'calls', dir: 'desc' })
    expect(toggleSort(state, 'tool')).toEqual({ sort: 'tool', dir: 'asc', after: 'c1' })
    expect(toggleSort(state, 'denials')).toEqual({ sort: 'denials', dir: 'desc', after: 'c1' })
  })

  it('marks only the sorted column', () => {
    const state = { sort: 'p95', dir: 'asc' } as const
    expect(ariaSort(state, 'p95')).toBe('ascending')
    expect(ariaSort({ ...state, dir: 'desc' }, 'p95')).toBe('descending')
    expect(ariaSort(state, 'calls')).toBe('none')
  })
})
