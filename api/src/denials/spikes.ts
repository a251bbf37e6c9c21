/** Fewest denials a bucket needs before it can be a spike: three stray refusals are not an incident. */
export const SPIKE_MIN_DENIALS = 3
/** How many standard deviations above the other buckets' mean a spike sits. */
export const SPIKE_SIGMAS = 3

/**
 * Marks the buckets whose denials stand far above the rest of the range: at least
 * {@link SPIKE_MIN_DENIALS}, and above the mean + {@link SPIKE_SIGMAS}·σ of the *other*
 * buckets (empty buckets count as zero), so one burst cannot hide itself by raising the bar.
 * σ is at least √mean, the noise of a count (Poisson): a steady level that happens to vary
 * little does not turn every small wobble into a spike.
 * `denials` lists every bucket of the range, empty ones included.
 */
export function spikeFlags(denials: readonly number[]): boolean[] {
  const n = denials.length
  const sum = denials.reduce((a, b) => a + b, 0)
  const squares = denials.reduce((a, b) => a + b * b, 0)
  return denials.map((value) => {
    if (value < SPIKE_MIN_DENIALS || n < 2) return false
    const mean = (sum - value) / (n - 1)
    const variance = Math.max(0, (squares - value * value) / (n - 1) - mean * mean)
    const sigma = Math.max(Math.sqrt(variance), Math.sqrt(mean))
    return value > mean + SPIKE_SIGMAS * sigma
  })
}
