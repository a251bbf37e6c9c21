import type { ByteWriter } from './byte-writer'
import { type ColumnType, parseColumnType, type ScalarName } from './column-type'

/**
 * Writes one value in RowBinary. Returns false, having written a partial value, when
 * the value is not one the writer represents exactly as the engine's JSON parser would
 * read it (a missing value, another JS type, a number out of range, a time string in
 * another form): the caller then sends the whole insert as text, where the engine
 * applies its own rules (column defaults for missing values) or refuses the data.
 */
export type ValueWriter = (writer: ByteWriter, value: unknown) => boolean

const cache = new Map<string, ValueWriter | null>()

/** The writer for a ClickHouse type string, or undefined when the encoder has none. */
export function valueWriterFor(type: string): ValueWriter | undefined {
  let writer = cache.get(type)
  if (writer === undefined) {
    const parsed = parseColumnType(type)
    writer = parsed === undefined ? null : compile(parsed)
    cache.set(type, writer)
  }
  return writer ?? undefined
}

function compile(type: ColumnType): ValueWriter {
  switch (type.kind) {
    case 'scalar':
      return type.name === 'DateTime64' ? dateTime64Writer(type.scale ?? 3) : SCALAR_WRITERS[type.name]
    case 'nullable': {
      const inner = compile(type.inner)
      return (writer, value) => {
        if (value === null) {
          writer.uint8(1)
          return true
        }
        writer.uint8(0)
        return inner(writer, value)
      }
    }
    case 'array': {
      const element = compile(type.element)
      return (writer, value) => {
        if (!Array.isArray(value)) return false
        writer.varUInt(value.length)
        for (let i = 0; i < value.length; i++) if (!element(writer, value[i])) return false
        return true
      }
    }
    case 'map': {
      const key = compile(type.key)
      const entry = compile(type.value)
      return (writer, value) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
        // Own enumerable keys, in the order JSON.stringify would send them.
        const keys = Object.keys(value)
        writer.varUInt(keys.length)
        for (let i = 0; i < keys.length; i++) {
          const name = keys[i] as string
          if (!key(writer, name) || !entry(writer, (value as Record<string, unknown>)[name])) return false
        }
        return true
      }
    }
  }
}

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

const SCALAR_WRITERS: Record<Exclude<ScalarName, 'DateTime64'>, ValueWriter> = {
  String: (writer, value) => {
    if (typeof value !== 'string') return false
    writer.string(value)
    return true
  },
  UInt8: fixedWidth(0, 0xff, (writer, value) => writer.uint8(value)),
  UInt16: fixedWidth(0, 0xffff, (writer, value) => writer.uint16(value)),
  UInt32: fixedWidth(0, 0xffff_ffff, (writer, value) => writer.uint32(value)),
  // 64-bit values arrive as numbers; beyond 2⁵³ JSON would not carry them exactly either.
  UInt64: fixedWidth(0, Number.MAX_SAFE_INTEGER, (writer, value) => writer.int64(value)),
  Int8: fixedWidth(-0x80, 0x7f, (writer, value) => writer.uint8(value & 0xff)),
  Int16: fixedWidth(-0x8000, 0x7fff, (writer, value) => writer.uint16(value & 0xffff)),
  Int32: fixedWidth(-0x8000_0000, 0x7fff_ffff, (writer, value) => writer.uint32(value >>> 0)),
  Int64: fixedWidth(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, (writer, value) => writer.int64(value)),
  // Seconds since the epoch, as the engine reads an unquoted JSON integer.
  DateTime: fixedWidth(0, 0xffff_ffff, (writer, value) => writer.uint32(value)),
  Bool: (writer, value) => {
    if (typeof value !== 'boolean') return false
    writer.uint8(value ? 1 : 0)
    return true
  },
  Float32: (writer, value) => {
    // JSON has no NaN or Infinity (JSON.stringify sends null): leave those to the text path.
    if (typeof value !== 'number' || !Number.isFinite(value)) return false
    writer.float32(value)
    return true
  },
  Float64: (writer, value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return false
    writer.float64(value)
    return true
  },
}

function fixedWidth(
  min: number,
  max: number,
  write: (writer: ByteWriter, value: number) => void,
): ValueWriter {
  return (writer, value) => {
    if (!isInteger(value, min, max)) return false
    write(writer, value)
    return true
  }
}

const INT64_MAX_DIGITS = '9223372036854775807'
const DIGITS = /^\d+$/
const TWO_16 = 2 ** 16
const TWO_32 = 2 ** 32

/**
 * DateTime64(scale) from a decimal string of unix time, as the engine's text parser reads
 * one: 19 digits are nanoseconds, 16 microseconds, 13 milliseconds (ten digits of seconds,
 * then the fraction), truncated or padded to the column's scale. Other forms (shorter
 * numbers read as seconds or as dates, ISO text) are left to the text path.
 */
function dateTime64Writer(scale: number): ValueWriter {
  return (writer, value) => {
    if (typeof value !== 'string') return false
    const length = value.length
    if ((length !== 19 && length !== 16 && length !== 13) || !DIGITS.test(value)) return false
    const fractionDigits = length - 10
    if (fractionDigits === scale) {
      if (length === 19) {
        if (value > INT64_MAX_DIGITS) return false
        writeNineteenDigits(writer, value)
      } else {
        // At most 16 digits: exact as a double only up to 2⁵³.
        const ticks = Number(value)
        if (ticks > Number.MAX_SAFE_INTEGER) writer.bigInt64(BigInt(value))
        else writer.int64(ticks)
      }
      return true
    }
    let ticks = BigInt(value)
    ticks =
      fractionDigits > scale
        ? ticks / 10n ** BigInt(fractionDigits - scale)
        : ticks * 10n ** BigInt(scale - fractionDigits)
    if (ticks > 0x7fff_ffff_ffff_ffffn) return false
    writer.bigInt64(ticks)
    return true
  }
}

/**
 * A 19-digit decimal (≤ 2⁶³-1) as two 32-bit halves without BigInt: the value is
 * seconds·10⁹ + nanoseconds, and every partial product below stays under 2⁵³.
 */
function writeNineteenDigits(writer: ByteWriter, digits: string): void {
  const seconds = Number(digits.slice(0, 10)) // < 2³⁴
  const nanos = Number(digits.slice(10)) // < 10⁹
  const secondsHigh = Math.floor(seconds / TWO_16) // < 2¹⁸
  const lowPart = (seconds % TWO_16) * 1e9 + nanos // < 2⁴⁷
  const highPart = secondsHigh * 1e9 // < 2⁴⁸, to be shifted left by 16 bits
  const sum = (highPart % TWO_16) * TWO_16 + lowPart // < 2⁴⁸
  writer.uint64Halves(sum % TWO_32, Math.floor(highPart / TWO_16) + Math.floor(sum / TWO_32))
}
