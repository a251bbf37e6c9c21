import { describe, expect, it } from 'vitest'
import { CollectorError } from '../errors'
import { decodeProtobufExport } from './decode-protobuf'
import { everythingSpan, mcpCallSpan, toProtobuf } from './test-fixtures'
import { minimalSpan, pb, requestWithSpans } from './test-protobuf'

/** Small deterministic PRNG (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Decodes, and if that throws, checks it is a deliberate OTLP.DECODE error (not the catch-all). */
function decodeOrReject(bytes: Uint8Array): 'decoded' | 'rejected' {
  try {
    decodeProtobufExport(bytes)
    return 'decoded'
  } catch (err) {
    if (!(err instanceof CollectorError)) throw new Error(`threw a non-CollectorError: ${String(err)}`)
    expect(err.code).toBe('OTLP.DECODE')
    expect(err.status).toBe(400)
    expect(err.message).not.toMatch(/internal decoder error/)
    return 'rejected'
  }
}

function expectRejected(bytes: Uint8Array, message: RegExp): void {
  let caught: unknown
  try {
    decodeProtobufExport(bytes)
  } catch (err) {
    caught = err
  }
  expect(caught).toBeInstanceOf(CollectorError)
  expect(caught).toMatchObject({ code: 'OTLP.DECODE', status: 400, message: expect.stringMatching(message) })
}

const valid = toProtobuf([everythingSpan(), mcpCallSpan(1), mcpCallSpan(2)])

describe('decodeProtobufExport', () => {
  describe('malformed input', () => {
    it('decodes or rejects a valid request truncated at every byte offset', () => {
      const outcomes = { decoded: 0, rejected: 0 }
      for (let n = 0; n < valid.length; n++) outcomes[decodeOrReject(valid.subarray(0, n))]++
      // Only a cut between top-level fields leaves a valid message: almost every cut must fail.
      expect(outcomes.rejected).toBeGreaterThan(valid.length - 10)
      expect(outcomes.decoded).toBeGreaterThan(0)
    })

    it('decodes or rejects random garbage', () => {
      const rand = random(1)
      for (let i = 0; i < 3000; i++) {
        const bytes = new Uint8Array(Math.floor(rand() * 300))
        for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256)
        decodeOrReject(bytes)
      }
    })

    it('decodes or rejects a valid request with random bytes changed', () => {
      const rand = random(2)
      for (let i = 0; i < 1500; i++) {
        const bytes = valid.slice()
        const flips = 1 + Math.floor(rand() * 4)
        for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256)
        decodeOrReject(bytes)
      }
    })

    it('rejects a varint cut short at the end of the body', () => {
      expectRejected(pb.bytes([0x0a, 0x80]), /truncated varint/)
      expectRejected(pb.bytes([0x80]), /truncated varint/)
    })

    it('rejects a varint longer than ten bytes', () => {
      expectRejected(pb.bytes([0x08, ...new Array(11).fill(0xff), 0x01]), /longer than 10 bytes/)
    })

    it('rejects a length past the end of the body', () => {
      expectRejected(pb.bytes([0x0a, 0x05, 0x01]), /length 5 past the end/)
      expectRejected(pb.bytes([0x0a, ...pb.varint(2n ** 40n)]), /past the end/)
      expectRejected(pb.bytes([0x0a, ...pb.varint(-1)]), /past the end/)
    })

    it('rejects a field that runs past the end of its enclosing message', () => {
      // The span's name claims 10 bytes: they exist in the body, but not inside the span.
      const span = [...pb.tag(5, 2), 10]
      const body = pb.bytes(pb.len(1, pb.len(2, pb.len(2, span))), pb.str(99, 'x'.repeat(20)))
      expectRejected(body, /past the end/)
      // A varint that starts inside a message and ends outside it.
      expectRejected(
        pb.bytes(pb.len(1, pb.len(2, pb.len(2, [0x30, 0x80]))), [0x01]),
        /past the end of its message/,
      )
      // A fixed64 that does not fit its message.
      expectRejected(
        pb.bytes(pb.len(1, pb.len(2, pb.len(2, [0x39, 1, 2, 3]))), [0, 0, 0, 0]),
        /truncated fixed64/,
      )
    })

    it('rejects the invalid wire types 6 and 7 and a stray end-group', () => {
      expectRejected(pb.bytes(pb.tag(20, 6)), /unexpected wire type 6/)
      expectRejected(pb.bytes(pb.tag(20, 7)), /unexpected wire type 7/)
      expectRejected(pb.bytes(pb.tag(20, 4)), /unexpected wire type 4/)
    })

    it('rejects field number 0', () => {
      expectRejected(pb.bytes([0x02, 0x00]), /invalid tag 2/)
      expectRejected(pb.bytes([0x00]), /invalid tag 0/)
    })

    it('rejects unterminated, mismatched and too deeply nested groups', () => {
      expectRejected(pb.bytes(pb.tag(20, 3), pb.uint(1, 1)), /unterminated group/)
      expectRejected(pb.bytes(pb.tag(20, 3), pb.tag(21, 4)), /mismatched end of group/)
      let group = pb.uint(1, 1)
      for (let i = 0; i < 40; i++) group = pb.group(20, group)
      expectRejected(pb.bytes(group), /groups nested too deep/)
    })

    it('rejects truncated fixed-width unknown fields', () => {
      expectRejected(pb.bytes(pb.tag(20, 1), [1, 2, 3]), /truncated 64-bit field/)
      expectRejected(pb.bytes(pb.tag(20, 5), [1, 2, 3]), /truncated 32-bit field/)
      expectRejected(requestWithSpans(minimalSpan([0x85, 0x01, 1, 2])), /truncated fixed32/)
    })

    it('names the byte offset of the problem', () => {
      expectRejected(pb.bytes(pb.uint(20, 1), [0x0a, 0x09]), /length 9 past the end of the message at byte 4/)
    })
  })
})
