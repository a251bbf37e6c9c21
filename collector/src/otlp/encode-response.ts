import { Buffer } from 'node:buffer'

/**
 * Response bodies of the OTLP/HTTP receiver
 * (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response), in both encodings.
 * Bodies are tiny and written once per request, so clarity wins over speed here.
 */

/**
 * Encodes an `ExportTraceServiceResponse` as protobuf. With nothing rejected and no
 * message the spec says `partial_success` stays unset: the body is then empty, which
 * is a valid, all-default message.
 */
export function encodeExportResponseProtobuf(rejectedSpans: number, errorMessage: string): Uint8Array {
  if (rejectedSpans === 0 && errorMessage === '') return new Uint8Array(0)
  const partial: number[] = []
  if (rejectedSpans !== 0) {
    partial.push(0x08) // field 1 rejected_spans, varint
    pushVarint(partial, rejectedSpans)
  }
  if (errorMessage !== '') pushString(partial, 0x12, errorMessage) // field 2 error_message
  const out: number[] = [0x0a] // field 1 partial_success, length-delimited
  pushVarint(out, partial.length)
  return Uint8Array.from(out.concat(partial))
}

/**
 * Encodes an `ExportTraceServiceResponse` as OTLP/JSON: `{}` when everything was accepted,
 * else `{"partialSuccess":{"rejectedSpans":"3","errorMessage":"…"}}`. int64 is a decimal
 * string as the protobuf JSON mapping (and the OTel Collector) writes it; OTel exporters
 * only log the object, so either form is read.
 */
export function encodeExportResponseJson(rejectedSpans: number, errorMessage: string): Uint8Array {
  if (rejectedSpans === 0 && errorMessage === '') return utf8('{}')
  const partial: { rejectedSpans?: string; errorMessage?: string } = {}
  if (rejectedSpans !== 0) partial.rejectedSpans = String(rejectedSpans)
  if (errorMessage !== '') partial.errorMessage = errorMessage
  return utf8(JSON.stringify({ partialSuccess: partial }))
}

/**
 * Encodes a `google.rpc.Status` (the body of an OTLP/HTTP 4xx/5xx answer) as protobuf.
 * `code` is a gRPC status code (3 = INVALID_ARGUMENT, 8 = RESOURCE_EXHAUSTED, …).
 */
export function encodeStatusProtobuf(code: number, message: string): Uint8Array {
  const out: number[] = []
  if (code !== 0) {
    out.push(0x08) // field 1 code, int32 varint
    pushVarint(out, code)
  }
  if (message !== '') pushString(out, 0x12, message) // field 2 message
  return Uint8Array.from(out)
}

/** Encodes a `google.rpc.Status` as JSON: `{"code":3,"message":"…"}`. */
export function encodeStatusJson(code: number, message: string): Uint8Array {
  return utf8(JSON.stringify({ code, message }))
}

function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'))
}

/** Appends a varint; negative int32/int64 values take ten bytes (two's complement), per protobuf. */
function pushVarint(out: number[], value: number): void {
  let n = BigInt.asUintN(64, BigInt(Math.trunc(value)))
  while (n > 0x7fn) {
    out.push(Number(n & 0x7fn) | 0x80)
    n >>= 7n
  }
  out.push(Number(n))
}

function pushString(out: number[], tag: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8')
  out.push(tag)
  pushVarint(out, bytes.length)
  for (const b of bytes) out.push(b)
}
