import { describe, expect, it } from 'vitest'
import {
  ceilMinute,
  floorMinute,
  ROLLUP_MIN_RANGE_MS,
  rollupParams,
  splitAtMinutes,
  usesRollup,
} from './rollup-range'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const MIN = 60_000

describe('floorMinute / ceilMinute', () => {
  it('leave a minute boundary where it is', () => {
    expect(floorMinute(T0)).toBe(T0)
    expect(ceilMinute(T0)).toBe(T0)
  })

  it('round a time inside a minute down and up, to the millisecond', () => {
    expect(floorMinute(T0 + 1)).toBe(T0)
    expect(ceilMinute(T0 + 1)).toBe(T0 + MIN)
    expect(floorMinute(T0 + MIN - 1)).toBe(T0)
    expect(ceilMinute(T0 + MIN - 1)).toBe(T0 + MIN)
  })
})

describe('splitAtMinutes', () => {
  it('cuts ragged ends off the whole minutes', () => {
    expect(splitAtMinutes({ fromMs: T0 + 17_300, toMs: T0 + 5 * MIN + 41_700 })).toEqual({
      head: { fromMs: T0 + 17_300, toMs: T0 + MIN },
      interior: { fromMs: T0 + MIN, toMs: T0 + 5 * MIN },
      tail: { fromMs: T0 + 5 * MIN, toMs: T0 + 5 * MIN + 41_700 },
    })
  })

  it('leaves the head and tail empty for a minute-aligned range', () => {
    expect(splitAtMinutes({ fromMs: T0, toMs: T0 + 3 * MIN })).toEqual({
      head: { fromMs: T0, toMs: T0 },
      interior: { fromMs: T0, toMs: T0 + 3 * MIN },
      tail: { fromMs: T0 + 3 * MIN, toMs: T0 + 3 * MIN },
    })
  })

  it('keeps a range without a whole minute on the raw rows', () => {
    const inside = { fromMs: T0 + 1_000, toMs: T0 + 59_000 }
    const across = { fromMs: T0 + 30_000, toMs: T0 + MIN + 30_000 }
    for (const range of [inside, across]) {
      const split = splitAtMinutes(range)
      expect(split.head).toEqual(range)
      expect(split.interior.toMs - split.interior.fromMs).toBe(0)
      expect(split.interior.fromMs % MIN).toBe(0)
      expect(split.tail.toMs - split.tail.fromMs).toBe(0)
    }
  })

  it('covers every range exactly once, parts in order', () => {
    const ranges = [
      { fromMs: T0 + 1, toMs: T0 + 2 },
      { fromMs: T0 - 1, toMs: T0 + 1 },
      { fromMs: T0 + 59_999, toMs: T0 + 2 * MIN + 1 },
      { fromMs: T0 + 123, toMs: T0 + 2 * 86_400_000 + 456 },
    ]
    for (const range of ranges) {
      const { head, interior, tail } = splitAtMinutes(range)
      const width = (r: { fromMs: number; toMs: number }) => r.toMs - r.fromMs
      expect(width(head) + width(interior) + width(tail)).toBe(width(range))
      // The non-empty parts follow one another without a gap.
      const parts = [head, interior, tail].filter((p) => width(p) > 0)
      expect(parts[0]?.fromMs).toBe(range.fromMs)
      expect(parts.at(-1)?.toMs).toBe(range.toMs)
      for (let i = 1; i < parts.length; i++) expect(parts[i]?.fromMs).toBe(parts[i - 1]?.toMs)
      expect(interior.fromMs % MIN).toBe(0)
      expect(interior.toMs % MIN).toBe(0)
    }
  })
})

describe('rollupParams', () => {
  it('gives the raw edges in milliseconds and the rollup minutes in seconds', () => {
    expect(rollupParams({ fromMs: T0 + 17_300, toMs: T0 + 3 * MIN + 5 })).toEqual({
      headFromMs: T0 + 17_300,
      headToMs: T0 + MIN,
      tailFromMs: T0 + 3 * MIN,
      tailToMs: T0 + 3 * MIN + 5,
      minuteFrom: (T0 + MIN) / 1000,
      minuteTo: (T0 + 3 * MIN) / 1000,
    })
  })
})

describe('usesRollup', () => {
  it('takes the rollup from the threshold on, not before', () => {
    expect(usesRollup({ fromMs: T0, toMs: T0 + ROLLUP_MIN_RANGE_MS })).toBe(true)
    expect(usesRollup({ fromMs: T0, toMs: T0 + ROLLUP_MIN_RANGE_MS - 1 })).toBe(false)
  })
})
