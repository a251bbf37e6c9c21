/**
 * `pnpm bench:sdk` — what @tollgate/sdk costs a server: `tools/call` round trips over the MCP
 * SDK's InMemoryTransport, bare vs instrumented (capture + redaction on, batch export to a
 * loopback collector), beside a minimal hand-written OTel span and the peers that instrument the
 * same server: Sentry's `wrapMcpServerWithSentry`, `@traceloop/instrumentation-mcp`,
 * `@shinzolabs/instrumentation-mcp`.
 *
 * Peers patch process-wide (prototypes, global providers, Sentry's integrations), so each group
 * runs in its own child process (sdk-peers/child.ts) with the same harness and its own bare,
 * one process at a time; within a process, variants run interleaved. This process only hosts the
 * collector, which counts the spans each variant delivered. Target (DESIGN.md): tollgate ≤ 1.5×
 * bare and ≤ the lowest peer.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { GroupResult } from './sdk-peers/harness'
import { type Outcome, printReport } from './sdk-peers/report'
import { startSink } from './sdk-peers/sink'

const CALLS = Number(process.env.BENCH_CALLS ?? 2000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const WARMUP = 200
/** `BENCH_GROUPS=main,sentry` runs a subset. */
const GROUPS = (process.env.BENCH_GROUPS ?? 'main,sentry,traceloop,shinzolabs').split(',')
/** A child that has not reported by then is reported as n/a, not waited for. */
const CHILD_TIMEOUT_MS = 120_000

function runChild(group: string, sink: string): Promise<Outcome> {
  // A round's spans (and warm-up's) fit the queue: a flush follows every round.
  const queueSize = Math.max(2048, 2 * Math.max(CALLS, WARMUP))
  const child = fork(
    fileURLToPath(new URL('./sdk-peers/child.ts', import.meta.url)),
    [group, sink, String(ROUNDS), String(CALLS), String(WARMUP), String(queueSize)],
    {
      execArgv: ['--conditions=tollgate-source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    process.stderr.write(chunk)
  })
  return new Promise((resolve) => {
    let result: GroupResult | undefined
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS)
    child.on('message', (message) => {
      result = message as GroupResult
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      const lastLine = stderr.trim().split('\n').at(-1) ?? ''
      const failure = signal === null ? `exited ${code}: ${lastLine}` : `killed after ${CHILD_TIMEOUT_MS} ms`
      resolve(result === undefined ? { group, failure } : { group, result })
    })
  })
}

async function main(): Promise<void> {
  const sink = await startSink()
  const outcomes: Outcome[] = []
  // One at a time: concurrent processes would compete for the same cores.
  for (const group of GROUPS) outcomes.push(await runChild(group, sink.base))
  printReport(outcomes, sink.received, { rounds: ROUNDS, calls: CALLS })
  sink.close()
}

await main()
