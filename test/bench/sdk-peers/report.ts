/**
 * The printed table of `bench:sdk`: per process its own bare, then each variant's median µs per
 * call, its ratio to that bare, and the spans the collector received for its calls.
 */
import type { GroupResult } from './harness'
import { median } from './harness'
import type { Received } from './sink'

export interface Outcome {
  group: string
  result?: GroupResult
  /** Why the whole process produced no figure. */
  failure?: string
}

interface Row {
  name: string
  ratio: number
}

export function printReport(
  outcomes: Outcome[],
  received: (key: string) => Received,
  header: { rounds: number; calls: number },
): void {
  console.log(
    `tools/call round trip, InMemoryTransport, ${header.rounds} rounds × ${header.calls} calls, median per call. ` +
      '"request path": what the client waits for; "with deferred work": the round also drains the event loop ' +
      'and flushes exports, so work done after the response is paid too. One process per group; ratios to the bare of the same process.',
  )
  console.log(`  ${''.padEnd(32)} ${'request path'.padStart(21)}   ${'with deferred work'.padStart(21)}`)
  const peers: Row[] = []
  let tollgate: number | undefined
  for (const { group, result, failure } of outcomes) {
    console.log(`  [${group}]`)
    if (result === undefined) {
      console.log(`  n/a: ${group}: ${failure ?? 'no result'}`)
      continue
    }
    const bareResult = result.results.find((r) => r.name === 'bare')
    const bare = median(bareResult?.samples ?? [])
    const barePath = median(bareResult?.pathSamples ?? [])
    for (const r of result.results) {
      const us = median(r.samples)
      const path = median(r.pathSamples)
      const exported = r.sinkKey === undefined ? undefined : received(r.sinkKey)
      if (exported !== undefined && r.peer && exported.spans === 0) {
        console.log(
          `  ${r.name.padEnd(32)} n/a: exported no spans to the collector (${us.toFixed(1)} µs measured)`,
        )
        continue
      }
      const spans =
        exported === undefined
          ? ''
          : `   ${exported.spans} spans for ${result.callsPerVariant} calls, ${(exported.bytes / 1024 / 1024).toFixed(1)} MiB`
      const cell = (value: number, base: number) =>
        `${value.toFixed(1).padStart(7)} µs ${(value / base).toFixed(2).padStart(5)}× bare`
      console.log(`  ${r.name.padEnd(32)} ${cell(path, barePath)}   ${cell(us, bare)}${spans}`)
      if (r.peer) peers.push({ name: r.name, ratio: path / barePath })
      if (r.name === 'tollgate') tollgate = path / barePath
    }
    for (const note of result.notes) console.log(`  ${note}`)
  }
  const lowest = peers.sort((a, b) => a.ratio - b.ratio)[0]
  console.log(
    lowest === undefined
      ? 'lowest of the peers: n/a (no peer measured)'
      : `lowest of the peers (request path): ${lowest.name} ${lowest.ratio.toFixed(2)}× bare`,
  )
  const bound = Math.min(1.5, lowest?.ratio ?? 1.5)
  const verdict =
    tollgate === undefined
      ? 'not measured'
      : `${tollgate.toFixed(2)}× → ${tollgate <= bound ? 'met' : 'NOT met'}`
  console.log(
    `target (request path): tollgate ≤ 1.5× bare and ≤ the lowest peer (${bound.toFixed(2)}×): ${verdict}`,
  )
}
