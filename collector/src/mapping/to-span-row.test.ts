import { describe, expect, it } from 'vitest'
import { rfc3339ToNanos, valueToString } from './attribute-values'
import { accepted, attrs, START, span } from './test-fixtures'
import { toSpanRow } from './to-span-row'

describe('toSpanRow', () => {
  it('stores strings raw and other values as text, JSON or base64', () => {
    const row = toSpanRow(
      'p',
      accepted(
        span({
          s: 'a "quoted" string',
          i: 42,
          d: 0.5,
          b: false,
          n: null,
          bytes: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
          arr: ['x', 1, true, null, new Uint8Array([1]), [2]],
          kv: { kvlist: attrs({ a: 1, b: 'two', c: { kvlist: attrs({ d: [Number.NaN] }) } }) },
        }),
      ),
    )
    expect(row.attributes).toEqual({
      s: 'a "quoted" string',
      i: '42',
      d: '0.5',
      b: 'false',
      n: '',
      bytes: '3q2+7w==',
      arr: '["x",1,true,null,"AQ==",[2]]',
      kv: '{"a":1,"b":"two","c":{"d":["NaN"]}}',
    })
  })

  it('keeps a __proto__ attribute as an ordinary key of a null-prototype map', () => {
    // NB: a computed key, so this really is an own property and not a prototype write.
    const key = '__proto__'
    const values = attrs({})
    values[key] = 'x'
    const row = toSpanRow('p', accepted(span({}, { attributes: values })))
    expect(Object.getPrototypeOf(row.attributes)).toBeNull()
    expect(Object.keys(row.attributes)).toEqual(['__proto__'])
    expect(row.attributes[key]).toBe('x')
  })

  it('names kinds and statuses, and clamps a negative duration to 0', () => {
    const row = toSpanRow(
      'p',
      accepted(span({}, { kind: 9, status: { code: 1, message: '' }, endTimeUnixNano: START - 1n })),
    )
    expect(row).toMatchObject({ kind: 'UNSPECIFIED', status_code: 'OK', duration_ns: 0 })
    expect(toSpanRow('p', accepted(span({}, { kind: 5 }))).kind).toBe('CONSUMER')
  })

  it('writes times as decimal unix nanoseconds', () => {
    const row = toSpanRow('p', accepted(span({})))
    expect(row.timestamp).toBe('1750239000000000000')
    expect(row.end_timestamp).toBe('1750239000002500000')
  })

  it('leaves service_name empty when the resource has none', () => {
    expect(toSpanRow('p', accepted(span({}), { resource: {} })).service_name).toBe('')
  })
})

describe('valueToString', () => {
  it('encodes big int64 that arrived as decimal strings unchanged', () => {
    expect(valueToString('9223372036854775807')).toBe('9223372036854775807')
    expect(valueToString(Number.POSITIVE_INFINITY)).toBe('Infinity')
  })
})

describe('rfc3339ToNanos', () => {
  it.each([
    ['2025-06-18T09:00:00Z', '1750237200000000000'],
    ['2025-06-18T09:00:00.5Z', '1750237200500000000'],
    ['2025-06-18T09:00:00.123456789Z', '1750237200123456789'],
    ['2025-06-18T11:00:00.1234+02:00', '1750237200123400000'],
    ['2025-06-18T09:00:00.5+01:00', '1750233600500000000'],
    ['yesterday', ''],
  ])('%s → %s', (text, nanos) => {
    expect(rfc3339ToNanos(text)).toBe(nanos)
  })
})
