import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { IngestKeyStore, ProjectStore, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashApiToken } from '../src/auth/api-token'
import { AuthRepository } from '../src/auth/auth.repository'
import { verifyPassword } from '../src/auth/password'
import {
  ADMIN_USER_ID,
  ADMIN_USERNAME,
  DEFAULT_PROJECT_ID,
  type FirstStartDeps,
  runFirstStart,
} from '../src/bootstrap/first-start'
import { SECRETS_FILE, writeSecretsFile } from '../src/bootstrap/secrets-file'
import type { TollgateConfig } from '../src/config/config'
import { Capture, migratedStorage, removeDir, silentLogger, tempDir, testConfig } from './helpers'

let root: string
const opened: Storage[] = []

beforeAll(() => {
  root = tempDir('bootstrap')
})

afterAll(async () => {
  for (const storage of opened) await storage.close()
  removeDir(root)
})

/** A blank database in the shared engine directory, with its stores and a secrets dir of its own. */
async function fresh(env: Record<string, string> = {}) {
  const storage = await migratedStorage(join(root, 'engine'))
  opened.push(storage)
  const secretsDir = mkdtempSync(join(root, 'secrets-'))
  const config: TollgateConfig = { ...testConfig(join(root, 'engine'), env), dataDir: secretsDir }
  const out = new Capture()
  const keys = new IngestKeyStore(storage)
  const deps: FirstStartDeps = {
    config,
    projects: new ProjectStore(storage),
    keys,
    auth: new AuthRepository(storage),
    logger: silentLogger(),
    out,
  }
  return { storage, deps, keys, out, secretsDir }
}

async function count(storage: Storage, table: string): Promise<number> {
  const result = await storage.client.query({
    query: `SELECT count() AS n FROM ${storage.database}.${table} FINAL`,
    format: 'JSONEachRow',
  })
  const [row] = await result.json<{ n: string | number }>()
  return Number(row!.n)
}

describe('runFirstStart', () => {
  it('creates the default project, an ingest key, the admin, a token and the membership, once', async () => {
    const { storage, deps, keys, out, secretsDir } = await fresh()
    const result = await runFirstStart(deps)

    expect(result).toMatchObject({ initialised: true, createdProject: true, createdAdmin: true })
    const { ingestKey, adminPassword, adminToken } = result.generated
    expect(ingestKey).toMatch(/^tg_ingest_/)
    expect(adminToken).toMatch(/^tg_api_/)
    expect(adminPassword!.length).toBeGreaterThanOrEqual(20)

    // Every generated secret works against what was stored, and only hashes were stored.
    expect(await keys.verify(ingestKey!)).toMatchObject({ projectId: DEFAULT_PROJECT_ID })
    const admin = await deps.auth.findUserByUsername(ADMIN_USERNAME)
    expect(admin).toMatchObject({ id: ADMIN_USER_ID, disabled: false })
    expect(admin!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/)
    expect(await verifyPassword(adminPassword!, admin!.passwordHash)).toBe(true)
    expect(await verifyPassword('wrong password', admin!.passwordHash)).toBe(false)
    expect(await deps.auth.findApiTokenByHash(hashApiToken(adminToken!))).toMatchObject({
      userId: ADMIN_USER_ID,
      revokedAt: 0,
    })
    expect(await deps.auth.listMembers(DEFAULT_PROJECT_ID)).toEqual([
      { projectId: DEFAULT_PROJECT_ID, userId: ADMIN_USER_ID, role: 'admin' },
    ])
    const dump = JSON.stringify(
      await (
        await storage.client.query({
          query: `SELECT * FROM ${storage.database}.users`,
          format: 'JSONEachRow',
        })
      ).json(),
    )
    expect(dump).not.toContain(adminPassword!)

    // Printed once, in a box, with the way to send spans.
    for (const secret of [ingestKey!, adminPassword!, adminToken!]) expect(out.text).toContain(secret)
    expect(out.text).toContain('shown ONCE')
    expect(out.text).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v1\/traces/)
    expect(out.text).toContain('Authorization: Bearer <ingest key>')

    // The file copy: mode 0600, the same secrets.
    const file = join(secretsDir, SECRETS_FILE)
    expect(result.secretsFile).toBe(file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved).toMatchObject({
      project: DEFAULT_PROJECT_ID,
      ingestKey,
      admin: { username: ADMIN_USERNAME, password: adminPassword, apiToken: adminToken },
    })

    // A second start finds everything and creates or prints nothing.
    const second = new Capture()
    const again = await runFirstStart({ ...deps, out: second })
    expect(again).toEqual({ initialised: false, createdProject: false, createdAdmin: false, generated: {} })
    expect(second.text).toBe('')
    for (const table of ['projects', 'ingest_keys', 'users', 'api_tokens', 'project_members']) {
      expect(await count(storage, table)).toBe(1)
    }
  })

  it('uses TOLLGATE_BOOTSTRAP_* values as given, and neither prints nor files them', async () => {
    const env = {
      TOLLGATE_BOOTSTRAP_INGEST_KEY: 'tg_ingest_fromenvironment0123456789',
      TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery staple',
      TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: 'tg_api_fromenvironment0123456789abcdef',
    }
    const { deps, keys, out, secretsDir } = await fresh(env)
    const result = await runFirstStart(deps)

    expect(result).toMatchObject({
      initialised: true,
      createdProject: true,
      createdAdmin: true,
      generated: {},
    })
    expect(await keys.verify(env.TOLLGATE_BOOTSTRAP_INGEST_KEY)).toMatchObject({
      projectId: DEFAULT_PROJECT_ID,
    })
    const admin = await deps.auth.findUserByUsername(ADMIN_USERNAME)
    expect(await verifyPassword(env.TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD, admin!.passwordHash)).toBe(true)
    expect(
      await deps.auth.findApiTokenByHash(hashApiToken(env.TOLLGATE_BOOTSTRAP_ADMIN_TOKEN)),
    ).not.toBeNull()

    for (const value of Object.values(env)) expect(out.text).not.toContain(value)
    expect(out.text).toContain('from TOLLGATE_BOOTSTRAP_INGEST_KEY')
    expect(out.text).toContain('from TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD')
    expect(out.text).toContain('from TOLLGATE_BOOTSTRAP_ADMIN_TOKEN')
    expect(result.secretsFile).toBeUndefined()
    expect(() => statSync(join(secretsDir, SECRETS_FILE))).toThrow()
  })

  it('creates only the missing part when the project exists but the admin does not', async () => {
    const { storage, deps, out } = await fresh()
    await deps.projects.ensure(DEFAULT_PROJECT_ID, 'Default')
    const result = await runFirstStart(deps)

    expect(result).toMatchObject({ createdProject: false, createdAdmin: true })
    expect(result.generated.ingestKey).toBeUndefined()
    expect(await count(storage, 'ingest_keys')).toBe(0)
    expect(out.text).not.toContain('Ingest key')
    expect(out.text).toContain(result.generated.adminPassword!)
  })
})

describe('writeSecretsFile', () => {
  it('never overwrites an existing secrets file', async () => {
    const dir = tempDir('secrets-exists')
    try {
      writeFileSync(join(dir, SECRETS_FILE), '{"old":true}\n', { mode: 0o600 })
      const path = await writeSecretsFile(dir, { fresh: true }, new Date('2026-01-02T03:04:05.678Z'))
      expect(path).toBe(join(dir, 'first-run-secrets-2026-01-02T03-04-05-678Z.json'))
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).toBe('{"old":true}\n')
    } finally {
      removeDir(dir)
    }
  })
})
