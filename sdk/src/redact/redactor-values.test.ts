import { describe, expect, it, vi } from 'vitest'
import { createRedactor } from './index.js'

const redact = createRedactor()

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

describe('createRedactor values', () => {
  it('never mutates its input', () => {
    const value = {
      password: 'p',
      content: [{ type: 'text', text: `card 4111 1111 1111 1111 ${'x'.repeat(5000)}` }],
      items: Array.from({ length: 1200 }, (_, i) => ({ i })),
    }
    const before = structuredClone(value)
    // Frozen: a write would throw (ESM is strict) and show up as a redactor_error.
    const out = createRedactor()(deepFreeze(value), 'result')
    expect(out.redactions.map((r) => r.rule)).toEqual(['key:password', 'card_number'])
    expect(value).toEqual(before)
  })

  it('writes exact field paths, bracketing keys that are not plain', () => {
    const value = {
      content: [{ type: 'text', text: 'card 4111111111111111' }],
      'a.b': { password: 1 },
      'with space': [{ token: 't' }],
      '': { secret: 's' },
    }
    expect(redact(value, 'result').redactions.map((r) => r.field)).toEqual([
      'result.content[0].text',
      'result["a.b"].password',
      'result["with space"][0].token',
      'result[""].secret',
    ])
    expect(redact([{ password: 1 }], 'arguments').redactions[0]!.field).toBe('arguments[0].password')
    expect(redact({ password: 1 }, undefined as never).redactions[0]!.field).toBe('password')
  })

  it('marks a cycle, and keeps a value shared without a cycle', () => {
    const shared = { v: 1 }
    const cyclic: Record<string, unknown> = { shared, again: shared, list: [] as unknown[] }
    cyclic.self = cyclic
    ;(cyclic.list as unknown[]).push(cyclic)
    const out = redact(cyclic, 'result')
    expect(JSON.parse(out.text!)).toEqual({
      shared: { v: 1 },
      again: { v: 1 },
      list: ['[CYCLE]'],
      self: '[CYCLE]',
    })
    expect(out.bytes).toBe(Buffer.byteLength(out.text!))
  })

  it('writes a bigint as its decimal text, and scans it', () => {
    const out = redact({ n: 12345678901234567890n, card: 4111111111111111n }, 'result')
    expect(out.text).toBe('{"n":"12345678901234567890","card":"[REDACTED:card_number]"}')
    expect(out.bytes).toBe(Buffer.byteLength('{"n":"12345678901234567890","card":"4111111111111111"}'))
  })

  it('drops what JSON.stringify drops and nulls what it nulls', () => {
    const value = {
      f() {},
      u: undefined,
      s: Symbol('s'),
      list: [undefined, () => 1, Number.POSITIVE_INFINITY],
      k: 1,
    }
    expect(redact({ ...value, password: 'x' }, 'result').text).toBe(
      '{"list":[null,null,null],"k":1,"password":"[REDACTED:key:password]"}',
    )
  })

  it('serializes through toJSON and scans what it returns', () => {
    const secretive = { toJSON: () => ({ password: 'p', when: new Date(0) }) }
    expect(redact({ s: secretive }, 'result').text).toBe(
      '{"s":{"password":"[REDACTED:key:password]","when":"1970-01-01T00:00:00.000Z"}}',
    )
    const self = {
      a: 1,
      toJSON() {
        return this
      },
    }
    expect(redact({ self }, 'result').text).toBe('{"self":{"a":1}}')
  })

  it('never exports what a second toJSON would return unscanned', () => {
    const inner = { toJSON: () => 'card 4111111111111111' }
    const outer = { toJSON: () => inner }
    expect(redact({ outer }, 'result').text).toBe('{"outer":{}}')
  })

  it('scans boxed strings as strings', () => {
    const out = redact({ s: new String('card 4111111111111111'), n: new Number(2) }, 'result')
    expect(out.text).toBe('{"s":"card [REDACTED:card_number]","n":2}')
  })

  it('copies a __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"password":"p"}') as object
    const out = redact(value, 'arguments')
    expect(out.text).toBe('{"__proto__":{"polluted":true},"password":"[REDACTED:key:password]"}')
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('exports no text, and says so, when a getter or toJSON throws', () => {
    const getter = {
      get boom(): string {
        throw new Error('no')
      },
    }
    const toJSON = {
      toJSON: () => {
        throw new Error('no')
      },
    }
    for (const value of [getter, { nested: toJSON }]) {
      expect(redact(value, 'result')).toEqual({
        text: undefined,
        bytes: 0,
        redactions: [{ field: 'result', rule: 'redactor_error' }],
        truncated: false,
      })
    }
  })

  it('falls back to the defaults when reading the options throws', () => {
    const options = {
      get mode(): never {
        throw new Error('no')
      },
    }
    expect(createRedactor(options)({ password: 'p' }, 'a').text).toBe(
      '{"password":"[REDACTED:key:password]"}',
    )
  })
})

describe('createRedactor custom redactor', () => {
  it('runs on every string leaf after the built-in rules, with its path', () => {
    const hook = vi.fn((path: string, _value: string) => (path.endsWith('.email') ? 'user@…' : undefined))
    const out = createRedactor({ redactor: hook })(
      { email: 'a@b.c', note: 'card 4111111111111111', n: 1, tags: ['t'] },
      'arguments',
    )
    expect(hook.mock.calls).toEqual([
      ['arguments.email', 'a@b.c'],
      ['arguments.note', 'card [REDACTED:card_number]'],
      ['arguments.tags[0]', 't'],
    ])
    expect(JSON.parse(out.text!)).toEqual({
      email: 'user@…',
      note: 'card [REDACTED:card_number]',
      n: 1,
      tags: ['t'],
    })
    expect(out.redactions).toEqual([
      { field: 'arguments.email', rule: 'custom' },
      { field: 'arguments.note', rule: 'card_number' },
    ])
  })

  it('replaces the value by a marker when the hook throws, and goes on', () => {
    const out = createRedactor({
      redactor: (path) => {
        if (path === 'result.a') throw new Error('bug')
        return undefined
      },
    })({ a: 'secret?', b: 'fine' }, 'result')
    expect(out.text).toBe('{"a":"[REDACTED:custom_error]","b":"fine"}')
    expect(out.redactions).toEqual([{ field: 'result.a', rule: 'custom_error' }])
  })

  it('cuts a replacement longer than maxStringLength', () => {
    const out = createRedactor({ maxStringLength: 5, redactor: () => 'abcdefgh' })({ a: 'x' }, 'result')
    expect(out.text).toBe('{"a":"abcde…[TRUNCATED 3 chars]"}')
    expect(out.truncated).toBe(true)
  })

  it('does not run in mode full', () => {
    const hook = vi.fn(() => 'changed')
    expect(createRedactor({ mode: 'full', redactor: hook })({ a: 'x' }, 'result').text).toBe('{"a":"x"}')
    expect(hook).not.toHaveBeenCalled()
  })
})
