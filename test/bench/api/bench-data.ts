import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  AuthRepository,
  apiTokenDisplayPrefix,
  generateApiToken,
  hashApiToken,
  hashPassword,
  seedCalls,
} from '@tollgate/api'
import { openStorage, queryRows, runMigrations, type Storage } from '@tollgate/collector'

/**
 * The data the api and web benchmarks read: `pnpm seed`'s generator over 7 days into project
 * `bench`, kept in `BENCH_API_DIR` between runs (one seed serves both benchmarks).
 */

export const SEED = 1
export const DAYS = 7
export const PROJECT = 'bench'

/** Opens (and seeds, unless the directory already holds this seed) the benchmark's storage. */
export async function seededStorage(
  dir: string,
  CALLS: number,
): Promise<{ storage: Storage; endMs: number }> {
  const marker = join(dir, 'bench-api-seed.json')
  const wanted = { calls: CALLS, seed: SEED, days: DAYS }
  const previous = existsSync(marker)
    ? (JSON.parse(readFileSync(marker, 'utf8')) as typeof wanted & { endMs: number })
    : null
  const reuse =
    previous !== null && previous.calls === CALLS && previous.seed === SEED && previous.days === DAYS
  if (!reuse) {
    rmSync(join(dir, 'engine'), { recursive: true, force: true })
    rmSync(marker, { force: true })
  }
  mkdirSync(join(dir, 'engine'), { recursive: true })
  const storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'engine'), database: 'tollgate' })
  await runMigrations(storage)
  if (reuse) {
    process.stderr.write(`reusing ${CALLS.toLocaleString('en')} seeded calls in ${dir}\n`)
    return { storage, endMs: previous.endMs }
  }
  const endMs = Math.floor(Date.now() / 60_000) * 60_000
  const started = Date.now()
  let shown = 0
  const result = await seedCalls(storage, {
    calls: CALLS,
    projectId: PROJECT,
    days: DAYS,
    seed: SEED,
    endMs,
    onProgress: (p) => {
      // A terminal gets one line rewritten; a log file gets a line every 30 s.
      const tty = process.stderr.isTTY === true
      if (Date.now() - shown < (tty ? 2000 : 30_000)) return
      shown = Date.now()
      process.stderr.write(
        `seeding: ${p.calls.toLocaleString('en')} / ${p.total.toLocaleString('en')} calls${tty ? '\r' : '\n'}`,
      )
    },
  })
  const seconds = (Date.now() - started) / 1000
  process.stderr.write(
    `seeded ${result.calls.toLocaleString('en')} calls (${result.callRows.toLocaleString('en')} call rows, ` +
      `${result.spans.toLocaleString('en')} spans, ${result.events.toLocaleString('en')} events) in ${seconds.toFixed(0)} s ` +
      `(${Math.round(result.calls / seconds).toLocaleString('en')} calls/s)\n`,
  )
  writeFileSync(marker, JSON.stringify({ ...wanted, endMs }))
  return { storage, endMs }
}

/** A user with `role` in the project, and their API token. */
export async function tokenFor(
  storage: Storage,
  name: string,
  role: 'viewer' | 'investigator',
): Promise<string> {
  const auth = new AuthRepository(storage)
  const token = generateApiToken()
  await auth.saveUser({ id: `bench_${name}`, username: `bench-${name}`, passwordHash: 'unused' })
  await auth.saveApiToken({
    id: `bench_${name}_${Date.now()}`,
    userId: `bench_${name}`,
    name: 'bench',
    prefix: apiTokenDisplayPrefix(token),
    tokenHash: hashApiToken(token),
  })
  await auth.saveMember({ projectId: PROJECT, userId: `bench_${name}`, role })
  return token
}

/** Ids to look up: sessions, calls with sources, and URIs from the most read to rarely read ones. */
export async function samples(storage: Storage) {
  const db = storage.database
  const sessions = await queryRows<{ session_id: string }>(
    storage,
    `SELECT session_id FROM ${db}.session_lookup WHERE project_id = {p:String}
     GROUP BY session_id ORDER BY cityHash64(session_id) LIMIT 500`,
    { p: PROJECT },
  )
  const calls = await queryRows<{ trace_id: string; span_id: string }>(
    storage,
    `SELECT trace_id, span_id FROM ${db}.mcp_events WHERE project_id = {p:String} AND kind = 'provenance'
     ORDER BY cityHash64(span_id) LIMIT 500`,
    { p: PROJECT },
  )
  const uris = await queryRows<{ uri: string; n: string }>(
    storage,
    `SELECT lookup_key AS uri, toString(count()) AS n FROM ${db}.mcp_events
     WHERE project_id = {p:String} AND kind = 'provenance' GROUP BY uri ORDER BY count() DESC LIMIT 200`,
    { p: PROJECT },
  )
  if (sessions.length === 0 || calls.length === 0 || uris.length === 0)
    throw new Error('the seed wrote no sessions or provenance')
  return {
    sessions: sessions.map((s) => s.session_id),
    calls,
    uris: uris.map((u) => u.uri),
    topUriReads: Number(uris[0]?.n),
  }
}

/** A user who signs in with a password (the web's way), with `role` in the benchmark project. */
export async function passwordUser(
  storage: Storage,
  username: string,
  password: string,
  role: 'viewer' | 'investigator',
): Promise<void> {
  const auth = new AuthRepository(storage)
  const id = `bench_${username}`
  await auth.saveUser({ id, username, passwordHash: await hashPassword(password) })
  await auth.saveMember({ projectId: PROJECT, userId: id, role })
}
