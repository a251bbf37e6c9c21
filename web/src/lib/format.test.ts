import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatChange,
  formatCount,
  formatDuration,
  formatPercent,
  formatTick,
  formatTimestamp,
  MISSING,
} from './format'

describe('formatCount', () => {
  it('groups thousands, and is compact only from 10,000 when asked', () => {
    expect(formatCount(1234)).toBe('1,234')
    expect(formatCount(9999, { compact: true })).toBe('9,999')
    expect(formatCount(12_345, { compact: true })).toBe('12.3K')
    expect(formatCount(4_560_000, { compact: true })).toBe('4.6M')
    expect(formatCount(0)).toBe('0')
  })
})

describe('formatPercent', () => {
  it.each([
    [0, '0%'],
    [0.0004, '<0.1%'],
    [0.032, '3.2%'],
    [0.25, '25%'],
    [1, '100%'],
  ])('writes %d as %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text)
  })
})

describe('formatDuration', () => {
  it.each([
    [0.42, '0.42 ms'],
    [3.25, '3.3 ms'],
    [12.4, '12 ms'],
    [1500, '1.5 s'],
    [150_000, '2.5 min'],
    [4_320_000, '1.2 h'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('formatBytes', () => {
  it('writes zero plainly (a chart axis starts there)', () => {
    expect(formatDuration(0)).toBe('0 ms')
  })

  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB')
  })
})

describe('formatChange', () => {
  it('says how many times for a change past ten-fold', () => {
    expect(formatChange(19_997, 3)).toEqual({ text: '×6,666', direction: 'up' })
    expect(formatChange(500_000, 2)).toEqual({ text: '×250K', direction: 'up' })
    expect(formatChange(110, 10)).toEqual({ text: '×11', direction: 'up' })
    expect(formatChange(100, 10)).toEqual({ text: '+900%', direction: 'up' })
  })

  it('is relative to the previous period, with a real minus sign', () => {
    expect(formatChange(112, 100)).toEqual({ text: '+12%', direction: 'up' })
    expect(formatChange(96.6, 100)).toEqual({ text: '−3.4%', direction: 'down' })
    expect(formatChange(100, 100)).toEqual({ text: '±0%', direction: 'flat' })
  })

  it('says new when there was nothing before, and nothing when a side is missing', () => {
    expect(formatChange(5, 0)).toEqual({ text: 'new', direction: 'new' })
    expect(formatChange(0, 0)).toEqual({ text: '±0%', direction: 'flat' })
    expect(formatChange(5, null)).toEqual({ text: MISSING, direction: 'none' })
  })
})

describe('missing values', () => {
  it('are shown as missing, never as zero', () => {
    for (const format of [formatCount, formatPercent, formatDuration, formatBytes]) {
      expect(format(null)).toBe(MISSING)
      expect(format(undefined)).toBe(MISSING)
      expect(format(Number.NaN)).toBe(MISSING)
    }
  })
})

describe('formatTimestamp', () => {
  it('writes an instant in UTC to the second', () => {
    expect(formatTimestamp('2026-11-21T14:03:05.123Z')).toBe('2026-11-21 14:03:05')
    expect(formatTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05')
  })

  it('shows a missing or unreadable time as missing', () => {
    expect(formatTimestamp(null)).toBe(MISSING)
    expect(formatTimestamp('not a date')).toBe(MISSING)
  })
})

describe('formatTick', () => {
  const t = Date.UTC(2026, 10, 21, 14, 5)
  it('shows the time of day for short windows, the date for long ones', () => {
    expect(formatTick(t, 86_400_000)).toBe('14:05')
    expect(formatTick(t, 7 * 86_400_000)).toBe('11-21 14:05')
    expect(formatTick(t, 30 * 86_400_000)).toBe('11-21')
  })
})
