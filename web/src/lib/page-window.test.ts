import { describe, expect, it } from 'vitest'
import { pageWindow } from './page-window'

describe('pageWindow', () => {
  const now = Date.UTC(2026, 10, 21, 10, 30, 15)

  it('turns a preset into ISO bounds ending at the next minute, with the previous period', () => {
    const w = pageWindow({ range: '1h' }, now)
    expect(w.from).toBe('2026-11-21T09:31:00.000Z')
    expect(w.to).toBe('2026-11-21T10:31:00.000Z')
    expect(w.previous).toEqual({ from: '2026-11-21T08:31:00.000Z', to: '2026-11-21T09:31:00.000Z' })
    expect(w.spanMs).toBe(3_600_000)
  })

  it('keeps a fixed window as given, and keys it by its bounds', () => {
    const w = pageWindow(new URLSearchParams('from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z'), now)
    expect([w.from, w.to]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'])
    expect(w.key).toBe(`${Date.UTC(2026, 10, 1)}-${Date.UTC(2026, 10, 2)}`)
  })
})
