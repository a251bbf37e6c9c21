import { decodeJsonExport } from '../otlp/decode-json'
import { decodeProtobufExport } from '../otlp/decode-protobuf'
import {
  encodeExportResponseJson,
  encodeExportResponseProtobuf,
  encodeStatusJson,
  encodeStatusProtobuf,
} from '../otlp/encode-response'
import type { IngestLimits, OtlpTraceExport, ValidatedExport } from '../otlp/types'
import { validateExport } from '../otlp/validate'

/** The two OTLP/HTTP encodings; the response always uses the request's. */
export type WireFormat = 'protobuf' | 'json'

/** Maps a Content-Type header to a wire format, or undefined when unsupported. */
export function wireFormatOf(contentType: string | undefined): WireFormat | undefined {
  if (!contentType) return undefined
  const media = contentType.split(';', 1)[0]!.trim().toLowerCase()
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'protobuf'
  if (media === 'application/json') return 'json'
  return undefined
}

/** Decodes a (decompressed) body; throws CollectorError('OTLP.DECODE') on malformed input. */
export function decodeExport(format: WireFormat, body: Buffer): OtlpTraceExport {
  return format === 'protobuf' ? decodeProtobufExport(body) : decodeJsonExport(body)
}

/** Validates and applies limits; a request over the span limit is refused whole. */
export function validate(decoded: OtlpTraceExport, limits: IngestLimits): ValidatedExport {
  return validateExport(decoded, limits)
}

/** The 200 body: an ExportTraceServiceResponse, with partialSuccess when spans were rejected. */
export function encodeSuccess(
  format: WireFormat,
  rejectedSpans: number,
  errors: readonly string[],
): Uint8Array {
  const message = errors.join('; ')
  return format === 'protobuf'
    ? encodeExportResponseProtobuf(rejectedSpans, message)
    : encodeExportResponseJson(rejectedSpans, message)
}

/** gRPC status codes used in OTLP/HTTP error bodies (google.rpc.Status.code). */
const GRPC_CODE: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  405: 12, // UNIMPLEMENTED
  413: 8, // RESOURCE_EXHAUSTED
  415: 3, // INVALID_ARGUMENT
  429: 8, // RESOURCE_EXHAUSTED
  503: 14, // UNAVAILABLE
}

/** An error body: google.rpc.Status in the request's encoding. */
export function encodeError(format: WireFormat, httpStatus: number, message: string): Uint8Array {
  const code = GRPC_CODE[httpStatus] ?? 13 // INTERNAL
  return format === 'protobuf' ? encodeStatusProtobuf(code, message) : encodeStatusJson(code, message)
}
