import { Buffer } from 'node:buffer'
import type { CollectorError } from '../errors'
import { decodeError, int64FromWords } from './decode-shared'

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const

/** Nested unknown groups skipped at most this deep (proto2 groups never appear in OTLP). */
const MAX_GROUP_DEPTH = 16

/** Strings up to this many bytes go through {@link STRING_CACHE}. */
const MAX_CACHED_LENGTH = 32
const STRING_CACHE_SIZE = 4096
/**
 * Recently decoded short strings by hash slot, shared by all requests: keys and
 * enum-like values repeat across requests, not just within one. A pure memo keyed by the
 * exact bytes — bounded (~200 KiB), a collision only costs a decode, and a hit returns
 * a string equal to what decoding those bytes would give.
 */
const STRING_CACHE: string[] = new Array<string>(STRING_CACHE_SIZE).fill('')
/** The UTF-8 bytes of each cached string, `MAX_CACHED_LENGTH` per slot: comparing bytes beats `charCodeAt`. */
const CACHE_BYTES = new Uint8Array(STRING_CACHE_SIZE * MAX_CACHED_LENGTH)
// NB: a little-endian word view, matching `getUint32(…, true)`; every platform Node runs on is LE.
const CACHE_WORDS = new Uint32Array(CACHE_BYTES.buffer)
/** Byte length of each slot's string; 0 marks an empty slot (the empty string never gets here). */
const CACHE_LENGTHS = new Uint8Array(STRING_CACHE_SIZE)

/**
 * A bounds-checked cursor over one protobuf message tree.
 *
 * Decoders call it with the end offset of the message they are in, so a length that
 * points past its parent is caught before anything is sliced or allocated. Every
 * failure is a `CollectorError('OTLP.DECODE')`; no read ever goes past the buffer.
 *
 * NB: one instance per request; the methods are deliberately small and monomorphic so
 * V8 inlines them into the decode loops.
 */
export class ProtoReader {
  /** Current offset into {@link bytes}. */
  pos = 0
  /** Longest string or bytes value read so far, in bytes (decode stats for validation). */
  maxValueLength = 0
  /** Most attributes seen in one list so far; the decoders keep it up to date. */
  maxAttributes = 0
  /** Total length of the message tree. */
  readonly end: number
  readonly bytes: Uint8Array
  private readonly view: DataView
  // A Buffer view of the same memory: its native `utf8Slice` is the fastest decode in Node
  // (undocumented but long-standing; protobufjs relies on it too, with the same fallback).
  private readonly text: Buffer & {
    utf8Slice?(start: number, end: number): string
    hexSlice?(start: number, end: number): string
  }

  constructor(bytes: Uint8Array) {
    // A plain view even for a Buffer: `slice` must copy (Buffer's is a view) and element
    // access stays monomorphic.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.end = bytes.length
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** Reads a field tag (`field << 3 | wireType`); field number 0 is malformed. */
  tag(): number {
    const tag = this.uint32()
    if (tag < 8) throw this.fail(`invalid tag ${tag}`)
    return tag
  }

  /** Reads a varint and keeps its low 32 bits, unsigned (uint32, and enums via `| 0`). */
  uint32(): number {
    const pos = this.pos
    if (pos + 1 < this.end) {
      const b0 = this.bytes[pos]!
      if (b0 < 0x80) {
        this.pos = pos + 1
        return b0
      }
      const b1 = this.bytes[pos + 1]!
      if (b1 < 0x80) {
        this.pos = pos + 2
        return (b0 & 0x7f) | (b1 << 7)
      }
    }
    return this.uint32Slow()
  }

  private uint32Slow(): number {
    let value = 0
    let pos = this.pos
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= this.end) throw this.fail('truncated varint', pos)
      const b = this.bytes[pos++]!
      if (shift < 32) value |= (b & 0x7f) << shift
      if (b < 0x80) {
        this.pos = pos
        return value >>> 0
      }
    }
    throw this.fail('varint longer than 10 bytes')
  }

  /** Reads an int64 varint: a number when it is a safe integer, else a decimal string. */
  int64(): number | string {
    const pos = this.pos
    if (pos < this.end && this.bytes[pos]! < 0x80) {
      this.pos = pos + 1
      return this.bytes[pos]!
    }
    let lo = 0
    let hi = 0
    let p = pos
    for (let i = 0; i < 10; i++) {
      if (p >= this.end) throw this.fail('truncated varint', p)
      const b = this.bytes[p++]!
      const bits = b & 0x7f
      if (i < 4) lo |= bits << (7 * i)
      else if (i === 4) {
        lo |= bits << 28
        hi |= bits >>> 4
      } else hi |= bits << (7 * i - 32)
      if (b < 0x80) {
        this.pos = p
        return int64FromWords(lo >>> 0, hi >>> 0)
      }
    }
    throw this.fail('varint longer than 10 bytes')
  }

  /** Reads a boolean varint (any non-zero value is true, as protobuf decoders agree). */
  bool(): boolean {
    const pos = this.pos
    if (pos < this.end) {
      const b = this.bytes[pos]!
      if (b < 0x80) {
        this.pos = pos + 1
        return b !== 0
      }
    }
    return this.varintIsNonZero()
  }

  private varintIsNonZero(): boolean {
    let nonZero = false
    let pos = this.pos
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw this.fail('truncated varint', pos)
      const b = this.bytes[pos++]!
      if ((b & 0x7f) !== 0) nonZero = true
      if (b < 0x80) {
        this.pos = pos
        return nonZero
      }
    }
    throw this.fail('varint longer than 10 bytes')
  }

  /**
   * Reads a length prefix and returns the end offset of the payload that follows.
   * The payload must fit inside `limit`, the end of the enclosing message.
   */
  lenEnd(limit: number): number {
    const pos = this.pos
    let len: number
    if (pos < this.end && this.bytes[pos]! < 0x80) {
      len = this.bytes[pos]!
      this.pos = pos + 1
    } else {
      len = this.lengthSlow()
    }
    if (len > limit - this.pos) throw this.fail(`length ${len} past the end of the message`, pos)
    return this.pos + len
  }

  private lengthSlow(): number {
    // Computed as a double: anything beyond 2^53 is far past any real body and fails the bound check.
    let value = 0
    let scale = 1
    let pos = this.pos
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw this.fail('truncated varint', pos)
      const b = this.bytes[pos++]!
      value += (b & 0x7f) * scale
      scale *= 128
      if (b < 0x80) {
        this.pos = pos
        return value
      }
    }
    throw this.fail('varint longer than 10 bytes')
  }

  /** Reads a length-delimited UTF-8 string (invalid sequences become U+FFFD, as in every OTel decoder). */
  string(limit: number): string {
    const end = this.lenEnd(limit)
    const start = this.pos
    this.pos = end
    if (end - start > this.maxValueLength) this.maxValueLength = end - start
    if (end === start) return ''
    return end - start <= MAX_CACHED_LENGTH ? this.shortString(start, end) : this.utf8(start, end)
  }

  /**
   * Attribute keys and most short values repeat in every span (`mcp.method.name`,
   * `tools/call`, `tcp`): hashing the bytes and reusing the string decoded last time is
   * several times cheaper than a native decode, and hands V8 an already-internalized key.
   */
  private shortString(start: number, end: number): string {
    const b = this.bytes
    const n = end - start
    // A sampled hash: cheap, and the full comparison below decides anyway.
    const hash =
      Math.imul(n, 0x9e3779b1) ^
      Math.imul(b[start]! | (b[end - 1]! << 8) | (b[start + (n >> 1)]! << 16), 0x85ebca6b) ^
      Math.imul(b[Math.max(start, end - 2)]! | (b[Math.max(start, end - 3)]! << 8), 0xc2b2ae35)
    const slot = (hash ^ (hash >>> 15)) & (STRING_CACHE_SIZE - 1)
    const at = slot * MAX_CACHED_LENGTH
    if (CACHE_LENGTHS[slot] === n) {
      // Four bytes per step; the input is unaligned, so its words come through the DataView.
      const words = at >> 2
      const view = this.view
      let i = 0
      while (i + 4 <= n && CACHE_WORDS[words + (i >> 2)] === view.getUint32(start + i, true)) i += 4
      if (i + 4 > n) {
        while (i < n && CACHE_BYTES[at + i] === b[start + i]) i++
        if (i === n) return STRING_CACHE[slot]!
      }
    }
    // Keyed by the bytes, so any decode (even of invalid UTF-8) can be reused as is.
    const fresh = this.utf8(start, end)
    STRING_CACHE[slot] = fresh
    CACHE_LENGTHS[slot] = n
    CACHE_BYTES.set(b.subarray(start, end), at)
    return fresh
  }

  private utf8(start: number, end: number): string {
    return this.text.utf8Slice === undefined
      ? this.text.toString('utf8', start, end)
      : this.text.utf8Slice(start, end)
  }

  /** Reads length-delimited bytes into a fresh copy, so values never pin the request buffer. */
  byteArray(limit: number): Uint8Array {
    const end = this.lenEnd(limit)
    const start = this.pos
    this.pos = end
    if (end - start > this.maxValueLength) this.maxValueLength = end - start
    return this.bytes.slice(start, end)
  }

  /**
   * Reads a length-delimited id of `size` bytes as lowercase hex: '' for an empty id,
   * `wrongLength` for one that is present but not `size` bytes long.
   */
  hexId(limit: number, size: number, wrongLength: string): string {
    const end = this.lenEnd(limit)
    const start = this.pos
    this.pos = end
    if (end - start !== size) return end === start ? '' : wrongLength
    // Native hex beats a lookup-table loop here (~3×): it returns one flat string, not a rope.
    return this.text.hexSlice === undefined
      ? this.text.toString('hex', start, end)
      : this.text.hexSlice(start, end)
  }

  /** Reads a little-endian fixed64 (times in nanoseconds) exactly. */
  fixed64(limit: number): bigint {
    const pos = this.pos
    if (pos + 8 > limit) throw this.fail('truncated fixed64')
    this.pos = pos + 8
    return this.view.getBigUint64(pos, true)
  }

  /** Reads a little-endian fixed32. */
  fixed32(limit: number): number {
    const pos = this.pos
    if (pos + 4 > limit) throw this.fail('truncated fixed32')
    this.pos = pos + 4
    const b = this.bytes
    return (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0
  }

  /** Reads a little-endian IEEE 754 double. */
  double(limit: number): number {
    const pos = this.pos
    if (pos + 8 > limit) throw this.fail('truncated double')
    this.pos = pos + 8
    return this.view.getFloat64(pos, true)
  }

  /** Skips the payload of a field this decoder does not know (forward compatibility). */
  skip(tag: number, limit: number): void {
    switch (tag & 7) {
      case WireType.VARINT:
        this.skipVarint()
        return
      case WireType.I64:
        this.advance(8, limit)
        return
      case WireType.LEN:
        this.pos = this.lenEnd(limit)
        return
      case WireType.SGROUP:
        this.skipGroup(tag >>> 3, limit, 0)
        return
      case WireType.I32:
        this.advance(4, limit)
        return
      default:
        throw this.fail(`unexpected wire type ${tag & 7}`)
    }
  }

  /** Fails unless the message that ends at `end` was consumed exactly. */
  expectEnd(end: number): void {
    if (this.pos !== end) throw this.fail('field runs past the end of its message')
  }

  private skipVarint(): void {
    let pos = this.pos
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw this.fail('truncated varint', pos)
      if (this.bytes[pos++]! < 0x80) {
        this.pos = pos
        return
      }
    }
    throw this.fail('varint longer than 10 bytes')
  }

  private advance(n: number, limit: number): void {
    if (this.pos + n > limit) throw this.fail(`truncated ${n * 8}-bit field`)
    this.pos += n
  }

  private skipGroup(field: number, limit: number, depth: number): void {
    if (depth >= MAX_GROUP_DEPTH) throw this.fail('groups nested too deep')
    for (;;) {
      if (this.pos >= limit) throw this.fail('unterminated group')
      const tag = this.tag()
      if ((tag & 7) === WireType.EGROUP) {
        if (tag >>> 3 !== field) throw this.fail('mismatched end of group')
        return
      }
      if ((tag & 7) === WireType.SGROUP) this.skipGroup(tag >>> 3, limit, depth + 1)
      else this.skip(tag, limit)
    }
  }

  /** Builds the decode error for the current (or given) offset. */
  fail(message: string, at = this.pos): CollectorError {
    return decodeError(`invalid protobuf: ${message} at byte ${at}`)
  }
}
