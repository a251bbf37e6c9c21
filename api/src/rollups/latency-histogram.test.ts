import { describe, expect, it } from 'vitest'
import {
  BUCKETS_PER_OCTAVE,
  bucketBounds,
  histogramQuantile,
  LAST_BUCKET,
  type LatencyHistogram,
  latencyBucket,
  mergeHistograms,
} from './latency-histogram'

/** The histogram of `durations` (ns), as the rollup and the raw edges build it. */
function histogramOf(durations: readonly number[]): LatencyHistogram {
  const counts = new Map<number, number>()
  for (const d of durations) counts.set(latencyBucket(d), (counts.get(latencyBucket(d)) ?? 0) + 1)
  return { counts, minNs: Math.min(...durations), maxNs: Math.max(...durations) }
}

/** The order statistic the quantile's rank falls on (`quantile`'s lower neighbour). */
function orderStatistic(durations: readonly number[], p: number): number {
  const sorted = [...durations].sort((a, b) => a - b)
  return sorted[Math.floor(p * (sorted.length - 1))] as number
}

const RATIO = 2 ** (1 / BUCKETS_PER_OCTAVE)

describe('latencyBucket / bucketBounds', () => {
  it('puts sub-microsecond durations in bucket 0 and doubles every 16 buckets from 1 µs', () => {
    expect(latencyBucket(0)).toBe(0)
    expect(latencyBucket(999)).toBe(0)
    expect(latencyBucket(1_000)).toBe(1)
    expect(latencyBucket(1_999)).toBe(16)
    expect(latencyBucket(2_000)).toBe(17)
    expect(latencyBucket(1_024_000)).toBe(161)
    expect(bucketBounds(0)).toEqual([0, 1_000])
    expect(bucketBounds(17)).toEqual([2_000, 2_000 * RATIO])
  })

  it('keeps everything from about 17 minutes on in the last bucket', () => {
    const [lastFrom, lastTo] = bucketBounds(LAST_BUCKET)
    expect(lastFrom / 1e9 / 60).toBeCloseTo(17.1, 1)
    expect(lastTo).toBe(Number.POSITIVE_INFINITY)
    expect(latencyBucket(lastFrom * 1.0001)).toBe(LAST_BUCKET)
    expect(latencyBucket(3_600e9)).toBe(LAST_BUCKET)
  })

  it('places every duration inside its bucket’s bounds', () => {
    for (let d = 1; d < 2e12; d = Math.ceil(d * 1.37)) {
      const [lower, upper] = bucketBounds(latencyBucket(d))
      expect(d, String(d)).toBeGreaterThanOrEqual(lower * (1 - 1e-12))
      expect(d, String(d)).toBeLessThan(upper * (1 + 1e-12))
    }
  })
})

describe('histogramQuantile', () => {
  it('is null for an empty histogram', () => {
    expect(histogramQuantile({ counts: new Map(), minNs: 0, maxNs: 0 }, 0.5)).toBeNull()
  })

  it('gives the one value of a single call, and the extremes at p = 0 and 1', () => {
    expect(histogramQuantile(histogramOf([42_000_000]), 0.5)).toBe(42_000_000)
    const h = histogramOf([3e6, 5e6, 8e6, 13e6])
    expect(histogramQuantile(h, 0)).toBe(3e6)
    expect(histogramQuantile(h, 1)).toBe(13e6)
  })

  it('stays within one bucket width of the order statistic at its rank', () => {
    // Log-normal-ish durations from a fixed sequence: 1 ms … 2 s.
    const durations = Array.from({ length: 5_000 }, (_, i) => 1e6 * 2000 ** (((i * 0.618034) % 1) ** 2))
    const h = histogramOf(durations)
    for (const p of [0.01, 0.25, 0.5, 0.9, 0.95, 0.99]) {
      const exact = orderStatistic(durations, p)
      const estimate = histogramQuantile(h, p) as number
      expect(Math.abs(estimate / exact - 1), `p${p}`).toBeLessThan(RATIO - 1)
    }
  })

  it('interpolates inside a bucket rather than returning its bounds', () => {
    // 100 calls evenly spread over one bucket: the median lands near the bucket's middle.
    const [lower, upper] = bucketBounds(300)
    const durations = Array.from({ length: 100 }, (_, i) => lower * (upper / lower) ** ((i + 0.5) / 100))
    const estimate = histogramQuantile(histogramOf(durations), 0.5) as number
    expect(Math.abs(estimate / orderStatistic(durations, 0.5) - 1)).toBeLessThan(0.002)
  })

  it('counts merged histograms as one', () => {
    const a = [1e6, 2e6, 3e6]
    const b = [40e6, 50e6]
    const merged = mergeHistograms([histogramOf(a), histogramOf(b)])
    expect(merged).toEqual(histogramOf([...a, ...b]))
    expect(merged.minNs).toBe(1e6)
    expect(merged.maxNs).toBe(50e6)
  })
})
