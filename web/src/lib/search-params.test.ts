import { describe, expect, it } from 'vitest'
import { firstParam, rangeEntries, samePageHref } from './search-params'

describe('rangeEntries', () => {
  it('keeps only the range keys, in order, from a record', () => {
    expect(rangeEntries({ to: '2', user: 'alice', from: '1', after: 'x' })).toEqual([
      ['from', '1'],
      ['to', '2'],
    ])
  })

  it('takes the first value of a repeated key and reads URLSearchParams alike', () => {
    expect(rangeEntries({ range: ['7d', '24h'] })).toEqual([['range', '7d']])
    expect(rangeEntries(new URLSearchParams('range=7d&range=1h&tool=x'))).toEqual([['range', '7d']])
    expect(rangeEntries({})).toEqual([])
  })
})

describe('firstParam', () => {
  it('reads a record or URLSearchParams, first value of a repeated key', () => {
    expect(firstParam({ a: ['1', '2'] }, 'a')).toBe('1')
    expect(firstParam({ a: '' }, 'a')).toBe('')
    expect(firstParam(new URLSearchParams('a=3&a=4'), 'a')).toBe('3')
    expect(firstParam(new URLSearchParams(''), 'a')).toBeUndefined()
  })
})

describe('samePageHref', () => {
  it('links to the current page with every param, first value of each', () => {
    expect(samePageHref({ range: '7d', user: ['a', 'b'], gone: undefined })).toBe('?range=7d&user=a')
    expect(samePageHref(new URLSearchParams('after=x&outcome=OK&outcome=ERROR'))).toBe('?after=x&outcome=OK')
    expect(samePageHref({})).toBe('?')
  })
})
