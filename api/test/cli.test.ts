import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { openStorage, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type CliContext,
  createKeyCommand,
  listKeysCommand,
  migrateCommand,
  revokeKeyCommand,
} from '../src/cli/commands'
import { runCli } from '../src/cli/run'
import type { TollgateConfig } from '../src/config/config'
import { isApiError } from '../src/errors'
import { createStores } from '../src/storage/stores'
import { Capture, removeDir, tempDir, testConfig } from './helpers'

const REPO_ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

let root: string
let config: TollgateConfig
let storage: Storage

beforeAll(() => {
  root = tempDir('cli')
  config = testConfig(join(root, 'data'))
  storage = openStorage(config.storage)
})

afterAll(async () => {
  await storage.close()
  removeDir(root)
})

function context(): CliContext & { out: Capture; err: Capture } {
  const out = new Capture()
  const err = new Capture()
  return { config, storage, stores: createStores(storage), io: { stdout: out, stderr: err }, out, err }
}

describe('migrateCommand', () => {
  it('prints each applied migration and a summary; a second run applies nothing', async () => {
    const first = context()
    const result = await migrateCommand(first)
    expect(result.applied.length).toBeGreaterThan(0)
    expect(first.out.text).toContain(`migrating database tollgate (embedded engine in ${join(root, 'data')})`)
    for (const id of result.applied) expect(first.out.text).toContain(`applying migration ${id}`)
    expect(first.out.text).toContain(
      `schema up to date (${result.applied.length} applied, 0 already applied)`,
    )

    const second = context()
    expect((await migrateCommand(second)).applied).toEqual([])
    expect(second.out.text).toContain(`(0 applied, ${result.applied.length} already applied)`)
  })
})

describe('keys commands', () => {
  it('create → list → revoke round trip', async () => {
    const ctx = context()
    await expect(
      createKeyCommand(ctx, { project: 'shop', keyName: '', createProject: false }),
    ).rejects.toSatisfy((err) => isApiError(err, 'KEYS.UNKNOWN_PROJECT'))

    const created = await createKeyCommand(ctx, { project: 'shop', keyName: 'checkout', createProject: true })
    expect(ctx.out.text).toBe(`${created.key}\n`)
    expect(ctx.err.text).toContain('created project shop')
    expect(ctx.err.text).toContain(`created ingest key ${created.id} (${created.prefix})`)
    expect(await ctx.stores.keys.verify(created.key)).toMatchObject({ projectId: 'shop', keyId: created.id })

    const list = context()
    await listKeysCommand(list, 'shop')
    const [header, rule, row, ...rest] = list.out.text.trimEnd().split('\n')
    expect(header).toMatch(/^ID\s+PROJECT\s+NAME\s+PREFIX\s+CREATED\s+REVOKED$/)
    expect(rule).toMatch(/^-+/)
    expect(rest).toEqual([])
    expect(row).toContain(created.id)
    expect(row).toContain('checkout')
    expect(row).toContain(created.prefix)
    expect(row).toMatch(/ -$/)
    expect(list.out.text).not.toContain(created.key)

    const revoke = context()
    await revokeKeyCommand(revoke, created.prefix)
    expect(revoke.out.text).toBe(`revoked ingest key ${created.id} (${created.prefix}) of project shop\n`)
    expect(await revoke.stores.keys.verify(created.key)).toBe('revoked')

    const again = context()
    await revokeKeyCommand(again, created.id)
    expect(again.out.text).toContain('was already revoked at')

    const after = context()
    await listKeysCommand(after, 'shop')
    expect(after.out.text.trimEnd().split('\n')[2]).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/)
  })

  it('says so when a project has no keys', async () => {
    const ctx = context()
    await listKeysCommand(ctx, 'nothing-here')
    expect(ctx.out.text).toBe('')
    expect(ctx.err.text).toBe('no ingest keys in project nothing-here\n')
  })
})

describe('runCli', () => {
  function env() {
    const out = new Capture()
    const err = new Capture()
    return {
      out,
      err,
      cli: {
        io: { stdout: out, stderr: err },
        loadConfig: () => config,
        // A second handle on the same data directory (allowed in-process); runCli closes it.
        openStorage: () => openStorage(config.storage),
      },
    }
  }

  it('exits 2 with the usage text on bad usage', async () => {
    for (const argv of [
      [],
      ['bogus'],
      ['keys'],
      ['keys', 'create'],
      ['keys', 'list', '--nope'],
      ['keys', 'revoke'],
    ]) {
      const { cli, err, out } = env()
      expect(await runCli(argv, cli)).toBe(2)
      expect(err.text).toMatch(/^tollgate: .+\n\nUsage: pnpm tollgate <command>/)
      expect(out.text).toBe('')
    }
  })

  it('prints help on stdout and exits 0', async () => {
    const { cli, out } = env()
    expect(await runCli(['help'], cli)).toBe(0)
    expect(out.text).toContain('keys create --project <id>')
  })

  it('reports a failing command as one line and exits 1', async () => {
    const { cli, err } = env()
    expect(await runCli(['keys', 'revoke', 'tg_ingest_nosuchkey'], cli)).toBe(1)
    expect(err.text).toBe('tollgate: no such ingest key\n')
  })

  it('runs a command end to end', async () => {
    const { cli, out } = env()
    expect(await runCli(['keys', 'create', '--project', 'shop', '--name', 'via runCli'], cli)).toBe(0)
    expect(out.text).toMatch(/^tg_ingest_\w+\n$/)
  })
})

describe('pnpm tollgate (subprocess)', () => {
  const subprocessEnv = () => ({
    ...process.env,
    TOLLGATE_DATA_DIR: join(root, 'data'),
    TOLLGATE_LOG_LEVEL: 'silent',
  })

  it('explains that the data directory is held by another process', async () => {
    // This test process holds the engine on the directory, as `pnpm serve` would.
    const failure = await run('pnpm', ['tollgate', 'keys', 'list'], {
      cwd: REPO_ROOT,
      env: subprocessEnv(),
    }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toContain(`in use by another process (pid ${process.pid})`)
    expect(failure?.stderr).toContain('stop `pnpm serve`')
    expect(failure?.stderr).toContain('CLICKHOUSE_URL')
  })

  it('lists keys once the directory is free', async () => {
    const keys = await createStores(storage).keys.list()
    await storage.close()
    try {
      const { stdout } = await run('pnpm', ['tollgate', 'keys', 'list'], {
        cwd: REPO_ROOT,
        env: subprocessEnv(),
      })
      expect(stdout).toMatch(/^ID\s+PROJECT/m)
      for (const key of keys) expect(stdout).toContain(key.id)
    } finally {
      storage = openStorage(config.storage)
    }
  })
})
