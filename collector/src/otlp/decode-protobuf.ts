import { asDecodeError, MALFORMED_ID, MAX_VALUE_DEPTH, recordDecodeStats } from './decode-shared'
import { ProtoReader } from './proto-reader'
import type {
  Attributes,
  AttributeValue,
  OtlpEvent,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScope,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpTraceExport,
} from './types'

// Field tags (`field << 3 | wireType`) from opentelemetry-proto v1.x
// (opentelemetry/proto/trace/v1/trace.proto, common/v1/common.proto). A known field
// arriving with another wire type falls to `default` and is skipped like an unknown one.
const LEN_1 = 0x0a
const LEN_2 = 0x12
const LEN_3 = 0x1a
const LEN_4 = 0x22
const LEN_5 = 0x2a
const LEN_6 = 0x32
const LEN_7 = 0x3a
const LEN_9 = 0x4a
const LEN_11 = 0x5a
const LEN_13 = 0x6a
const LEN_15 = 0x7a
const VARINT_2 = 0x10
const VARINT_3 = 0x18
const VARINT_4 = 0x20
const VARINT_5 = 0x28
const VARINT_6 = 0x30
const VARINT_10 = 0x50
const VARINT_12 = 0x60
const VARINT_14 = 0x70
const I64_1 = 0x09
const I64_4 = 0x21
const I64_7 = 0x39
const I64_8 = 0x41
const I32_6 = 0x35
const I32_16 = 0x85

/**
 * Decodes an OTLP/protobuf `ExportTraceServiceRequest` body in one pass over the bytes.
 *
 * Ids become lowercase hex ('' when empty or of the wrong length; a malformed parent id
 * becomes `MALFORMED_ID` so validation rejects the span instead of rooting it), times
 * exact `bigint`s, int64 values numbers or decimal strings. Unknown fields of every wire
 * type are skipped. The body is not retained: strings and bytes are copied out.
 *
 * @throws CollectorError `OTLP.DECODE` (400) on any malformed input — never another error.
 */
export function decodeProtobufExport(body: Uint8Array): OtlpTraceExport {
  const r = new ProtoReader(body)
  const resourceSpans: OtlpResourceSpans[] = []
  try {
    const end = r.end
    while (r.pos < end) {
      const tag = r.tag()
      if (tag === LEN_1) resourceSpans.push(readResourceSpans(r, r.lenEnd(end)))
      else r.skip(tag, end)
    }
  } catch (err) {
    throw asDecodeError(err, 'protobuf')
  }
  const decoded = { resourceSpans }
  recordDecodeStats(decoded, { maxAttributes: r.maxAttributes, maxValueLength: r.maxValueLength })
  return decoded
}

function readResourceSpans(r: ProtoReader, end: number): OtlpResourceSpans {
  let resource: OtlpResourceSpans['resource'] | undefined
  let schemaUrl = ''
  const scopeSpans: OtlpScopeSpans[] = []
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_2) scopeSpans.push(readScopeSpans(r, r.lenEnd(end)))
    else if (tag === LEN_1) resource = readResource(r, r.lenEnd(end))
    else if (tag === LEN_3) schemaUrl = r.string(end)
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  return {
    resource: resource ?? { attributes: Object.create(null), droppedAttributesCount: 0 },
    schemaUrl,
    scopeSpans,
  }
}

function readResource(r: ProtoReader, end: number): OtlpResourceSpans['resource'] {
  const attributes: Attributes = Object.create(null)
  let attributeCount = 0
  let droppedAttributesCount = 0
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_1) {
      readKeyValue(r, r.lenEnd(end), attributes, 0)
      attributeCount++
    } else if (tag === VARINT_2) droppedAttributesCount = r.uint32()
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  if (attributeCount > r.maxAttributes) r.maxAttributes = attributeCount
  return { attributes, droppedAttributesCount }
}

function readScopeSpans(r: ProtoReader, end: number): OtlpScopeSpans {
  let scope: OtlpScope | undefined
  let schemaUrl = ''
  const spans: OtlpSpan[] = []
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_2) spans.push(readSpan(r, r.lenEnd(end)))
    else if (tag === LEN_1) scope = readScope(r, r.lenEnd(end))
    else if (tag === LEN_3) schemaUrl = r.string(end)
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  return { scope: scope ?? { name: '', version: '', attributes: Object.create(null) }, schemaUrl, spans }
}

function readScope(r: ProtoReader, end: number): OtlpScope {
  let name = ''
  let version = ''
  const attributes: Attributes = Object.create(null)
  let attributeCount = 0
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_1) name = r.string(end)
    else if (tag === LEN_2) version = r.string(end)
    else if (tag === LEN_3) {
      readKeyValue(r, r.lenEnd(end), attributes, 0)
      attributeCount++
    } else r.skip(tag, end)
  }
  r.expectEnd(end)
  if (attributeCount > r.maxAttributes) r.maxAttributes = attributeCount
  return { name, version, attributes }
}

// NB: longer than the house 60 lines on purpose — one flat switch over locals, then one
// object literal (a single hidden class): helpers here would cost a call per field on the
// hottest loop of the collector.
function readSpan(r: ProtoReader, end: number): OtlpSpan {
  let traceId = ''
  let spanId = ''
  let parentSpanId = ''
  let traceState = ''
  let flags = 0
  let name = ''
  let kind = 0
  let startTimeUnixNano = 0n
  let endTimeUnixNano = 0n
  const attributes: Attributes = Object.create(null)
  let attributeCount = 0
  let droppedAttributesCount = 0
  const events: OtlpEvent[] = []
  let droppedEventsCount = 0
  const links: OtlpLink[] = []
  let droppedLinksCount = 0
  let status = { code: 0, message: '' }
  while (r.pos < end) {
    const tag = r.tag()
    switch (tag) {
      case LEN_9:
        readKeyValue(r, r.lenEnd(end), attributes, 0)
        attributeCount++
        break
      case LEN_1:
        traceId = r.hexId(end, 16, '')
        break
      case LEN_2:
        spanId = r.hexId(end, 8, '')
        break
      case LEN_3:
        traceState = r.string(end)
        break
      case LEN_4:
        parentSpanId = r.hexId(end, 8, MALFORMED_ID)
        break
      case LEN_5:
        name = r.string(end)
        break
      case VARINT_6:
        kind = r.uint32() | 0
        break
      case I64_7:
        startTimeUnixNano = r.fixed64(end)
        break
      case I64_8:
        endTimeUnixNano = r.fixed64(end)
        break
      case VARINT_10:
        droppedAttributesCount = r.uint32()
        break
      case LEN_11:
        events.push(readEvent(r, r.lenEnd(end)))
        break
      case VARINT_12:
        droppedEventsCount = r.uint32()
        break
      case LEN_13:
        links.push(readLink(r, r.lenEnd(end)))
        break
      case VARINT_14:
        droppedLinksCount = r.uint32()
        break
      case LEN_15:
        status = readStatus(r, r.lenEnd(end))
        break
      case I32_16:
        flags = r.fixed32(end)
        break
      default:
        r.skip(tag, end)
    }
  }
  r.expectEnd(end)
  if (attributeCount > r.maxAttributes) r.maxAttributes = attributeCount
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    flags,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    status,
  }
}

function readEvent(r: ProtoReader, end: number): OtlpEvent {
  let timeUnixNano = 0n
  let name = ''
  const attributes: Attributes = Object.create(null)
  let attributeCount = 0
  let droppedAttributesCount = 0
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_3) {
      readKeyValue(r, r.lenEnd(end), attributes, 0)
      attributeCount++
    } else if (tag === I64_1) timeUnixNano = r.fixed64(end)
    else if (tag === LEN_2) name = r.string(end)
    else if (tag === VARINT_4) droppedAttributesCount = r.uint32()
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  if (attributeCount > r.maxAttributes) r.maxAttributes = attributeCount
  return { timeUnixNano, name, attributes, droppedAttributesCount }
}

function readLink(r: ProtoReader, end: number): OtlpLink {
  let traceId = ''
  let spanId = ''
  let traceState = ''
  const attributes: Attributes = Object.create(null)
  let attributeCount = 0
  let droppedAttributesCount = 0
  let flags = 0
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_1) traceId = r.hexId(end, 16, '')
    else if (tag === LEN_2) spanId = r.hexId(end, 8, '')
    else if (tag === LEN_3) traceState = r.string(end)
    else if (tag === LEN_4) {
      readKeyValue(r, r.lenEnd(end), attributes, 0)
      attributeCount++
    } else if (tag === VARINT_5) droppedAttributesCount = r.uint32()
    else if (tag === I32_6) flags = r.fixed32(end)
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  if (attributeCount > r.maxAttributes) r.maxAttributes = attributeCount
  return { traceId, spanId, traceState, attributes, droppedAttributesCount, flags }
}

function readStatus(r: ProtoReader, end: number): OtlpSpan['status'] {
  let code = 0
  let message = ''
  while (r.pos < end) {
    const tag = r.tag()
    // Field 1 (deprecated_code) is reserved upstream and skipped like any unknown field.
    if (tag === VARINT_3) code = r.uint32() | 0
    else if (tag === LEN_2) message = r.string(end)
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  return { code, message }
}

/** Reads one KeyValue into `into`; a later duplicate key wins, as in every OTLP decoder. */
function readKeyValue(r: ProtoReader, end: number, into: Attributes, depth: number): void {
  let key = ''
  let value: AttributeValue = null
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_1) key = r.string(end)
    else if (tag === LEN_2) value = readAnyValue(r, r.lenEnd(end), depth)
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  into[key] = value
}

/** Reads an AnyValue; an empty one (no field of the oneof set) is `null`. */
function readAnyValue(r: ProtoReader, end: number, depth: number): AttributeValue {
  let value: AttributeValue = null
  while (r.pos < end) {
    const tag = r.tag()
    switch (tag) {
      case LEN_1:
        value = r.string(end)
        break
      case VARINT_3:
        value = r.int64()
        break
      case VARINT_2:
        value = r.bool()
        break
      case I64_4:
        value = r.double(end)
        break
      case LEN_5:
        value = readArrayValue(r, r.lenEnd(end), depth + 1)
        break
      case LEN_6:
        value = { kvlist: readKeyValueList(r, r.lenEnd(end), depth + 1) }
        break
      case LEN_7:
        value = r.byteArray(end)
        break
      default:
        r.skip(tag, end)
    }
  }
  r.expectEnd(end)
  return value
}

function readArrayValue(r: ProtoReader, end: number, depth: number): AttributeValue[] {
  if (depth > MAX_VALUE_DEPTH) throw r.fail(`attribute values nested deeper than ${MAX_VALUE_DEPTH} levels`)
  const values: AttributeValue[] = []
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_1) values.push(readAnyValue(r, r.lenEnd(end), depth))
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  return values
}

function readKeyValueList(r: ProtoReader, end: number, depth: number): Attributes {
  if (depth > MAX_VALUE_DEPTH) throw r.fail(`attribute values nested deeper than ${MAX_VALUE_DEPTH} levels`)
  const kvlist: Attributes = Object.create(null)
  while (r.pos < end) {
    const tag = r.tag()
    if (tag === LEN_1) readKeyValue(r, r.lenEnd(end), kvlist, depth)
    else r.skip(tag, end)
  }
  r.expectEnd(end)
  return kvlist
}
