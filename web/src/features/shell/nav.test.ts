import { describe, expect, it } from 'vitest'
import { sectionHref } from './nav'

describe('sectionHref', () => {
  it('keeps the time range and drops page filters', () => {
    const current = new URLSearchParams('range=7d&outcome=DENIED&user=alice')
    expect(sectionHref('default', 'sessions', current)).toBe('/default/sessions?range=7d')
  })

  it('keeps a fixed window', () => {
    const current = new URLSearchParams('from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z')
    expect(sectionHref('p', 'denials', current)).toBe(
      '/p/denials?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z',
    )
  })

  it('escapes the project id', () => {
    expect(sectionHref('a b/c', 'overview', new URLSearchParams())).toBe('/a%20b%2Fc/overview')
  })
})
