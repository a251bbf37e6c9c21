/**
 * Test-only protobuf builders: hand-crafted messages with unknown fields, odd wire types
 * and broken lengths, which no real exporter would produce. Not exported from the package.
 */

/** Bytes of a protobuf field or message, for hand-crafted test messages. */
export type Bytes = number[]

/** Hand-rolled protobuf encoding for tests: unknown fields, odd wire types, broken messages. */
export const pb = {
  varint(value: number | bigint): Bytes {
    let n = BigInt.asUintN(64, BigInt(value))
    const out: Bytes = []
    while (n > 0x7fn) {
      out.push(Number(n & 0x7fn) | 0x80)
      n >>= 7n
    }
    out.push(Number(n))
    return out
  },
  tag(field: number, wireType: number): Bytes {
    return pb.varint((field << 3) | wireType)
  },
  /** A varint field. */
  uint(field: number, value: number | bigint): Bytes {
    return [...pb.tag(field, 0), ...pb.varint(value)]
  },
  /** A length-delimited field holding the concatenated parts. */
  len(field: number, ...parts: (Bytes | Uint8Array)[]): Bytes {
    const body = parts.flatMap((p) => Array.from(p))
    return [...pb.tag(field, 2), ...pb.varint(body.length), ...body]
  },
  str(field: number, value: string): Bytes {
    return pb.len(field, new TextEncoder().encode(value))
  },
  hex(field: number, hex: string): Bytes {
    return pb.len(field, Uint8Array.from(Buffer.from(hex, 'hex')))
  },
  fixed64(field: number, value: bigint): Bytes {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, value, true)
    return [...pb.tag(field, 1), ...b]
  },
  fixed32(field: number, value: number): Bytes {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, value, true)
    return [...pb.tag(field, 5), ...b]
  },
  double(field: number, value: number): Bytes {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setFloat64(0, value, true)
    return [...pb.tag(field, 1), ...b]
  },
  /** A (deprecated) group: start tag, the fields, end tag. */
  group(field: number, ...parts: Bytes[]): Bytes {
    return [...pb.tag(field, 3), ...parts.flat(), ...pb.tag(field, 4)]
  },
  /** One unknown field of every valid wire type, numbered from `from`. */
  unknownFields(from: number): Bytes {
    return [
      ...pb.uint(from, 2n ** 63n + 5n),
      ...pb.fixed64(from + 1, 0xdeadbeefn),
      ...pb.len(from + 2, pb.str(1, 'nested unknown message')),
      ...pb.group(from + 3, pb.uint(1, 7), pb.group(2, pb.str(3, 'inner'))),
      ...pb.fixed32(from + 4, 0xcafe),
    ]
  },
  bytes(...parts: Bytes[]): Uint8Array {
    return Uint8Array.from(parts.flat())
  },
}

/**
 * An AnyValue nested `levels` deep as kvlist → key/value → AnyValue …, written back to
 * front so even thousands of levels cost linear time.
 */
export function deepKvlistValue(levels: number): Uint8Array {
  const out = new Uint8Array(16 * levels + 16)
  let pos = out.length
  const prepend = (bytes: Bytes) => {
    pos -= bytes.length
    out.set(bytes, pos)
  }
  prepend(pb.str(1, 'leaf'))
  for (let i = 0; i < levels; i++) {
    prepend(pb.varint(out.length - pos)) // AnyValue length
    prepend([...pb.str(1, 'k'), ...pb.tag(2, 2)]) // KeyValue { key, value: AnyValue }
    prepend(pb.varint(out.length - pos))
    prepend(pb.tag(1, 2)) // KeyValueList { values: KeyValue }
    prepend(pb.varint(out.length - pos))
    prepend(pb.tag(6, 2)) // AnyValue { kvlist_value }
  }
  return out.subarray(pos)
}

/** A minimal valid span message body (ids, name, times), to wrap in a request. */
export function minimalSpan(...extra: Bytes[]): Bytes {
  return [
    ...pb.hex(1, '0af7651916cd43dd8448eb211c80319c'),
    ...pb.hex(2, 'b7ad6b7169203331'),
    ...pb.str(5, 'span'),
    ...pb.fixed64(7, 1767225600000000000n),
    ...pb.fixed64(8, 1767225601000000000n),
    ...extra.flat(),
  ]
}

/** An ExportTraceServiceRequest with one resource, one scope and the given span bodies. */
export function requestWithSpans(...spans: Bytes[]): Uint8Array {
  return pb.bytes(pb.len(1, pb.len(2, ...spans.map((s) => pb.len(2, s)))))
}
