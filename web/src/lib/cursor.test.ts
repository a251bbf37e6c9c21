import { describe, expect, it } from 'vitest'
import { parseCursor, withCursor } from './cursor'

describe('parseCursor', () => {
  it('takes an api cursor and drops what cannot be one', () => {
    expect(parseCursor({ after: 'eyJvIjo1MH0' })).toBe('eyJvIjo1MH0')
    expect(parseCursor(new URLSearchParams('after=abc'))).toBe('abc')
    expect(parseCursor({ after: 'not a cursor!' })).toBeUndefined()
    expect(parseCursor({ after: 'a'.repeat(600) })).toBeUndefined()
    expect(parseCursor({ after: '' })).toBeUndefined()
    expect(parseCursor({})).toBeUndefined()
  })
})

describe('withCursor', () => {
  it('adds the cursor after the link’s own query, escaped', () => {
    expect(withCursor('/p/provenance?uri=crm', 'a=b')).toBe('/p/provenance?uri=crm&after=a%3Db')
    expect(withCursor('/p/provenance', 'abc')).toBe('/p/provenance?after=abc')
  })

  it('replaces or removes a cursor already there, keeping range and filters', () => {
    expect(withCursor('/p/sessions?range=7d&after=old&user=a', 'new')).toBe(
      '/p/sessions?range=7d&user=a&after=new',
    )
    expect(withCursor('/p/sessions?after=x&outcome=OK', null)).toBe('/p/sessions?outcome=OK')
    expect(withCursor('/p/sessions?after=x', null)).toBe('/p/sessions')
    expect(withCursor('?range=7d&after=x', 'y')).toBe('?range=7d&after=y')
    expect(withCursor('?after=x', null)).toBe('?')
  })
})
