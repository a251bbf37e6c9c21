import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { describe, expect, it } from 'vitest'
import {
  encodeExportResponseJson,
  encodeExportResponseProtobuf,
  encodeStatusJson,
  encodeStatusProtobuf,
} from './encode-response'
import { ProtoReader } from './proto-reader'

const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes))

/** Reads a google.rpc.Status back with our own reader (the OTel exporters do not parse it). */
function readStatus(bytes: Uint8Array): { code: number; message: string } {
  const r = new ProtoReader(bytes)
  const status = { code: 0, message: '' }
  while (r.pos < r.end) {
    const tag = r.tag()
    if (tag === 0x08) status.code = r.uint32() | 0
    else if (tag === 0x12) status.message = r.string(r.end)
    else r.skip(tag, r.end)
  }
  return status
}

describe('encodeExportResponseProtobuf', () => {
  it('encodes a partial success the OTel exporter reads back', () => {
    const bytes = encodeExportResponseProtobuf(3, 'resourceSpans[0]…: missing traceId ✗')
    expect(ProtobufTraceSerializer.deserializeResponse(bytes)).toEqual({
      partialSuccess: { rejectedSpans: 3, errorMessage: 'resourceSpans[0]…: missing traceId ✗' },
    })
  })

  it('leaves partial_success unset (an empty body) when everything was accepted', () => {
    const bytes = encodeExportResponseProtobuf(0, '')
    expect(bytes).toHaveLength(0)
    expect(ProtobufTraceSerializer.deserializeResponse(bytes)).toEqual({})
  })

  it('encodes a warning without rejections and large counts', () => {
    expect(ProtobufTraceSerializer.deserializeResponse(encodeExportResponseProtobuf(0, 'warn'))).toEqual({
      partialSuccess: { errorMessage: 'warn' },
    })
    expect(ProtobufTraceSerializer.deserializeResponse(encodeExportResponseProtobuf(2 ** 40, ''))).toEqual({
      partialSuccess: { rejectedSpans: 2 ** 40 },
    })
  })

  it('encodes a long message with a multi-byte length prefix', () => {
    const message = 'é'.repeat(5000)
    const decoded = ProtobufTraceSerializer.deserializeResponse(encodeExportResponseProtobuf(1, message))
    expect(decoded.partialSuccess?.errorMessage).toBe(message)
  })
})

describe('encodeExportResponseJson', () => {
  it('encodes a partial success with rejectedSpans as an int64 string', () => {
    const bytes = encodeExportResponseJson(3, 'bad "span"')
    expect(json(bytes)).toEqual({ partialSuccess: { rejectedSpans: '3', errorMessage: 'bad "span"' } })
    expect(JsonTraceSerializer.deserializeResponse(bytes)).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'bad "span"' },
    })
  })

  it('encodes an empty object when everything was accepted', () => {
    expect(new TextDecoder().decode(encodeExportResponseJson(0, ''))).toBe('{}')
  })
})

describe('encodeStatusProtobuf', () => {
  it('encodes code and message', () => {
    expect(readStatus(encodeStatusProtobuf(3, 'invalid protobuf: truncated varint at byte 7'))).toEqual({
      code: 3,
      message: 'invalid protobuf: truncated varint at byte 7',
    })
    expect(readStatus(encodeStatusProtobuf(16, ''))).toEqual({ code: 16, message: '' })
    expect(readStatus(encodeStatusProtobuf(-1, 'negative'))).toEqual({ code: -1, message: 'negative' })
  })
})

describe('encodeStatusJson', () => {
  it('encodes code and message', () => {
    expect(json(encodeStatusJson(3, 'bad ✗'))).toEqual({ code: 3, message: 'bad ✗' })
  })
})
