import { describe, expect, it } from 'vitest'
import {
  MAX_RANGE_MS,
  parseRange,
  previousWindow,
  rangeHolding,
  resolveWindow,
  withRange,
} from './time-range'

const NOW = Date.UTC(2026, 10, 21, 12, 30, 15)

describe('parseRange', () => {
  it('defaults to the last 24 hours', () => {
    expect(parseRange(new URLSearchParams())).toEqual({
      state: { kind: 'preset', preset: '24h' },
      problem: null,
    })
  })

  it('reads a preset from URLSearchParams or a Next searchParams record', () => {
    expect(parseRange(new URLSearchParams('range=7d')).state).toEqual({ kind: 'preset', preset: '7d' })
    expect(parseRange({ range: ['1h', '30d'] }).state).toEqual({ kind: 'preset', preset: '1h' })
  })

  it('reads a fixed window', () => {
    const parsed = parseRange({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00.000Z' })
    expect(parsed).toEqual({
      state: { kind: 'fixed', fromMs: Date.UTC(2026, 10, 1), toMs: Date.UTC(2026, 10, 2) },
      problem: null,
    })
  })

  it.each([
    [{ range: 'toString' }, 'unknown range "toString"'],
    [{ range: 'x'.repeat(500) }, `unknown range "${'x'.repeat(20)}"`],
    [{ from: '2026-11-01T00:00:00Z' }, '`from` and `to` must both be dates'],
    [{ from: 'yesterday', to: '2026-11-02T00:00:00Z' }, '`from` and `to` must both be dates'],
    [{ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, '`to` must be after `from`'],
    [{ from: '2026-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'a range can span at most 92 days'],
  ])('falls back to the default and says why for %j', (params, problem) => {
    expect(parseRange(params)).toEqual({ state: { kind: 'preset', preset: '24h' }, problem })
  })
})

describe('resolveWindow', () => {
  it('ends a preset at the next whole minute', () => {
    const end = Date.UTC(2026, 10, 21, 12, 31)
    expect(resolveWindow({ kind: 'preset', preset: '1h' }, NOW)).toEqual({
      fromMs: end - 3_600_000,
      toMs: end,
    })
    expect(resolveWindow({ kind: 'preset', preset: '1h' }, end)).toEqual({
      fromMs: end - 3_600_000,
      toMs: end,
    })
  })

  it('keeps a fixed window as it is, and no preset exceeds what the api answers', () => {
    expect(resolveWindow({ kind: 'fixed', fromMs: 1, toMs: 2 }, NOW)).toEqual({ fromMs: 1, toMs: 2 })
    const longest = resolveWindow({ kind: 'preset', preset: '90d' }, NOW)
    expect(longest.toMs - longest.fromMs).toBeLessThanOrEqual(MAX_RANGE_MS)
  })
})

describe('previousWindow', () => {
  it('is the window of the same length just before', () => {
    expect(previousWindow({ fromMs: 100, toMs: 160 })).toEqual({ fromMs: 40, toMs: 100 })
  })
})

describe('withRange', () => {
  it('keeps other parameters and writes the range in one form', () => {
    const params = new URLSearchParams('tool=search&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z')
    expect(withRange(params, { kind: 'preset', preset: '7d' }).toString()).toBe('tool=search&range=7d')
    expect(withRange(params, { kind: 'preset', preset: '24h' }).toString()).toBe('tool=search')
    expect(params.toString()).toBe('tool=search&from=2026-11-01T00%3A00%3A00Z&to=2026-11-02T00%3A00%3A00Z')
  })

  it('round-trips through parseRange', () => {
    const state = { kind: 'fixed' as const, fromMs: Date.UTC(2026, 10, 1, 8), toMs: Date.UTC(2026, 10, 3, 8) }
    expect(parseRange(withRange(new URLSearchParams('range=1h'), state)).state).toEqual(state)
  })
})

describe('rangeHolding', () => {
  const at = Date.UTC(2026, 10, 19, 8, 15, 30)

  it('keeps the page’s range when it holds the instant', () => {
    expect(rangeHolding({ range: '7d' }, at, NOW).toString()).toBe('range=7d')
    expect(rangeHolding({}, NOW - 3_600_000, NOW).toString()).toBe('')
    const fixed = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }
    expect(Object.fromEntries(rangeHolding(fixed, at, NOW))).toEqual(fixed)
  })

  it('centres a window of the same length on an instant outside the range', () => {
    // The default 24 hours end on 21 Nov; the instant is two days earlier.
    expect(Object.fromEntries(rangeHolding({}, at, NOW))).toEqual({
      from: '2026-11-18T20:15:00.000Z',
      to: '2026-11-19T20:15:00.000Z',
    })
    const hour = { from: '2026-11-20T10:00:00.000Z', to: '2026-11-20T11:00:00.000Z' }
    expect(Object.fromEntries(rangeHolding(hour, at, NOW))).toEqual({
      from: '2026-11-19T07:45:00.000Z',
      to: '2026-11-19T08:45:00.000Z',
    })
  })

  it('treats the end of a range as outside it, as the api does', () => {
    const hour = { from: '2026-11-19T07:15:30.000Z', to: '2026-11-19T08:15:30.000Z' }
    expect(rangeHolding(hour, at, NOW).get('to')).toBe('2026-11-19T08:45:00.000Z')
  })

  it('ends after the instant even when the range is a single minute', () => {
    const minute = { from: '2026-11-20T10:00:00.000Z', to: '2026-11-20T10:01:00.000Z' }
    expect(Object.fromEntries(rangeHolding(minute, Date.UTC(2026, 10, 19, 8, 15, 10), NOW))).toEqual({
      from: '2026-11-19T08:14:00.000Z',
      to: '2026-11-19T08:16:00.000Z',
    })
  })

  it('keeps the range for an unreadable instant', () => {
    expect(rangeHolding({ range: '1h' }, Number.NaN, NOW).toString()).toBe('range=1h')
  })
})
