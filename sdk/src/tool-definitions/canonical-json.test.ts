import { describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from './canonical-json.js'

describe('canonicalJson', () => {
  it('sorts object keys at every level and writes no whitespace', () => {
    const a = {
      type: 'object',
      properties: { b: { type: 'string' }, a: { type: 'number' } },
      required: ['b'],
    }
    const b = {
      required: ['b'],
      properties: { a: { type: 'number' }, b: { type: 'string' } },
      type: 'object',
    }
    const text =
      '{"properties":{"a":{"type":"number"},"b":{"type":"string"}},"required":["b"],"type":"object"}'
    expect(canonicalJson(a)).toBe(text)
    expect(canonicalJson(b)).toBe(text)
  })

  it('keeps array order, including nested arrays of objects', () => {
    expect(canonicalJson([[3, 1], [{ z: 1, a: [2, 1] }], []])).toBe('[[3,1],[{"a":[2,1],"z":1}],[]]')
  })

  it('sorts keys by UTF-16 code unit, not by locale or code point', () => {
    // U+FF61 is one code unit (0xFF61); U+1F600 is the surrogate pair 0xD83D 0xDE00, so it sorts first.
    const value = { '\uff61': 1, '😀': 2, b: 3, B: 4, é: 5, '': 6 }
    expect(canonicalJson(value)).toBe('{"":6,"B":4,"b":3,"é":5,"😀":2,"｡":1}')
  })

  it('escapes strings as JSON.stringify does and keeps other unicode as is', () => {
    expect(canonicalJson({ s: 'a"b\\c\n\u0001 café 𝄞' })).toBe('{"s":"a\\"b\\\\c\\n\\u0001 café 𝄞"}')
    expect(canonicalJson('\ud800')).toBe('"\\ud800"')
  })

  it('drops undefined, function and symbol members of objects and writes null for them in arrays', () => {
    const value = { a: undefined, b: () => 1, c: Symbol('c'), d: [undefined, () => 1], e: null }
    expect(canonicalJson(value)).toBe('{"d":[null,null],"e":null}')
  })

  it('writes numbers as JSON.stringify does', () => {
    expect(canonicalJson([1, -0, 1.5, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY])).toBe(
      '[1,0,1.5,1e+21,1e-7,null,null]',
    )
  })

  it('honours toJSON', () => {
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}')
  })

  it('matches JSON.stringify on key-sorted data', () => {
    const value = { a: [1, 'x', true, null, { b: false }], c: { d: 'é' } }
    expect(canonicalJson(value)).toBe(JSON.stringify(value))
  })

  it('degrades instead of throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(canonicalJson(cyclic)).toBe('{"a":1,"self":null}')
    expect(canonicalJson(undefined)).toBe('null')
    expect(canonicalJson(10n)).toBe('10')
    const throwing = {
      get bad() {
        throw new Error('getter')
      },
    }
    expect(canonicalJson(throwing)).toBe('null')
    let deep: unknown = 'leaf'
    for (let i = 0; i < 10_000; i++) deep = [deep]
    expect(canonicalJson(deep)).toMatch(/^\[+null\]+$/)
  })

  it('writes a shared (non-cyclic) object every time it appears', () => {
    const shared = { x: 1 }
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}')
  })

  it('does not mutate its input', () => {
    const value = { b: [2, 1], a: { d: 1, c: 2 } }
    const before = JSON.stringify(value)
    canonicalJson(value)
    expect(JSON.stringify(value)).toBe(before)
  })
})

describe('sha256Hex', () => {
  it('matches known vectors, hashing UTF-8', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('café ☕ 𝄞')).toBe('30ec1cbccafc39251eaa999b7dcd27fd57c0b4cc04d8d5e6b55037c57f9005b4')
  })

  it('encodes a lone surrogate as U+FFFD', () => {
    expect(sha256Hex('\ud800')).toBe(sha256Hex('\ufffd'))
    expect(sha256Hex('\ufffd')).toBe('83d544ccc223c057d2bf80d3f2a32982c32c3c0db8e2674820da5064783fb097')
  })
})
