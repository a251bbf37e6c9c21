import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Child, ChildFailed, Children, describeExit } from './launcher/children.js'
import { isFreshDataDir, readDemoKey, saveDemoKey, secretsFileWithPassword } from './launcher/data-dir.js'
import {
  cliSpec,
  demoSpec,
  dropListeningBanner,
  dropRepeatedProgress,
  serverSpec,
  webBuildSpec,
  webSpec,
} from './launcher/processes.js'
import { parseStartSettings, SettingsError, type StartSettings } from './launcher/settings.js'
import { waitUntilAnswers } from './launcher/wait-ready.js'
import { mtimeMsOf, webNeedsBuild } from './launcher/web-build.js'

/**
 * `pnpm start`: Tollgate on one machine — the server (collector + api, embedded engine),
 * the dashboard, and live demo traffic — with first-start credentials printed once.
 *
 * 1. builds the dashboard when its build is missing or older than its sources (meanwhile:)
 * 2. on a fresh data directory: lets the server do its first start (credentials), stops it,
 *    and seeds a week of demo history (the embedded engine allows one process per directory);
 * 3. gives the demo its own ingest key (once, kept 0600 in the data directory);
 * 4. starts the server, then the web, then the demo traffic, each once the one before answers.
 *
 * Everything goes to stderr; stdout stays quiet. Ctrl-C / SIGTERM stops the demo first (its
 * last spans still land), then the web and the server; a child that dies stops the rest.
 */

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SEED = { calls: 50_000, days: 7, project: 'default' }
const DEMO_KEY_NAME = 'demo traffic (pnpm start)'
const SERVER_READY_MS = 120_000
const WEB_READY_MS = 90_000
const DEMO_STOP_GRACE_MS = 5_000

const children = new Children()
let stopping = false
let demo: Child | undefined

function say(message: string): void {
  process.stderr.write(`[start] ${message}\n`)
}

async function main(): Promise<void> {
  const settings = parseStartSettings(process.env, REPO_ROOT)
  // Quieter than `pnpm serve`: the banners are what a person at the terminal reads.
  const env = { ...process.env, TOLLGATE_LOG_LEVEL: process.env.TOLLGATE_LOG_LEVEL ?? 'warn' }
  const fresh = isFreshDataDir(settings.dataDir)
  say(`data directory ${settings.dataDir}${fresh ? ' (new)' : ''}`)

  const webBuilt = ensureWebBuilt(settings, env)
  webBuilt.catch(() => undefined) // awaited below; not an unhandled rejection meanwhile

  const seedHistory = settings.demo && settings.embedded && fresh
  if (seedHistory) await firstStartThenStop(settings, env)
  const demoKey = settings.demo ? await demoIngestKey(settings, env) : undefined
  if (seedHistory) await seedDemoHistory(settings, env)
  else if (settings.demo && settings.embedded)
    say('not seeding demo history: this data directory was used before')

  const server = supervise(children.start(serverSpec(settings, env, { kind: 'forward' })))
  await waitUntilAnswers(server, `${apiUrl(settings)}/readyz`, SERVER_READY_MS)
  await webBuilt
  const web = supervise(children.start(webSpec(settings, env)))
  await waitUntilAnswers(web, `${webUrl(settings)}/login`, WEB_READY_MS)
  if (demoKey !== undefined) demo = supervise(children.start(demoSpec(settings, env, demoKey)))
  printSummary(settings, demoKey !== undefined)
}

/** Builds the dashboard when needed (`next build`, ~1 min), reporting progress. */
async function ensureWebBuilt(settings: StartSettings, env: NodeJS.ProcessEnv): Promise<void> {
  if (!(await webNeedsBuild(settings.repoRoot, settings.webDistDir))) return
  const hadBuild = mtimeMsOf(join(settings.repoRoot, 'web', settings.webDistDir, 'BUILD_ID')) !== undefined
  say(
    hadBuild
      ? 'the dashboard changed since its last build: rebuilding it (~1 min)…'
      : 'building the dashboard (first start, ~1 min)…',
  )
  const startedAt = Date.now()
  await children.run(webBuildSpec(settings, env))
  say(`dashboard built in ${Math.round((Date.now() - startedAt) / 1000)} s`)
}

/**
 * The server's first start creates project `default`, its ingest key and the admin, and
 * prints them once. It must come before seeding: the seed creates the project when missing,
 * and a project that exists is taken as already set up (no ingest key would be made).
 */
async function firstStartThenStop(settings: StartSettings, env: NodeJS.ProcessEnv): Promise<void> {
  say('first start: the server sets up project "default" and the admin account (credentials below)')
  const setup = children.start(serverSpec(settings, env, { kind: 'forward', filter: dropListeningBanner() }))
  await waitUntilAnswers(setup, `${apiUrl(settings)}/readyz`, SERVER_READY_MS)
  await children.stop(setup)
}

/** The demo's ingest key: read from the data directory, or created once with the CLI. */
async function demoIngestKey(settings: StartSettings, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const stored = await readDemoKey(settings.dataDir)
  if (stored !== undefined) return stored
  try {
    const cli = await children.run(
      cliSpec(settings, env, ['keys', 'create', '--project', SEED.project, '--name', DEMO_KEY_NAME], {
        kind: 'capture',
      }),
    )
    const path = await saveDemoKey(settings.dataDir, cli.stdout().trim())
    say(`created ingest key "${DEMO_KEY_NAME}" for the demo traffic (kept in ${path}, mode 0600)`)
    return cli.stdout().trim()
  } catch (error) {
    if (stopping) throw error
    say(`no demo traffic: its ingest key could not be created: ${failureText(error)}`)
    return undefined
  }
}

/** A week of history for the dashboard to show at once; a failure here is not fatal. */
async function seedDemoHistory(settings: StartSettings, env: NodeJS.ProcessEnv): Promise<void> {
  say(
    `seeding demo history: ${SEED.calls.toLocaleString('en-US')} calls over the last ${SEED.days} days into project "${SEED.project}" (~15 s)…`,
  )
  const args = ['seed', '--calls', String(SEED.calls), '--project', SEED.project, '--days', String(SEED.days)]
  try {
    await children.run(
      cliSpec(settings, env, args, { kind: 'forward', prefix: '[seed] ', filter: dropRepeatedProgress() }),
    )
  } catch (error) {
    if (stopping) throw error
    say(`demo history not seeded (${failureText(error)}); \`pnpm seed --calls 50000\` can add it later`)
  }
}

/** Any exit of a long-running child that we did not ask for stops everything. */
function supervise(child: Child): Child {
  void child.exited.then(({ code, signal }) => {
    if (stopping) return
    say(`${child.name} ${describeExit(code, signal)} unexpectedly: stopping the rest`)
    void stopEverything(1)
  })
  return child
}

async function stopEverything(exitCode: number): Promise<never> {
  stopping = true
  // The demo first, so the spans it still holds reach a running server.
  if (demo !== undefined) await children.stop(demo, DEMO_STOP_GRACE_MS)
  await children.stopAll()
  process.exit(exitCode)
}

function printSummary(settings: StartSettings, withDemo: boolean): void {
  const secretsFile = secretsFileWithPassword(settings.dataDir)
  const password = settings.adminPasswordFromEnv
    ? 'TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD'
    : `printed once on the first start${secretsFile === undefined ? '' : `, copy in ${secretsFile}`}`
  const lines = [
    '',
    'Tollgate is up',
    `  Dashboard   ${webUrl(settings)}`,
    `  Sign in     user admin, password: ${password}`,
    `  GraphQL     ${apiUrl(settings)}/graphql`,
    `  OTLP        http://${settings.dialHost}:${settings.ports.otlp}/v1/traces  (Authorization: Bearer <ingest key>)`,
    withDemo
      ? '  Demo        live MCP calls from the demo-crm server (TOLLGATE_DEMO=0 turns it off)'
      : '  Demo        off',
    'Ctrl-C stops everything.',
    '',
  ]
  process.stderr.write(lines.join('\n'))
}

function apiUrl(s: StartSettings): string {
  return `http://${s.dialHost}:${s.ports.api}`
}

function webUrl(s: StartSettings): string {
  return `http://${s.dialHost}:${s.ports.web}`
}

function failureText(error: unknown): string {
  if (error instanceof ChildFailed) {
    const tail = error.child.tail(12).trim()
    return `${error.message}${tail === '' ? '' : `:\n${tail}`}`
  }
  return error instanceof Error ? error.message : String(error)
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return
    say(`${signal}: stopping`)
    void stopEverything(0)
  })
}

main().catch((error: unknown) => {
  if (stopping) return
  if (error instanceof SettingsError) say(error.message)
  else say(`could not start: ${failureText(error)}`)
  void stopEverything(1)
})
