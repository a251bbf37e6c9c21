import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DriverName } from './apps'

/** One round's figures for one query on one driver. */
export interface RoundFigures {
  requestsPerSecond: number
  p50Ms: number
  p95Ms: number
  /**
   * The apps' event loop busy time per answer, in µs: the main-thread cost of a request (HTTP,
   * Nest, the driver, the resolver, and the engine binding's main-thread part), however long
   * the client or the engine's own threads keep the loop waiting.
   */
  loopUsPerRequest: number
}

/** Figures of one round from its latencies (ms), wall time and the event loop's busy time meanwhile. */
export function roundFigures(
  latenciesMs: Float64Array,
  elapsedMs: number,
  loopActiveMs: number,
): RoundFigures {
  const sorted = Float64Array.from(latenciesMs).sort()
  return {
    requestsPerSecond: (sorted.length / elapsedMs) * 1000,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    loopUsPerRequest: (loopActiveMs * 1000) / sorted.length,
  }
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Per-figure medians over rounds. */
function medianFigures(rounds: readonly RoundFigures[]): RoundFigures {
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p95Ms: median(rounds.map((r) => r.p95Ms)),
    loopUsPerRequest: median(rounds.map((r) => r.loopUsPerRequest)),
  }
}

/** A query's medians per driver, and the spread of Mercurius ÷ Apollo req/s over the (paired) rounds. */
export interface QueryResult {
  name: string
  figures: Record<DriverName, RoundFigures>
  roundRatios: { min: number; max: number }
}

/** A query's result from its rounds (round `i` of each driver ran back to back). */
export function queryResult(name: string, rounds: Record<DriverName, readonly RoundFigures[]>): QueryResult {
  const ratios = rounds.mercurius.map(
    (m, i) => m.requestsPerSecond / (rounds.apollo[i] as RoundFigures).requestsPerSecond,
  )
  return {
    name,
    figures: { mercurius: medianFigures(rounds.mercurius), apollo: medianFigures(rounds.apollo) },
    roundRatios: { min: Math.min(...ratios), max: Math.max(...ratios) },
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => n.toFixed(2)
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

/** The results table: each query's medians per driver, then Mercurius ÷ Apollo. */
export function printTable(results: readonly QueryResult[]): void {
  const line = (query: string, driver: string, figures: readonly string[], spread = '') =>
    console.log(
      `${query.padEnd(24)} ${driver.padEnd(10)} ${figures.map((f) => f.padStart(9)).join(' ')}   ${spread}`.trimEnd(),
    )
  line('query', 'driver', ['req/s', 'p50 ms', 'p95 ms', 'loop µs'], 'req/s M ÷ A per round')
  for (const { name, figures, roundRatios } of results) {
    const { mercurius: m, apollo: a } = figures
    const values = (f: RoundFigures) => [
      int(f.requestsPerSecond),
      ms(f.p50Ms),
      ms(f.p95Ms),
      int(f.loopUsPerRequest),
    ]
    line(name, 'mercurius', values(m))
    line('', 'apollo', values(a))
    const ratios = [
      ratio(m.requestsPerSecond, a.requestsPerSecond),
      ratio(m.p50Ms, a.p50Ms),
      ratio(m.p95Ms, a.p95Ms),
      ratio(m.loopUsPerRequest, a.loopUsPerRequest),
    ]
    line('', 'M ÷ A', ratios, `${roundRatios.min.toFixed(2)}–${ratio(roundRatios.max, 1)}`)
  }
}

/** Mercurius's event-loop time per request as a share of Apollo's ("0.45×"). */
function loop(result: QueryResult): string {
  return ratio(result.figures.mercurius.loopUsPerRequest, result.figures.apollo.loopUsPerRequest)
}

/** A query's req/s ratio as the verdict quotes it: "≈ 1" when the rounds disagree on the sign. */
function describeRatio(result: QueryResult): string {
  const { mercurius, apollo } = result.figures
  const { min, max } = result.roundRatios
  const median = (mercurius.requestsPerSecond / apollo.requestsPerSecond).toFixed(2)
  return min <= 1 && max >= 1
    ? `req/s ≈ 1 on ${result.name} (${median}×, rounds ${min.toFixed(2)}–${max.toFixed(2)}×)`
    : `${median}× req/s on ${result.name}`
}

/**
 * One line: which driver, decided by the driver-only query (the first), with the overview
 * queries' ratios as context (where the engine's time dominates, the driver hardly shows).
 */
export function verdict(results: readonly QueryResult[]): string {
  const [ping, ...overviews] = results
  if (ping === undefined) return 'Verdict: nothing measured'
  const ratio = ping.figures.mercurius.requestsPerSecond / ping.figures.apollo.requestsPerSecond
  const rest = overviews.map(describeRatio).join(', ')
  const spread = `rounds ${ping.roundRatios.min.toFixed(2)}–${ping.roundRatios.max.toFixed(2)}×`
  if (ratio >= 1.05 && ping.roundRatios.min > 1) {
    return `Verdict: Mercurius: ${ratio.toFixed(2)}× Apollo's requests/s on driver overhead alone (${ping.name}; ${spread}) with ${loop(ping)} Apollo's event-loop time per request; ${rest}. Keep @nestjs/mercurius.`
  }
  if (ratio <= 0.95 && ping.roundRatios.max < 1) {
    return `Verdict: Apollo: Mercurius reaches only ${ratio.toFixed(2)}× Apollo's requests/s on driver overhead (${ping.name}; ${spread}) with ${loop(ping)} Apollo's event-loop time per request; ${rest}. Switch to @nestjs/apollo.`
  }
  return `Verdict: no difference beyond noise (${ratio.toFixed(2)}× on ${ping.name}; ${spread}; ${rest}); keep Mercurius, the Fastify-native driver already in place.`
}

/** `name@version` of each package as resolved from the bench (walks up from its entry to its package.json). */
export function versions(names: readonly string[]): string {
  const require = createRequire(import.meta.url)
  return names
    .map((name) => {
      let dir = dirname(require.resolve(name))
      while (!existsSync(join(dir, 'package.json')) || readName(dir) !== name) {
        const parent = dirname(dir)
        if (parent === dir) return `${name}@?`
        dir = parent
      }
      return `${name}@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version}`
    })
    .join(' ')
}

function readName(dir: string): string | undefined {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name
}
