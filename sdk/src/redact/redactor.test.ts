import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createRedactor } from './index.js'

const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0In0', 'c2lnbmF0dXJlX2hlcmU'].join('.')
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8')

describe('createRedactor modes', () => {
  const payload = {
    headers: { authorization: 'Bearer abcdefghijklmnop1234' },
    password: 'hunter2',
    note: `token ${JWT}`,
  }

  it('redacts keys and values in mode redacted, the default', () => {
    const out = createRedactor()(payload, 'params')
    expect(JSON.parse(out.text!)).toEqual({
      headers: { authorization: '[REDACTED:key:authorization]' },
      password: '[REDACTED:key:password]',
      note: 'token [REDACTED:jwt]',
    })
    expect(out.redactions).toEqual([
      { field: 'params.headers.authorization', rule: 'key:authorization' },
      { field: 'params.password', rule: 'key:password' },
      { field: 'params.note', rule: 'jwt' },
    ])
    expect(out).toMatchObject({ bytes: utf8(JSON.stringify(payload)), truncated: false })
  })

  it('keeps all but the always-removed keys in mode full', () => {
    const out = createRedactor({ mode: 'full' })(payload, 'params')
    expect(JSON.parse(out.text!)).toEqual({
      ...payload,
      headers: { authorization: '[REDACTED:key:authorization]' },
    })
    expect(out.redactions).toEqual([{ field: 'params.headers.authorization', rule: 'key:authorization' }])
  })

  it('exports only a sha256 of the text after the always-removed redactions in mode hash', () => {
    const out = createRedactor({ mode: 'hash' })(payload, 'params')
    const expected = JSON.stringify({
      ...payload,
      headers: { authorization: '[REDACTED:key:authorization]' },
    })
    const sha256 = createHash('sha256').update(expected).digest('hex')
    expect(out.text).toBe(`{"sha256":"${sha256}"}`)
    for (const secret of ['hunter2', 'abcdefghijklmnop', JWT, 'token']) expect(out.text).not.toContain(secret)
    expect(out.redactions).toEqual([{ field: 'params.headers.authorization', rule: 'key:authorization' }])
    expect(out.bytes).toBe(utf8(JSON.stringify(payload)))
  })

  it('hashes the whole value in mode hash: no size cap makes two payloads equal', () => {
    const hash = createRedactor({ mode: 'hash', maxStringLength: 10 })
    const a = hash({ s: `${'x'.repeat(5000)}a` }, 'arguments').text
    const b = hash({ s: `${'x'.repeat(5000)}b` }, 'arguments').text
    expect(a).not.toBe(b)
    expect(hash({ s: `${'x'.repeat(5000)}a` }, 'arguments').text).toBe(a)
  })

  it('exports no text but still measures bytes in mode none', () => {
    const out = createRedactor({ mode: 'none' })(payload, 'params')
    expect(out).toEqual({
      text: undefined,
      bytes: utf8(JSON.stringify(payload)),
      redactions: [],
      truncated: false,
    })
  })

  it('falls back to mode redacted for an unknown mode', () => {
    const out = createRedactor({ mode: 'verbose' as never })({ password: 'p' }, 'arguments')
    expect(out.text).toBe('{"password":"[REDACTED:key:password]"}')
  })
})

describe('createRedactor sizes', () => {
  const redact = createRedactor()

  it('measures UTF-8 bytes of the value as received', () => {
    const value = { s: 'é😀', password: 'p' }
    expect(redact(value, 'arguments').bytes).toBe(utf8(JSON.stringify(value)))
    expect(redact('x', 'result').bytes).toBe(3)
  })

  it('returns no text and 0 bytes for undefined, functions and symbols', () => {
    for (const value of [undefined, () => 1, Symbol('s')]) {
      expect(redact(value, 'result')).toEqual({ text: undefined, bytes: 0, redactions: [], truncated: false })
    }
  })

  it('returns exactly JSON.stringify of a payload with nothing to redact', () => {
    const value = { a: [1, 'two', { three: null, four: true }], 'b.c': 'd', n: Number.NaN }
    expect(redact(value, 'result')).toEqual({
      text: JSON.stringify(value),
      bytes: utf8(JSON.stringify(value)),
      redactions: [],
      truncated: false,
    })
  })

  it('cuts a long string and says how many chars were dropped', () => {
    const out = createRedactor({ maxStringLength: 10 })({ s: 'a'.repeat(100), short: 'abc' }, 'result')
    expect(JSON.parse(out.text!)).toEqual({ s: 'aaaaaaaaaa…[TRUNCATED 90 chars]', short: 'abc' })
    expect(out.truncated).toBe(true)
  })

  it('does not split a surrogate pair at the cut', () => {
    const out = createRedactor({ maxStringLength: 4 })({ s: 'abc😀def' }, 'result')
    expect(JSON.parse(out.text!).s).toBe('abc…[TRUNCATED 5 chars]')
  })

  it('redacts a secret that straddles the cut instead of leaking its start', () => {
    const redact20 = createRedactor({ maxStringLength: 20 })
    const out = redact20({ s: `xxxxxxxx ${JWT} and the tail` }, 'result')
    expect(JSON.parse(out.text!).s).toBe('xxxxxxxx [REDACTED:jwt]…[TRUNCATED 13 chars]')
    expect(out.redactions).toEqual([{ field: 'result.s', rule: 'jwt' }])
    expect(out.text).not.toContain('eyJ')
  })

  it('keeps the first 1000 items of an array and marks the rest', () => {
    const items = Array.from({ length: 1500 }, (_, i) => i)
    const out = redact({ items }, 'result')
    const parsed = JSON.parse(out.text!).items as unknown[]
    expect(parsed).toHaveLength(1001)
    expect(parsed[999]).toBe(999)
    expect(parsed[1000]).toBe('…[TRUNCATED 500 items]')
    expect(out.truncated).toBe(true)
  })

  it('keeps the first 1000 keys of an object and marks the rest', () => {
    const big = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`k${i}`, i]))
    const parsed = JSON.parse(redact(big, 'result').text!) as Record<string, unknown>
    expect(Object.keys(parsed)).toHaveLength(1001)
    expect(parsed.k999).toBe(999)
    expect(parsed.k1000).toBeUndefined()
    expect(parsed['…']).toBe('[TRUNCATED 200 keys]')
  })

  it('cuts nesting deeper than 64 levels with a marker', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 100; i++) deep = { d: deep }
    const out = redact(deep, 'result')
    let level: unknown = JSON.parse(out.text!)
    let depth = 0
    while (typeof level === 'object' && level !== null) {
      level = (level as { d: unknown }).d
      depth++
    }
    expect(depth).toBe(64)
    expect(level).toBe('[TRUNCATED depth]')
    expect(out.truncated).toBe(true)
  })

  it('cuts a payload over maxPayloadBytes into a JSON string within the limit', () => {
    const value = {
      rows: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `naïve "quoted" \\ row ${i} 😀` })),
    }
    const full = createRedactor()(value, 'result').text!
    const out = createRedactor({ maxPayloadBytes: 300 })(value, 'result')
    expect(out.truncated).toBe(true)
    expect(utf8(out.text!)).toBeLessThanOrEqual(300)
    const cut = JSON.parse(out.text!) as string
    const match = /^([\s\S]*)…\[TRUNCATED (\d+) bytes\]$/.exec(cut)!
    expect(full.startsWith(match[1]!)).toBe(true)
    expect(Number(match[2])).toBe(utf8(full) - utf8(match[1]!))
    expect(out.bytes).toBe(utf8(JSON.stringify(value)))
  })

  it('keeps only the marker when maxPayloadBytes cannot hold more', () => {
    const out = createRedactor({ maxPayloadBytes: 5 })({ a: 'bcdefgh' }, 'result')
    expect(JSON.parse(out.text!)).toBe('…[TRUNCATED 15 bytes]')
  })

  it('caps the redaction list at 100 entries but still redacts everything', () => {
    const value = Array.from({ length: 500 }, () => ({ password: 'p' }))
    const out = createRedactor()(value, 'arguments')
    expect(out.redactions).toHaveLength(100)
    expect(out.redactions[99]).toEqual({ field: 'arguments[99].password', rule: 'key:password' })
    expect(out.text).not.toContain('"p"')
  })

  it('falls back to the default limits for invalid values', () => {
    const out = createRedactor({ maxStringLength: Number.NaN, maxPayloadBytes: -1 })(
      { s: 'a'.repeat(5000) },
      'r',
    )
    expect(JSON.parse(out.text!).s).toBe(`${'a'.repeat(4096)}…[TRUNCATED 904 chars]`)
  })
})
