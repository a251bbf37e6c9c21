import { describe, expect, it } from 'vitest'
import { links } from './links'

describe('links', () => {
  it('carries the time range and nothing else of the current page', () => {
    const range = new URLSearchParams('range=7d&by=USER')
    expect(links.section('default', 'denials', range)).toBe('/default/denials?range=7d')
  })

  it('carries a fixed window and escapes the project id', () => {
    const current = new URLSearchParams('from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z')
    expect(links.section('p', 'denials', current)).toBe(
      '/p/denials?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z',
    )
    expect(links.section('a b/c', 'overview', new URLSearchParams())).toBe('/a%20b%2Fc/overview')
  })

  it('escapes ids and adds the link’s own filters', () => {
    expect(links.tool('p', 'crm server', 'get/contact', { range: '1h' })).toBe(
      '/p/tools/get%2Fcontact?range=1h&server=crm+server',
    )
    expect(links.sessions('p', { user: 'alice@example.com', outcome: undefined })).toBe(
      '/p/sessions?user=alice%40example.com',
    )
  })

  it('points a session link at a step', () => {
    expect(links.session('p', 's-1', undefined, 'abc')).toBe('/p/sessions/s-1#step-abc')
  })
})
