import { describe, expect, it } from 'vitest'
import { int64FromWords } from './decode-shared'
import { ProtoReader } from './proto-reader'
import { pb } from './test-protobuf'

const reader = (...bytes: number[][]) => new ProtoReader(pb.bytes(...bytes))

describe('ProtoReader', () => {
  it('reads varints of every length as uint32, keeping the low 32 bits', () => {
    for (const n of [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 21, 2 ** 28, 2 ** 32 - 1]) {
      const r = reader(pb.varint(n))
      expect(r.uint32()).toBe(n)
      expect(r.pos).toBe(r.end)
    }
    expect(reader(pb.varint(2n ** 32n + 5n)).uint32()).toBe(5)
    expect(reader(pb.varint(-2)).uint32() | 0).toBe(-2)
  })

  it('reads int64 varints as numbers when safe, else as decimal strings', () => {
    const int64 = (n: bigint) => reader(pb.varint(n)).int64()
    expect(int64(0n)).toBe(0)
    expect(int64(300n)).toBe(300)
    expect(int64(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER)
    expect(int64(2n ** 53n)).toBe('9007199254740992')
    expect(int64(-5n)).toBe(-5)
    expect(int64(-(2n ** 63n))).toBe('-9223372036854775808')
  })

  it('reads bools, fixed32, fixed64 and doubles', () => {
    expect(reader([0x00]).bool()).toBe(false)
    expect(reader(pb.varint(2n ** 35n)).bool()).toBe(true)
    expect(reader([0x80, 0x00]).bool()).toBe(false)
    const r = reader(pb.fixed32(1, 0xfffffffe), pb.fixed64(2, 2n ** 64n - 2n), pb.double(3, -1.5))
    r.tag()
    expect(r.fixed32(r.end)).toBe(0xfffffffe)
    r.tag()
    expect(r.fixed64(r.end)).toBe(2n ** 64n - 2n)
    r.tag()
    expect(r.double(r.end)).toBe(-1.5)
  })

  it('reads ids as lowercase hex, empty ids as empty and others as the given marker', () => {
    const hexId = (...bytes: number[]) => {
      const r = reader(bytes)
      return r.hexId(r.end, 8, 'bad')
    }
    expect(hexId(8, 0xb7, 0xad, 0x6b, 0x71, 0x69, 0x20, 0x33, 0x31)).toBe('b7ad6b7169203331')
    expect(hexId(0)).toBe('')
    expect(hexId(2, 1, 2)).toBe('bad')
  })

  it('never mixes up short strings that share a cache slot', () => {
    // Same length, same first/middle/last bytes: only the full comparison tells them apart.
    const a = 'kAAAA_xyzw'
    const b = 'kBBBB_xyzw'
    const body = pb.bytes(...[a, b, a, b, 'ü-ñ', 'ü-ñ', a].map((s) => pb.str(1, s)))
    const r = new ProtoReader(body)
    const seen: string[] = []
    while (r.pos < r.end) {
      r.tag()
      seen.push(r.string(r.end))
    }
    expect(seen).toEqual([a, b, a, b, 'ü-ñ', 'ü-ñ', a])
  })

  it('decodes long strings and strings with multi-byte characters', () => {
    const long = `${'x'.repeat(500)}🚀`
    const r = reader(pb.str(1, long), pb.str(2, '日本語'))
    r.tag()
    expect(r.string(r.end)).toBe(long)
    r.tag()
    expect(r.string(r.end)).toBe('日本語')
  })

  it('skips a field of every wire type, including nested groups', () => {
    const r = reader(pb.unknownFields(1), pb.uint(9, 1))
    while (r.pos < r.end) {
      const tag = r.tag()
      if (tag >>> 3 === 9) expect(r.uint32()).toBe(1)
      else r.skip(tag, r.end)
    }
    expect(r.pos).toBe(r.end)
  })
})

describe('int64FromWords', () => {
  it('converts two unsigned words of a two’s-complement int64', () => {
    expect(int64FromWords(0, 0)).toBe(0)
    expect(int64FromWords(0xffffffff, 0x1fffff)).toBe(Number.MAX_SAFE_INTEGER)
    expect(int64FromWords(0, 0x200000)).toBe('9007199254740992')
    expect(int64FromWords(0xffffffff, 0xffffffff)).toBe(-1)
    expect(int64FromWords(1, 0xffe00000)).toBe(-Number.MAX_SAFE_INTEGER)
    expect(int64FromWords(0, 0xffe00000)).toBe('-9007199254740992')
    expect(int64FromWords(0xffffffff, 0x7fffffff)).toBe('9223372036854775807')
    expect(int64FromWords(0, 0x80000000)).toBe('-9223372036854775808')
  })
})
