import { describe, expect, it } from 'vitest'
import { formatFreshness, STALE_AFTER_MS } from './freshness'

const at = '2026-11-21T12:00:00.000Z'
const olderBy = (ms: number) => new Date(Date.parse(at) - ms).toISOString()

describe('formatFreshness', () => {
  it('writes the age of the data at call time in the largest fitting unit', () => {
    expect(formatFreshness(olderBy(45_000), at).text).toBe('45 s old')
    expect(formatFreshness(olderBy(59_999), at).text).toBe('59 s old')
    expect(formatFreshness(olderBy(12 * 60_000 + 59_000), at).text).toBe('12 min old')
    expect(formatFreshness(olderBy(3.24 * 3_600_000), at).text).toBe('3.2 h old')
    expect(formatFreshness(olderBy(15 * 3_600_000), at).text).toBe('15 h old')
    expect(formatFreshness(olderBy(4 * 86_400_000), at).text).toBe('4.0 d old')
    expect(formatFreshness(olderBy(40 * 86_400_000), at).text).toBe('40 d old')
  })

  it('reads data as of the call time, or a clock slightly ahead, as current', () => {
    expect(formatFreshness(at, at)).toEqual({ text: 'current', ageMs: 0, stale: false })
    expect(formatFreshness('2026-11-21T12:00:05.000Z', at)).toEqual({
      text: 'current',
      ageMs: 0,
      stale: false,
    })
  })

  it('flags data older than a day as stale', () => {
    expect(formatFreshness(olderBy(STALE_AFTER_MS), at).stale).toBe(false)
    expect(formatFreshness(olderBy(STALE_AFTER_MS + 1000), at)).toMatchObject({
      stale: true,
      text: '1.0 d old',
    })
  })

  it('says nothing it does not know: no asOf, or an unreadable one, is missing', () => {
    expect(formatFreshness(null, at)).toEqual({ text: '—', ageMs: null, stale: false })
    expect(formatFreshness('yesterday', at).ageMs).toBeNull()
  })
})
