/**
 * `pnpm bench:api` — the api's read latency at scale (issue 4, DESIGN.md "Performance budget").
 *
 * Seeds `BENCH_API_CALLS` calls (default 10 M, over 7 days, `pnpm seed`'s generator) into an
 * embedded engine, serves the real api on loopback, and times, with one sequential client
 * (latency, not throughput), p50 / p95 of:
 *  - `{ __typename }`: the baseline — HTTP, GraphQL and the (cached) token check, no storage read;
 *  - `overview` over the last day and the last 7 days (target p95 ≤ 150 ms);
 *  - one session's first 50 steps, a different session each run, read by an investigator
 *    (payloads, events, and the audit write of every payload read) (target p95 ≤ 50 ms);
 *  - one trace's span tree, a different trace each run (target p95 ≤ 50 ms);
 *  - provenance: the calls that read a URI over 7 days, popular and rare URIs in turn, and
 *    the sources behind one call (target p95 ≤ 100 ms).
 * Seeding once takes minutes: `BENCH_API_DIR=/some/dir` keeps the data for the next run
 * (reseeded only when the call count or seed differ).
 */
import 'reflect-metadata'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, createLogger, createMetricsRegistry, parseConfig } from '@tollgate/api'
import { IngestKeyStore } from '@tollgate/collector'
import { DAYS, PROJECT, samples, seededStorage, tokenFor } from './api/bench-data'
import { GraphqlClient } from './api/graphql-client'
import { type Latency, timeRuns } from './api/latency'

const CALLS = Number(process.env.BENCH_API_CALLS ?? 10_000_000)
const RUNS = Number(process.env.BENCH_API_RUNS ?? 60)
const WARMUP = 5
const DAY_MS = 86_400_000

interface Row {
  name: string
  latency: Latency
  /** p95 target in ms, when the design sets one. */
  target?: number
}

const OVERVIEW = `query($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  overview(projectId: $projectId, from: $from, to: $to) {
    calls errors denials errorRate denialRate p50Ms p95Ms bucketSeconds series { start calls errors denials p95Ms }
  }
}`
const SESSION = `query($projectId: ID!, $sessionId: String!) {
  session(projectId: $projectId, sessionId: $sessionId, first: 50) {
    sessionId calls denials errors nextCursor
    steps {
      step at durationMs traceId spanId method target userId agentId clientId tenant scopes outcome denialSource
      sideEffect approval input { state text bytes } output { state text bytes } injectionSuspected flagRules
      denials { kind resource reason inferred } sources { source uri asOf excludedCount filter { state text } }
      approvals { approvedBy shownParameters { state text } } redactedFields
    }
  }
}`
const TRACE = `query($projectId: ID!, $traceId: String!) {
  trace(projectId: $projectId, traceId: $traceId) {
    spanCount durationMs spans { spanId parentSpanId depth name kind offsetMs durationMs mcpMethod attributes { key value } }
  }
}`
const BY_URI = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $uri: String!) {
  provenanceByUri(projectId: $projectId, from: $from, to: $to, uri: $uri, first: 50) {
    items { at traceId spanId userId tenant scopes source uri asOf excludedCount } nextCursor
  }
}`
/** Dashboard lists with no design target: printed so the web's page budget (issue 5) can be judged. */
const SESSIONS = `query($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  sessions(projectId: $projectId, from: $from, to: $to, first: 50) {
    items { sessionId startedAt endedAt calls denials errors writes injectionSuspected users agents clients targets } nextCursor
  }
}`
const TOOLS = `query($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  tools(projectId: $projectId, from: $from, to: $to, first: 50) { items { serverName tool calls errors denials sideEffect misuseScore } }
}`
const DENIALS = `query($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  denials(projectId: $projectId, from: $from, to: $to, by: USER, top: 10) { denials explicit inferred auth series { start denials spike } groups { key denials } }
}`
const OF_CALL = `query($projectId: ID!, $traceId: String!, $spanId: String!) {
  provenanceOfCall(projectId: $projectId, traceId: $traceId, spanId: $spanId) { at source uri sourceTenant asOf excludedCount }
}`

function printTable(rows: readonly Row[], baseline: Latency): void {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  console.log(line(['query', 'p50 ms', 'p95 ms', 'max ms', 'p95 ÷ baseline', 'target p95', 'p95 ÷ target']))
  console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']))
  for (const { name, latency, target } of rows) {
    console.log(
      line([
        name,
        latency.p50.toFixed(1),
        latency.p95.toFixed(1),
        latency.max.toFixed(1),
        `${(latency.p95 / baseline.p95).toFixed(1)}×`,
        target === undefined ? '—' : `${target}`,
        target === undefined
          ? '—'
          : `${(latency.p95 / target).toFixed(2)}${latency.p95 <= target ? ' ✓' : ' ✗'}`,
      ]),
    )
  }
}

async function main(): Promise<void> {
  const keep = process.env.BENCH_API_DIR
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'tollgate-bench-api-'))
  mkdirSync(dir, { recursive: true })
  const { storage, endMs } = await seededStorage(dir, CALLS)
  const app = await createApp({
    config: parseConfig(
      { TOLLGATE_DATA_DIR: dir, TOLLGATE_OTLP_PORT: '0', TOLLGATE_API_PORT: '0' },
      { baseDir: dir },
    ),
    storage,
    logger: createLogger('silent'),
    registry: createMetricsRegistry(),
    keys: new IngestKeyStore(storage),
  })
  try {
    await app.listen(0, '127.0.0.1')
    const origin = await app.getUrl()
    const viewer = new GraphqlClient(origin, await tokenFor(storage, 'viewer', 'viewer'))
    const investigator = new GraphqlClient(origin, await tokenFor(storage, 'investigator', 'investigator'))
    const { sessions, calls, uris, topUriReads } = await samples(storage)
    const project = { projectId: PROJECT }
    const last = (days: number) => ({
      ...project,
      from: new Date(endMs - days * DAY_MS).toISOString(),
      to: new Date(endMs).toISOString(),
    })
    const pick = <T>(list: readonly T[], i: number) => list[(i + list.length * 8) % list.length] as T

    const baseline = await timeRuns(
      () => viewer.request('{ me { username } }', {}).then(() => undefined),
      RUNS,
      WARMUP,
    )
    const rows: Row[] = [
      { name: '`__typename` (baseline: HTTP, GraphQL, cached token check; no storage)', latency: baseline },
    ]
    const overview = (days: number) =>
      timeRuns(() => viewer.request(OVERVIEW, last(days)).then(() => undefined), RUNS, WARMUP)
    rows.push({ name: 'overview, last day', latency: await overview(1), target: 150 })
    rows.push({ name: 'overview, last 7 days', latency: await overview(7), target: 150 })
    rows.push({
      name: 'session: first 50 steps, payloads + audit (investigator)',
      latency: await timeRuns(
        (i) =>
          investigator.request(SESSION, { ...project, sessionId: pick(sessions, i) }).then(() => undefined),
        RUNS,
        WARMUP,
      ),
      target: 50,
    })
    rows.push({
      name: 'trace: span tree',
      latency: await timeRuns(
        (i) => viewer.request(TRACE, { ...project, traceId: pick(calls, i).trace_id }).then(() => undefined),
        RUNS,
        WARMUP,
      ),
      target: 50,
    })
    rows.push({
      name: `provenance by URI, 7 days (most read URI: ${topUriReads.toLocaleString('en')} reads)`,
      latency: await timeRuns(
        (i) => viewer.request(BY_URI, { ...last(7), uri: pick(uris, i) }).then(() => undefined),
        RUNS,
        WARMUP,
      ),
      target: 100,
    })
    rows.push({
      name: 'provenance of one call',
      latency: await timeRuns(
        (i) => viewer.request(OF_CALL, { ...project, ...pickCall(calls, i) }).then(() => undefined),
        RUNS,
        WARMUP,
      ),
      target: 100,
    })
    const list = (query: string) =>
      timeRuns(() => viewer.request(query, last(1)).then(() => undefined), RUNS, WARMUP)
    rows.push({ name: 'sessions list, last day (no target)', latency: await list(SESSIONS) })
    rows.push({ name: 'tools with misuse ranking, last day (no target)', latency: await list(TOOLS) })
    rows.push({ name: 'denials by user with series, last day (no target)', latency: await list(DENIALS) })
    console.log(
      `\napi read latency over ${CALLS.toLocaleString('en')} seeded calls (${DAYS} days), ${RUNS} runs each, one client, loopback HTTP\n`,
    )
    printTable(rows, baseline)
    const missed = rows.filter((r) => r.target !== undefined && r.latency.p95 > r.target)
    console.log(
      missed.length === 0 ? '\nevery target met' : `\nmissed: ${missed.map((r) => r.name).join('; ')}`,
    )
  } finally {
    await app.close()
    await storage.close()
    if (keep === undefined) rmSync(dir, { recursive: true, force: true })
  }
}

function pickCall(calls: ReadonlyArray<{ trace_id: string; span_id: string }>, i: number) {
  const call = calls[(i + calls.length * 8) % calls.length] as { trace_id: string; span_id: string }
  return { traceId: call.trace_id, spanId: call.span_id }
}

await main()
