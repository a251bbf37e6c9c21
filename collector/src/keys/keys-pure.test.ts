import { describe, expect, it } from 'vitest'
import {
  displayPrefix,
  generateIngestKey,
  hashSecret,
  isAcceptableKey,
  isPlausibleKey,
  randomBase62,
} from './secrets'
import { TtlCache } from './ttl-cache'
import { VersionClock } from './version-clock'

describe('secrets', () => {
  it('generates distinct base62 keys with the tg_ingest_ prefix', () => {
    const keys = new Set(Array.from({ length: 200 }, generateIngestKey))
    expect(keys.size).toBe(200)
    for (const key of keys) expect(key).toMatch(/^tg_ingest_[0-9A-Za-z]{32}$/)
  })

  it('draws every base62 character', () => {
    const seen = new Set(randomBase62(20_000))
    expect(seen.size).toBe(62)
  })

  it('hashes with SHA-256 hex and shows only a short prefix', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(displayPrefix('tg_ingest_AbCd1234rest')).toBe('tg_ingest_AbCd1234')
    expect(displayPrefix('my-own-very-long-key')).toBe('my-o')
  })

  it('accepts outside keys only when long and printable; presented keys only when storable', () => {
    expect(isAcceptableKey('x'.repeat(19))).toBe(false)
    expect(isAcceptableKey('x'.repeat(20))).toBe(true)
    expect(isAcceptableKey(`${'x'.repeat(20)} y`)).toBe(false)
    expect(isPlausibleKey('')).toBe(false)
    expect(isPlausibleKey('x'.repeat(257))).toBe(false)
    expect(isPlausibleKey('short')).toBe(true)
    expect(isPlausibleKey(undefined)).toBe(false)
  })
})

describe('TtlCache', () => {
  it('expires entries after the ttl', () => {
    let now = 0
    const cache = new TtlCache<string, number>(100, 10, () => now)
    cache.set('a', 1)
    now = 99
    expect(cache.get('a')).toBe(1)
    now = 100
    expect(cache.get('a')).toBeUndefined()
  })

  it('stays bounded: expired entries go first, then the oldest', () => {
    let now = 0
    const cache = new TtlCache<string, number>(100, 3, () => now)
    cache.set('old', 0)
    now = 50
    cache.set('b', 1)
    cache.set('c', 2)
    now = 120 // 'old' expired
    cache.set('d', 3)
    expect(cache.size).toBe(3)
    expect(cache.get('b')).toBe(1)
    cache.set('e', 4) // full and nothing expired: the oldest set ('b') goes
    expect(cache.size).toBe(3)
    expect(cache.get('b')).toBeUndefined()
    expect([cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([2, 3, 4])
  })
})

describe('VersionClock', () => {
  it('is strictly increasing even within one millisecond or when the clock steps back', () => {
    let now = 1_000
    const clock = new VersionClock(() => now)
    const a = clock.next()
    const b = clock.next()
    now = 900
    const c = clock.next()
    expect(a).toBe(1_000_000)
    expect(b).toBeGreaterThan(a)
    expect(c).toBeGreaterThan(b)
  })
})
