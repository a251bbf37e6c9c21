import { performance } from 'node:perf_hooks'

/** Latency figures of one measured query, in milliseconds. */
export interface Latency {
  runs: number
  p50: number
  p95: number
  max: number
}

/** The `q`-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(q * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number
}

/**
 * Times `runs` sequential calls of `once` (one client, closed loop: latency, not throughput)
 * after `warmup` untimed ones. `once(i)` gets the run number, to vary its arguments.
 */
export async function timeRuns(
  once: (i: number) => Promise<void>,
  runs: number,
  warmup: number,
): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await once(-1 - i)
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await once(i)
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { runs, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: samples.at(-1) as number }
}
