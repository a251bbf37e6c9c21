import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import {
  freePort,
  REPO_ROOT,
  type SpawnedServer,
  spawnServer,
  TEST_SECRETS,
} from '../../support/spawn-server'
import type { StackInfo } from './stack-info'

/** Calls seeded before the server starts: enough for every page to have something to show. */
const SEEDED_CALLS = 4000
const PROJECT = 'default'
const VIEWER = { username: 'vera', password: 'vera-viewer-password-1' }
const WEB_DIR = join(REPO_ROOT, 'web')
const NEXT_BIN = join(WEB_DIR, 'node_modules', 'next', 'dist', 'bin', 'next')
const WEB_ENV = { NEXT_TELEMETRY_DISABLED: '1' }

/**
 * Global setup of the browser suite: builds the web (production build, what `pnpm start`
 * serves), seeds a fresh data directory, starts the api on it and the web in front of it,
 * and adds a viewer. Set TOLLGATE_WEB_PREBUILT=1 to reuse an existing `web/.next`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TOLLGATE_WEB_PREBUILT !== '1') {
    execFileSync(process.execPath, [NEXT_BIN, 'build'], {
      cwd: WEB_DIR,
      env: { ...process.env, ...WEB_ENV },
      stdio: 'inherit',
    })
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-browser-'))
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'api/src/cli/main.ts'),
      'seed',
      '--calls',
      String(SEEDED_CALLS),
      '--project',
      PROJECT,
      '--days',
      '2',
    ],
    {
      cwd: join(REPO_ROOT, 'api'),
      env: { ...process.env, TOLLGATE_DATA_DIR: dataDir, TOLLGATE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  let server: SpawnedServer | undefined
  let web: ChildProcess | undefined
  try {
    server = await spawnServer(dataDir)
    await addViewer(server.apiUrl)
    const webPort = await freePort()
    web = await startWeb(webPort, new URL(server.apiUrl).port)
    const info: StackInfo = {
      webUrl: `http://127.0.0.1:${webPort}`,
      apiUrl: server.apiUrl,
      projectId: PROJECT,
      adminToken: TEST_SECRETS.adminToken,
      users: { admin: { username: 'admin', password: TEST_SECRETS.adminPassword }, viewer: VIEWER },
    }
    project.provide('stack', info)
  } catch (error) {
    web?.kill('SIGKILL')
    await server?.stop('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  return async () => {
    web?.kill('SIGTERM')
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function addViewer(apiUrl: string): Promise<void> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_SECRETS.adminToken}` },
    body: JSON.stringify({
      query: `mutation($p: ID!, $u: String!, $pw: String!) { inviteMember(projectId: $p, username: $u, password: $pw, role: VIEWER) { username } }`,
      variables: { p: PROJECT, u: VIEWER.username, pw: VIEWER.password },
    }),
  })
  const body = (await response.json()) as { errors?: unknown }
  if (body.errors !== undefined) throw new Error(`could not add the viewer: ${JSON.stringify(body.errors)}`)
}

/** `next start` on `port`, pointed at the api; resolves once it answers. */
async function startWeb(port: number, apiPort: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: { ...process.env, ...WEB_ENV, TOLLGATE_API_PORT: apiPort },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web exited early (${child.exitCode}):\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the web did not answer within 60 s:\n${output}`)
    }
    const up = await fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (up) return child
    await new Promise((r) => setTimeout(r, 200))
  }
}
