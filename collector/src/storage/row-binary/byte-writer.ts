const TWO_32 = 2 ** 32

/**
 * A growable little-endian byte buffer with the primitives of ClickHouse's RowBinary
 * (https://clickhouse.com/docs/interfaces/formats/RowBinary): LEB128 lengths,
 * length-prefixed UTF-8 strings, fixed-width integers and floats.
 */
export class ByteWriter {
  private buffer: Buffer
  private view: DataView
  private position = 0

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes)
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength)
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.position)
  }

  uint8(value: number): void {
    this.reserve(1)
    this.buffer[this.position++] = value
  }

  uint16(value: number): void {
    this.reserve(2)
    this.view.setUint16(this.position, value, true)
    this.position += 2
  }

  uint32(value: number): void {
    this.reserve(4)
    this.view.setUint32(this.position, value, true)
    this.position += 4
  }

  /** Two's complement 64-bit value given as its low and high 32-bit halves (each 0 … 2³²-1). */
  uint64Halves(low: number, high: number): void {
    this.reserve(8)
    this.view.setUint32(this.position, low, true)
    this.view.setUint32(this.position + 4, high, true)
    this.position += 8
  }

  /** A safe integer (|value| ≤ 2⁵³-1) as a 64-bit two's complement value. */
  int64(value: number): void {
    const low = value % TWO_32
    const high = Math.floor(value / TWO_32)
    this.uint64Halves(low < 0 ? low + TWO_32 : low, high < 0 ? high + TWO_32 : high)
  }

  bigInt64(value: bigint): void {
    this.reserve(8)
    this.view.setBigUint64(this.position, BigInt.asUintN(64, value), true)
    this.position += 8
  }

  float32(value: number): void {
    this.reserve(4)
    this.view.setFloat32(this.position, value, true)
    this.position += 4
  }

  float64(value: number): void {
    this.reserve(8)
    this.view.setFloat64(this.position, value, true)
    this.position += 8
  }

  /** Unsigned LEB128, the length prefix of strings, arrays and maps. */
  varUInt(value: number): void {
    this.reserve(10)
    let rest = value
    while (rest >= 0x80) {
      this.buffer[this.position++] = (rest % 0x80) | 0x80
      rest = Math.floor(rest / 0x80)
    }
    this.buffer[this.position++] = rest
  }

  /**
   * UTF-8 bytes prefixed with their length. Lone surrogates become U+FFFD, as in
   * `Buffer.from(text)` and `JSON.stringify` → engine, so both insert paths store the same bytes.
   */
  string(text: string): void {
    const length = text.length
    // Short strings (the bulk: ids, names, attribute keys) fit a one-byte length even at
    // 3 bytes per UTF-16 unit; ASCII is copied by hand, which beats a native call at this size.
    if (length < 43) {
      this.reserve(1 + length * 3)
      const buffer = this.buffer
      const start = this.position + 1
      let end = start
      for (let i = 0; i < length; i++) {
        const code = text.charCodeAt(i)
        if (code >= 0x80) {
          end = start + buffer.write(text, start, 'utf8')
          break
        }
        buffer[end++] = code
      }
      buffer[this.position] = end - start
      this.position = end
      return
    }
    const byteLength = Buffer.byteLength(text, 'utf8')
    this.varUInt(byteLength)
    this.reserve(byteLength)
    this.position += this.buffer.write(text, this.position, 'utf8')
  }

  /** Raw bytes, no prefix. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length)
    this.buffer.set(bytes, this.position)
    this.position += bytes.length
  }

  private reserve(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes))
    this.buffer.copy(grown, 0, 0, this.position)
    this.buffer = grown
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength)
  }
}
