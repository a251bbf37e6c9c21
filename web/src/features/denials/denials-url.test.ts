import { describe, expect, it } from 'vitest'
import { DEFAULT_DIMENSION, DIMENSIONS, dimensionOf, parseDimension } from './denials-url'

describe('parseDimension', () => {
  it('defaults to REASON when the URL names no breakdown', () => {
    expect(DEFAULT_DIMENSION).toBe('REASON')
    expect(parseDimension({})).toBe('REASON')
    expect(parseDimension(new URLSearchParams('range=7d'))).toBe('REASON')
  })

  it('reads every offered dimension, in any case, from a record or URLSearchParams', () => {
    for (const { by } of DIMENSIONS) {
      expect(parseDimension({ by })).toBe(by)
      expect(parseDimension(new URLSearchParams({ by: by.toLowerCase() }))).toBe(by)
    }
    expect(parseDimension({ by: ['USER', 'TOOL'] })).toBe('USER')
  })

  it('falls back to the default for a dimension it does not know', () => {
    expect(parseDimension({ by: 'tenant' })).toBe('REASON')
    expect(parseDimension({ by: '' })).toBe('REASON')
  })
})

describe('DIMENSIONS', () => {
  it('offers the eight breakdowns of the api, each once', () => {
    expect(DIMENSIONS.map((d) => d.by).sort()).toEqual([
      'AGENT',
      'CLIENT',
      'REASON',
      'RESOURCE',
      'SCOPE',
      'SOURCE',
      'TOOL',
      'USER',
    ])
    expect(dimensionOf('SCOPE').column).toBe('Granted scope')
  })
})
