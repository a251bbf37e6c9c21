import { type ChildProcess, spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dropListeningBanner, dropRepeatedProgress } from '../../deploy/local/launcher/processes'
import { dialableHost, parseStartSettings } from '../../deploy/local/launcher/settings'
import { newestMtimeMs, webBuildIsStale } from '../../deploy/local/launcher/web-build'
import { freePort, REPO_ROOT } from '../support/spawn-server'

describe('pnpm start: when the dashboard needs a build', () => {
  it('builds when there is no build, or an input is newer than BUILD_ID', () => {
    expect(webBuildIsStale(undefined, 1_000)).toBe(true)
    expect(webBuildIsStale(undefined, undefined)).toBe(true)
    expect(webBuildIsStale(2_000, 1_000)).toBe(false)
    expect(webBuildIsStale(2_000, 2_000)).toBe(false)
    expect(webBuildIsStale(2_000, 2_001)).toBe(true)
    expect(webBuildIsStale(2_000, undefined)).toBe(false)
  })

  it('finds the newest file under directories, skipping node_modules and dot-folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-mtime-'))
    try {
      const file = (path: string, seconds: number) => {
        mkdirSync(join(dir, path, '..'), { recursive: true })
        writeFileSync(join(dir, path), 'x')
        utimesSync(join(dir, path), seconds, seconds)
      }
      file('src/app/page.tsx', 1_000)
      file('src/lib/deep/format.ts', 3_000)
      file('src/node_modules/pkg/index.js', 9_000)
      file('src/.cache/blob', 9_000)
      file('next.config.ts', 2_000)
      expect(await newestMtimeMs([join(dir, 'src'), join(dir, 'next.config.ts')])).toBe(3_000_000)
      expect(await newestMtimeMs([join(dir, 'next.config.ts'), join(dir, 'missing')])).toBe(2_000_000)
      expect(await newestMtimeMs([join(dir, 'missing')])).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('pnpm start: settings and output filters', () => {
  it('resolves the data directory like the server and dials bind-all hosts on loopback', () => {
    const s = parseStartSettings({ TOLLGATE_HOST: '0.0.0.0', TOLLGATE_API_PORT: '4100' }, '/repo')
    expect(s.dataDir).toBe('/repo/.tollgate/data')
    expect(s.ports).toEqual({ otlp: 4318, api: 4100, web: 3000 })
    expect(s.apiGraphqlUrl).toBe('http://127.0.0.1:4100/graphql')
    expect(s.demo).toBe(true)
    expect(s.embedded).toBe(true)
    expect(parseStartSettings({ TOLLGATE_DEMO: '0', CLICKHOUSE_URL: 'http://ch:8123' }, '/r')).toMatchObject({
      demo: false,
      embedded: false,
    })
    expect(() => parseStartSettings({ TOLLGATE_WEB_PORT: '70000', TOLLGATE_DEMO: 'yes' }, '/r')).toThrow(
      /TOLLGATE_WEB_PORT: must be a port number[\s\S]*TOLLGATE_DEMO: must be 0 or 1/,
    )
    expect(dialableHost('::')).toBe('[::1]')
    expect(dialableHost('fe80::1')).toBe('[fe80::1]')
    expect(dialableHost('10.0.0.5')).toBe('10.0.0.5')
  })

  it('drops the set-up run’s listening banner but keeps the credentials block', () => {
    const keep = dropListeningBanner()
    const lines = [
      '┌──┐',
      '│ Admin password x │',
      '└──┘',
      'Tollgate is running (bound to 127.0.0.1)',
      '  API   http://x',
      '  metrics http://y',
      'later line',
    ]
    expect(lines.filter(keep)).toEqual(['┌──┐', '│ Admin password x │', '└──┘', 'later line'])
  })

  it('drops seed progress lines that repeat the previous count', () => {
    const keep = dropRepeatedProgress()
    const lines = [
      'seeding 50,000 calls',
      '40,015 / 50,000 calls (80%) · 2,300 calls/s',
      '40,015 / 50,000 calls (80%) · 2,175 calls/s',
      '44,015 / 50,000 calls (88%) · 1,265 calls/s',
      'seeded 50,000 calls',
    ]
    expect(lines.filter(keep)).toEqual([lines[0], lines[1], lines[3], lines[4]])
  })
})

/** The launcher as `pnpm start` runs it, with its stderr collected. */
interface Launch {
  child: ChildProcess
  stderr(): string
  stdout(): string
  exited: Promise<number | null>
}

function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'deploy/local/start.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let stdout = ''
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, stderr: () => stderr, stdout: () => stdout, exited }
}

async function waitForOutput(run: Launch, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const match = pattern.exec(run.stderr())
    if (match !== null) return match
    if (run.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no ${pattern} in the launcher's output (exit ${run.child.exitCode}):\n${run.stderr()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** Every live descendant of `pid` (Linux /proc), with its command line. */
function descendants(pid: number): { pid: number; cmd: string }[] {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parentOf.set(Number(entry), ppid)
    } catch {
      // exited meanwhile
    }
  }
  const found: { pid: number; cmd: string }[] = []
  const visit = (parent: number) => {
    for (const [child, ppid] of parentOf) {
      if (ppid !== parent) continue
      let cmd = ''
      try {
        cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ')
      } catch {}
      found.push({ pid: child, cmd })
      visit(child)
    }
  }
  visit(pid)
  return found
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    // A zombie still answers signal 0; it is gone for our purposes.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')
  } catch {
    return false
  }
}

async function graphql<T>(apiUrl: string, token: string, query: string): Promise<T> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  })
  const body = (await response.json()) as { data?: T; errors?: unknown }
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors))
  return body.data as T
}

async function overviewCalls(apiUrl: string, token: string, sinceMs: number): Promise<number> {
  const from = new Date(Date.now() - sinceMs).toISOString()
  const to = new Date(Date.now() + 60_000).toISOString()
  const data = await graphql<{ overview: { calls: number } }>(
    apiUrl,
    token,
    `{ overview(projectId: "default", from: "${from}", to: "${to}") { calls } }`,
  )
  return data.overview.calls
}

describe('pnpm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-start-'))
  const dataDir = join(dir, 'data')
  const running: Launch[] = []
  afterAll(() => {
    for (const run of running) {
      for (const d of descendants(run.child.pid ?? -1)) {
        try {
          process.kill(d.pid, 'SIGKILL')
        } catch {}
      }
      run.child.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs server, web and demo traffic on a fresh data directory, then stops them all on SIGTERM', async () => {
    const [otlp, api, web] = [await freePort(), await freePort(), await freePort()]
    const ports = {
      TOLLGATE_OTLP_PORT: String(otlp),
      TOLLGATE_API_PORT: String(api),
      TOLLGATE_WEB_PORT: String(web),
    }
    const run = launch({ TOLLGATE_DATA_DIR: dataDir, ...ports })
    running.push(run)
    const [, dashboardUrl] = await waitForOutput(run, /Dashboard\s+(http:\/\/\S+)/, 170_000)
    expect(dashboardUrl).toBe(`http://127.0.0.1:${web}`)

    // The first start's credentials were printed once, and the secrets file holds them.
    const secretsPath = join(dataDir, 'first-run-secrets.json')
    const secrets = JSON.parse(readFileSync(secretsPath, 'utf8')) as {
      admin: { password: string; apiToken: string }
    }
    expect(run.stderr()).toContain(`Admin password   ${secrets.admin.password}`)
    expect(run.stderr()).toContain(
      `Sign in     user admin, password: printed once on the first start, copy in ${secretsPath}`,
    )
    // The set-up run's "running" banner is dropped: one for the real start only.
    expect(run.stderr().match(/Tollgate is running/g)).toHaveLength(1)
    expect(statSync(join(dataDir, 'demo-ingest-key')).mode & 0o777).toBe(0o600)

    const login = await fetch(`${dashboardUrl}/login`)
    expect(login.status).toBe(200)
    expect(await login.text()).toContain('<form')

    const apiUrl = `http://127.0.0.1:${api}`
    const token = secrets.admin.apiToken
    // A week of seeded history: 50,000 server-side calls, plus whatever the demo sent since.
    expect(await overviewCalls(apiUrl, token, 8 * 86_400_000)).toBeGreaterThanOrEqual(50_000)
    // Live demo traffic through the SDK and the OTLP port: the last minutes keep growing.
    const before = await overviewCalls(apiUrl, token, 5 * 60_000)
    const deadline = Date.now() + 20_000
    let after = before
    while (after < before + 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      after = await overviewCalls(apiUrl, token, 5 * 60_000)
    }
    expect(after).toBeGreaterThanOrEqual(before + 3)

    const children = descendants(run.child.pid!)
    const names = children.map((c) => c.cmd)
    expect(names.some((c) => c.includes('api/src/main.ts'))).toBe(true)
    expect(names.some((c) => c.startsWith('next-server'))).toBe(true)
    expect(names.some((c) => c.includes('demo/traffic.ts'))).toBe(true)

    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(children.filter((c) => alive(c.pid))).toEqual([])
    expect(run.stdout()).toBe('')
  }, 200_000)

  it('on a later start seeds nothing, prints no credentials, and stops everything when a child dies', async () => {
    const [otlp, api, web] = [await freePort(), await freePort(), await freePort()]
    const run = launch({
      TOLLGATE_DATA_DIR: dataDir,
      TOLLGATE_OTLP_PORT: String(otlp),
      TOLLGATE_API_PORT: String(api),
      TOLLGATE_WEB_PORT: String(web),
    })
    running.push(run)
    await waitForOutput(run, /Dashboard\s+http:\/\//, 120_000)
    expect(run.stderr()).toContain('not seeding demo history: this data directory was used before')
    expect(run.stderr()).not.toContain('Admin password')
    expect(run.stderr()).not.toContain('created ingest key')

    const children = descendants(run.child.pid!)
    const server = children.find((c) => c.cmd.includes('api/src/main.ts'))
    expect(server).toBeDefined()
    process.kill(server!.pid, 'SIGKILL')
    expect(await run.exited).toBe(1)
    expect(run.stderr()).toContain('the server was killed by SIGKILL unexpectedly: stopping the rest')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(children.filter((c) => alive(c.pid))).toEqual([])
  }, 120_000)
})
