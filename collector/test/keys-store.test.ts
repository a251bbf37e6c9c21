import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCollectorError } from '../src/errors'
import { IngestKeyStore } from '../src/keys/ingest-key-store'
import { ProjectStore } from '../src/keys/project-store'
import { openStorage, type Storage } from '../src/storage/client'
import { runMigrations } from '../src/storage/migrations'

let dir: string
let storage: Storage

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-keys-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: join(dir, 'data'),
    database: `tg_keys_${randomBytes(4).toString('hex')}`,
  })
  await runMigrations(storage)
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * The same storage, counting the queries sent through it. `holdNextQuery()`
 * makes the next query's answer wait until the returned release is called.
 */
function instrumented(): { storage: Storage; queries: () => number; holdNextQuery: () => () => void } {
  let n = 0
  let gate: Promise<void> | undefined
  const client = new Proxy(storage.client, {
    get(target, prop) {
      if (prop === 'query') {
        return async (...args: Parameters<typeof target.query>) => {
          n++
          const held = gate
          gate = undefined
          const result = await target.query(...args)
          if (held !== undefined) await held
          return result
        }
      }
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  const holdNextQuery = () => {
    let release!: () => void
    gate = new Promise((resolve) => {
      release = resolve
    })
    return release
  }
  return { storage: { ...storage, client }, queries: () => n, holdNextQuery }
}

/** A manual clock shared by the stores of one test. */
function manualClock(): { now: () => number; advance(ms: number): void } {
  let t = Date.now()
  return {
    now: () => t,
    advance: (ms) => {
      t += ms
    },
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex')
}

describe('ProjectStore', () => {
  it('ensure creates a missing project and returns an existing one unchanged', async () => {
    const projects = new ProjectStore(storage)
    const created = await projects.ensure('proj_a', 'Project A')
    expect(created).toMatchObject({ id: 'proj_a', name: 'Project A' })
    expect(await projects.ensure('proj_a', 'Renamed')).toEqual(created)
    expect(await projects.get('proj_a')).toEqual(created)
  })

  it('get answers null for unknown or malformed ids; list returns every project', async () => {
    const projects = new ProjectStore(storage)
    await projects.ensure('proj_b', 'Project B')
    expect(await projects.get('nope')).toBeNull()
    expect(await projects.get("x' OR 1=1 --")).toBeNull()
    const ids = (await projects.list()).map((p) => p.id)
    expect(ids).toEqual(expect.arrayContaining(['proj_a', 'proj_b']))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('rejects invalid ids and names', async () => {
    const projects = new ProjectStore(storage)
    await expect(projects.ensure('bad id', 'x')).rejects.toSatisfy((e) =>
      isCollectorError(e, 'STORE.INVALID_ARGUMENT'),
    )
    await expect(projects.ensure('ok', '  ')).rejects.toSatisfy((e) =>
      isCollectorError(e, 'STORE.INVALID_ARGUMENT'),
    )
  })
})

describe('IngestKeyStore.create / verify', () => {
  it('creates a random tg_ingest_ key that verifies to its project', async () => {
    const keys = new IngestKeyStore(storage)
    const created = await keys.create('proj_k1', 'ci')
    expect(created.key).toMatch(/^tg_ingest_[0-9A-Za-z]{32}$/)
    expect(created.prefix).toBe(created.key.slice(0, 'tg_ingest_'.length + 8))
    expect(created.projectId).toBe('proj_k1')
    expect(await keys.verify(created.key)).toEqual({ projectId: 'proj_k1', keyId: created.id })
    const other = await keys.create('proj_k1', 'ci')
    expect(other.key).not.toBe(created.key)
  })

  it('stores only the SHA-256 hash and the display prefix, never the key', async () => {
    const keys = new IngestKeyStore(storage)
    const { id, key } = await keys.create('proj_k2', 'stored')
    const result = await storage.client.query({
      query: `SELECT * FROM ${storage.database}.ingest_keys WHERE id = {id:String}`,
      query_params: { id },
      format: 'JSONEachRow',
    })
    const [row] = await result.json<Record<string, unknown>>()
    expect(row!.key_hash).toBe(sha256(key))
    expect(JSON.stringify(row)).not.toContain(key)
  })

  it('answers null for unknown, empty, oversized or non-string keys', async () => {
    const keys = new IngestKeyStore(storage)
    expect(await keys.verify(`tg_ingest_${'x'.repeat(32)}`)).toBeNull()
    expect(await keys.verify('')).toBeNull()
    expect(await keys.verify('k'.repeat(10_000))).toBeNull()
    expect(await keys.verify(42 as unknown as string)).toBeNull()
  })
})

describe('IngestKeyStore.list', () => {
  it('lists keys per project or all, without secrets', async () => {
    const keys = new IngestKeyStore(storage)
    const a = await keys.create('proj_list_a', 'one')
    const b = await keys.create('proj_list_b', 'two')
    const listed = await keys.list('proj_list_a')
    expect(listed).toEqual([
      {
        id: a.id,
        projectId: 'proj_list_a',
        name: 'one',
        prefix: a.prefix,
        createdAt: expect.any(Number),
        revokedAt: 0,
      },
    ])
    expect(Math.abs(listed[0]!.createdAt - Date.now())).toBeLessThan(60_000)
    const all = await keys.list()
    expect(all.map((k) => k.id)).toEqual(expect.arrayContaining([a.id, b.id]))
    expect(JSON.stringify(all)).not.toContain(a.key)
    expect(JSON.stringify(all)).not.toContain(sha256(a.key))
  })
})

describe('IngestKeyStore.revoke', () => {
  it('revokes by prefix or id; the same store answers revoked at once; revoking again is a no-op', async () => {
    const keys = new IngestKeyStore(storage)
    const one = await keys.create('proj_rev', 'one')
    const two = await keys.create('proj_rev', 'two')
    expect(await keys.verify(one.key)).not.toBeNull() // cached as valid
    const revoked = await keys.revoke(one.prefix)
    expect(revoked).toMatchObject({ id: one.id, prefix: one.prefix })
    expect(revoked.revokedAt).toBeGreaterThan(0)
    expect(await keys.verify(one.key)).toBe('revoked')
    expect(await keys.revoke(two.id)).toMatchObject({ id: two.id })
    expect(await keys.verify(two.key)).toBe('revoked')
    expect((await keys.revoke(one.id)).revokedAt).toBe(revoked.revokedAt)
    const listed = await keys.list('proj_rev')
    expect(listed.every((k) => k.revokedAt > 0)).toBe(true)
  })

  it('throws NOT_FOUND for an unknown key and AMBIGUOUS for a prefix shared by two keys', async () => {
    const keys = new IngestKeyStore(storage)
    await expect(keys.revoke('tg_ingest_00000000')).rejects.toSatisfy((e) =>
      isCollectorError(e, 'STORE.NOT_FOUND'),
    )
    await keys.createWithKey('proj_amb', 'a', 'same-prefix-key-number-one')
    await keys.createWithKey('proj_amb', 'b', 'same-prefix-key-number-two')
    await expect(keys.revoke('same')).rejects.toSatisfy((e) => isCollectorError(e, 'STORE.AMBIGUOUS'))
  })
})

describe('IngestKeyStore.createWithKey', () => {
  it('stores a given key once and returns the stored one on repeat', async () => {
    const keys = new IngestKeyStore(storage)
    const key = `tg_ingest_${'B'.repeat(32)}`
    const first = await keys.createWithKey('proj_boot', 'bootstrap', key)
    expect(first).toMatchObject({
      projectId: 'proj_boot',
      key,
      prefix: `tg_ingest_${'B'.repeat(8)}`,
      existed: false,
    })
    const again = await new IngestKeyStore(storage).createWithKey('proj_boot', 'bootstrap', key)
    expect(again).toEqual({ ...first, existed: true })
    expect((await keys.list('proj_boot')).length).toBe(1)
    expect(await keys.verify(key)).toEqual({ projectId: 'proj_boot', keyId: first.id })
  })

  it('keeps a revoked key revoked and rejects weak keys', async () => {
    const keys = new IngestKeyStore(storage)
    const key = 'custom-bootstrap-key-0123456789'
    const { id, prefix } = await keys.createWithKey('proj_boot2', 'bootstrap', key)
    expect(prefix).toBe('cust')
    await keys.revoke(id)
    expect(await keys.createWithKey('proj_boot2', 'bootstrap', key)).toMatchObject({
      id,
      existed: true,
      revoked: true,
    })
    expect(await keys.verify(key)).toBe('revoked')
    await expect(keys.createWithKey('proj_boot2', 'x', 'short')).rejects.toSatisfy((e) =>
      isCollectorError(e, 'STORE.INVALID_ARGUMENT'),
    )
    await expect(keys.createWithKey('proj_boot2', 'x', 'has spaces in the key value')).rejects.toSatisfy(
      (e) => isCollectorError(e, 'STORE.INVALID_ARGUMENT'),
    )
  })
})

describe('IngestKeyStore verify cache', () => {
  it('reuses answers for cacheTtlMs: a revocation elsewhere takes effect after it', async () => {
    const clock = manualClock()
    const { storage: counted, queries } = instrumented()
    const hot = new IngestKeyStore(counted, { cacheTtlMs: 5_000, now: clock.now })
    const admin = new IngestKeyStore(storage) // another process
    const { key, id } = await admin.create('proj_cache', 'hot')
    expect(await hot.verify(key)).toEqual({ projectId: 'proj_cache', keyId: id })
    const afterFirst = queries()
    for (let i = 0; i < 100; i++) await hot.verify(key)
    expect(queries()).toBe(afterFirst)
    await admin.revoke(id)
    clock.advance(4_000)
    expect(await hot.verify(key)).toEqual({ projectId: 'proj_cache', keyId: id })
    clock.advance(1_001)
    expect(await hot.verify(key)).toBe('revoked')
    expect(queries()).toBe(afterFirst + 1)
  })

  it('caches unknown keys too, and shares one query among concurrent lookups', async () => {
    const clock = manualClock()
    const { storage: counted, queries } = instrumented()
    const hot = new IngestKeyStore(counted, { cacheTtlMs: 5_000, now: clock.now })
    const key = `tg_ingest_${'C'.repeat(32)}`
    const answers = await Promise.all(Array.from({ length: 50 }, () => hot.verify(key)))
    expect(answers.every((a) => a === null)).toBe(true)
    for (let i = 0; i < 100; i++) await hot.verify(key)
    expect(queries()).toBe(1)
    // Created elsewhere: visible once the negative answer expires.
    const { id } = await new IngestKeyStore(storage).createWithKey('proj_cache2', 'late', key)
    expect(await hot.verify(key)).toBeNull()
    clock.advance(5_001)
    expect(await hot.verify(key)).toEqual({ projectId: 'proj_cache2', keyId: id })
    expect(queries()).toBe(2)
  })

  it('does not cache a lookup that raced with a local revoke', async () => {
    const { storage: gated, holdNextQuery } = instrumented()
    const keys = new IngestKeyStore(gated)
    const { key, id } = await keys.create('proj_race', 'race')
    const release = holdNextQuery()
    const during = keys.verify(key) // reads "valid", answers only after the revoke
    await keys.revoke(id)
    release()
    expect(await during).toEqual({ projectId: 'proj_race', keyId: id })
    expect(await keys.verify(key)).toBe('revoked')
  })
})
