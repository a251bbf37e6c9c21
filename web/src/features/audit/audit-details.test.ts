import { describe, expect, it } from 'vitest'
import { callOfRecord, detailEntries } from './audit-details'

describe('detailEntries', () => {
  it('lists a JSON object’s fields, values that are not strings as JSON, empty ones left out', () => {
    expect(detailEntries('{"userId":"u-1","count":3,"scopes":["a","b"],"actor":null,"note":""}')).toEqual([
      ['userId', 'u-1'],
      ['count', '3'],
      ['scopes', '["a","b"]'],
    ])
  })

  it('shows anything that is not a JSON object as it is', () => {
    expect(detailEntries('not json')).toEqual([['', 'not json']])
    expect(detailEntries('[1,2]')).toEqual([['', '[1,2]']])
    expect(detailEntries('')).toEqual([])
    expect(detailEntries('{}')).toEqual([])
  })
})

describe('callOfRecord', () => {
  const trace = '8bbec3261f283087212a0af036ae6ac4'
  const span = 'be2160c52fb99661'

  it('finds the call of a payload read: trace/span target and the session in the details', () => {
    expect(callOfRecord(`${trace}/${span}`, [['sessionId', 's-1']])).toEqual({
      sessionId: 's-1',
      traceId: trace,
      spanId: span,
    })
  })

  it('finds none for other targets or without a session', () => {
    expect(callOfRecord('vera', [['sessionId', 's-1']])).toBeNull()
    expect(callOfRecord(`${trace}/${span}`, [['via', 'session']])).toBeNull()
    expect(callOfRecord(`${trace}/${span}`, [['sessionId', '']])).toBeNull()
  })
})
