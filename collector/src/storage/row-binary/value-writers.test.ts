import { describe, expect, it } from 'vitest'
import { ByteWriter } from './byte-writer'
import { valueWriterFor } from './value-writers'

/** The bytes `value` is written as for `type`, or undefined when the writer declines it. */
function encode(type: string, value: unknown): number[] | undefined {
  const writer = new ByteWriter(4)
  const write = valueWriterFor(type)
  if (write === undefined) throw new Error(`no writer for ${type}`)
  return write(writer, value) ? [...writer.bytes()] : undefined
}

const int64 = (value: bigint) => {
  const bytes = Buffer.alloc(8)
  bytes.writeBigInt64LE(value)
  return [...bytes]
}

describe('valueWriterFor', () => {
  it('writes strings with a LEB128 length, as UTF-8, lone surrogates as U+FFFD', () => {
    expect(encode('String', '')).toEqual([0])
    expect(encode('LowCardinality(String)', 'ab')).toEqual([2, 0x61, 0x62])
    expect(encode('String', 'é')).toEqual([2, 0xc3, 0xa9])
    expect(encode('String', '\ud800')).toEqual([3, 0xef, 0xbf, 0xbd])
    const long = 'x'.repeat(200)
    expect(encode('String', long)).toEqual([0xc8, 0x01, ...Buffer.from(long)])
    const longUnicode = '😀'.repeat(40)
    expect(encode('String', longUnicode)).toEqual([0xa0, 0x01, ...Buffer.from(longUnicode)])
  })

  it('writes integers little-endian within their range', () => {
    expect(encode('UInt32', 0xffff_ffff)).toEqual([0xff, 0xff, 0xff, 0xff])
    expect(encode('UInt16', 0x1234)).toEqual([0x34, 0x12])
    expect(encode('Int32', -2)).toEqual([0xfe, 0xff, 0xff, 0xff])
    expect(encode('UInt64', Number.MAX_SAFE_INTEGER)).toEqual(int64(BigInt(Number.MAX_SAFE_INTEGER)))
    expect(encode('Int64', -1)).toEqual(int64(-1n))
    expect(encode('Bool', true)).toEqual([1])
  })

  it('writes DateTime64 from 19, 16 or 13 digits as the engine reads them', () => {
    for (const digits of [
      '0000000000000000000',
      '1700000000123456789',
      '9223372036854775807',
      '4294967296000000001',
    ])
      expect(encode('DateTime64(9)', digits), digits).toEqual(int64(BigInt(digits)))
    expect(encode('DateTime64(3)', '1700000000123')).toEqual(int64(1_700_000_000_123n))
    // Nanoseconds into a millisecond column are truncated; milliseconds into nanoseconds are scaled.
    expect(encode('DateTime64(3)', '1700000000123456789')).toEqual(int64(1_700_000_000_123n))
    expect(encode('DateTime64(9)', '1700000000123')).toEqual(int64(1_700_000_000_123_000_000n))
    expect(encode('DateTime64(6)', '1700000000123456')).toEqual(int64(1_700_000_000_123_456n))
  })

  it('agrees with BigInt over the whole Int64 range of 19-digit times', () => {
    let value = 1n
    for (let i = 0; i < 2_000; i++) {
      value = (value * 6364136223846793005n + 1442695040888963407n) % 2n ** 63n // deterministic spread
      const digits = value.toString().padStart(19, '0')
      expect(encode('DateTime64(9)', digits), digits).toEqual(int64(value))
    }
  })

  it('writes arrays and maps with a count, then their items', () => {
    expect(encode('Array(String)', [])).toEqual([0])
    expect(encode('Array(UInt8)', [1, 2])).toEqual([2, 1, 2])
    expect(encode('Map(LowCardinality(String), String)', {})).toEqual([0])
    expect(encode('Map(LowCardinality(String), String)', { a: 'b' })).toEqual([1, 1, 0x61, 1, 0x62])
    expect(encode('Nullable(UInt8)', null)).toEqual([1])
    expect(encode('Nullable(UInt8)', 7)).toEqual([0, 7])
  })

  it('declines what it cannot write exactly as the JSON parser would read it', () => {
    const declined: [string, unknown][] = [
      ['String', undefined],
      ['String', null],
      ['String', 5],
      ['UInt8', 256],
      ['UInt32', -1],
      ['UInt32', 1.5],
      ['UInt32', '7'],
      ['UInt64', 2 ** 53],
      ['Float64', Number.NaN],
      ['Bool', 1],
      ['DateTime64(9)', '1700000000'], // seconds
      ['DateTime64(9)', '170000000012345678'], // 18 digits: refused by the engine
      ['DateTime64(9)', '9223372036854775808'], // past Int64
      ['DateTime64(9)', '2024-01-01 00:00:00'],
      ['DateTime64(9)', 1_700_000_000_123], // a number, not a string
      ['Array(String)', 'a'],
      ['Array(String)', ['a', 1]],
      ['Map(LowCardinality(String), String)', null],
      ['Map(LowCardinality(String), String)', ['a']],
      ['Map(LowCardinality(String), String)', { a: 1 }],
    ]
    for (const [type, value] of declined)
      expect(encode(type, value), `${type} ${String(value)}`).toBeUndefined()
  })
})
