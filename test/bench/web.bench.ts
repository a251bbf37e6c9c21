/**
 * `pnpm bench:web` — how fast the dashboard's pages render at scale (issue 5: a page on 10 M
 * seeded calls renders, server response, in under a second).
 *
 * Serves the real api on `bench:api`'s data (`BENCH_API_DIR`, seeded if missing, default
 * 10 M calls over 7 days) and the production web build (`next start`) in front of it, signs
 * in with a password as the web does, and times with one sequential client the whole
 * server response (every streamed Suspense boundary, to the last byte) of each page. The
 * baseline is the login page: the web's own cost with no api read.
 */
import 'reflect-metadata'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, createLogger, createMetricsRegistry, parseConfig } from '@tollgate/api'
import { IngestKeyStore } from '@tollgate/collector'
import { freePort, REPO_ROOT } from '../support/spawn-server'
import { PROJECT, passwordUser, samples, seededStorage } from './api/bench-data'
import { type Latency, timeRuns } from './api/latency'

const CALLS = Number(process.env.BENCH_API_CALLS ?? 10_000_000)
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 20)
const WARMUP = 3
const TARGET_MS = 1000
const DAY_MS = 86_400_000
const WEB_DIR = join(REPO_ROOT, 'web')
const NEXT_BIN = join(WEB_DIR, 'node_modules', 'next', 'dist', 'bin', 'next')
const USER = { username: 'bench-web', password: 'bench-web-password-1' }

async function startWeb(apiPort: number): Promise<{ child: ChildProcess; origin: string }> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TOLLGATE_API_PORT: String(apiPort) }
  if (process.env.TOLLGATE_WEB_PREBUILT !== '1') {
    process.stderr.write('building the web (next build)…\n')
    execFileSync(process.execPath, [NEXT_BIN, 'build'], {
      cwd: WEB_DIR,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
  const port = await freePort()
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env,
    stdio: 'ignore',
  })
  const origin = `http://127.0.0.1:${port}`
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (
      await fetch(`${origin}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, origin }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error('the web did not start within 60 s')
}

/** Signs in through the api's `login` and returns the Cookie header the browser would send the web. */
async function signIn(apiOrigin: string): Promise<string> {
  const response = await fetch(`${apiOrigin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { csrfToken } }',
      variables: { u: USER.username, p: USER.password },
    }),
  })
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0])
  if (cookies.length < 2) throw new Error(`sign-in failed: ${await response.text()}`)
  return cookies.join('; ')
}

/** GETs a page to its last byte; fails on anything but 200 or on the web's error boundary. */
async function render(origin: string, path: string, cookie: string): Promise<void> {
  const response = await fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' })
  const html = await response.text()
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`)
  if (html.includes('This view could not be loaded')) throw new Error(`${path}: rendered the error boundary`)
}

async function main(): Promise<void> {
  const keep = process.env.BENCH_API_DIR
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'tollgate-bench-web-'))
  mkdirSync(dir, { recursive: true })
  const { storage, endMs } = await seededStorage(dir, CALLS)
  await passwordUser(storage, USER.username, USER.password, 'investigator')
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
  let web: ChildProcess | undefined
  try {
    await app.listen(0, '127.0.0.1')
    const apiOrigin = await app.getUrl()
    const started = await startWeb(Number(new URL(apiOrigin).port))
    web = started.child
    const cookie = await signIn(apiOrigin)
    const { sessions, calls, uris } = await samples(storage)
    const range = (days: number) =>
      new URLSearchParams({
        from: new Date(endMs - days * DAY_MS).toISOString(),
        to: new Date(endMs).toISOString(),
      }).toString()
    const page = (path: string) => () => render(started.origin, path, cookie)
    const pick = <T>(list: readonly T[], i: number) => list[(i + list.length * 8) % list.length] as T
    const p = `/${PROJECT}`
    const pages: [string, (i: number) => Promise<void>][] = [
      ['login page (baseline: no api read)', () => render(started.origin, '/login', '')],
      ['Overview, last day', page(`${p}/overview?${range(1)}`)],
      ['Overview, last 7 days', page(`${p}/overview?${range(7)}`)],
      ['Tools, last day', page(`${p}/tools?${range(1)}`)],
      ['Denials, last day', page(`${p}/denials?${range(1)}`)],
      ['Sessions, last day', page(`${p}/sessions?${range(1)}`)],
      ['Sessions with a denial, last day', page(`${p}/sessions?${range(1)}&outcome=DENIED`)],
      [
        'Session timeline (investigator: payloads + audit)',
        (i) => render(started.origin, `${p}/sessions/${encodeURIComponent(pick(sessions, i))}`, cookie),
      ],
      ['Trace waterfall', (i) => render(started.origin, `${p}/traces/${pick(calls, i).trace_id}`, cookie)],
      // A tool whose input schema the seed changes: the page also draws its definition diff.
      [
        'Tool page (crm/search_accounts), last day',
        page(`${p}/tools/search_accounts?${range(1)}&server=crm`),
      ],
      ['Principals (users), last day', page(`${p}/principals?${range(1)}`)],
      [
        'Provenance by URI, most-read URI, 7 days',
        page(`${p}/provenance?${range(7)}&uri=${encodeURIComponent(uris[0] ?? '')}`),
      ],
      [
        'Provenance of one call',
        (i) => {
          const call = pick(calls, i)
          return render(started.origin, `${p}/provenance?trace=${call.trace_id}&span=${call.span_id}`, cookie)
        },
      ],
    ]
    const rows: { name: string; latency: Latency }[] = []
    for (const [name, once] of pages) rows.push({ name, latency: await timeRuns(once, RUNS, WARMUP) })
    const baseline = rows[0]!.latency
    console.log(
      `\ndashboard page render (whole server response) over ${CALLS.toLocaleString('en')} seeded calls, ${RUNS} runs each, one client, loopback\n`,
    )
    console.log('| page | p50 ms | p95 ms | max ms | p95 ÷ baseline | p95 ÷ target (1000 ms) |')
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
    for (const { name, latency } of rows) {
      const ok = latency.p95 <= TARGET_MS ? ' ✓' : ' ✗'
      console.log(
        `| ${name} | ${latency.p50.toFixed(0)} | ${latency.p95.toFixed(0)} | ${latency.max.toFixed(0)} | ${(latency.p95 / baseline.p95).toFixed(1)}× | ${(latency.p95 / TARGET_MS).toFixed(2)}${ok} |`,
      )
    }
    const missed = rows.filter((r) => r.latency.p95 > TARGET_MS)
    console.log(
      missed.length === 0
        ? '\nevery page under a second'
        : `\nover a second: ${missed.map((r) => r.name).join('; ')}`,
    )
  } finally {
    web?.kill('SIGTERM')
    await app.close()
    await storage.close()
    if (keep === undefined) rmSync(dir, { recursive: true, force: true })
  }
}

await main()
