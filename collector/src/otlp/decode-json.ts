import { Buffer } from 'node:buffer'
import { asDecodeError, decodeError, MALFORMED_ID } from './decode-shared'
import {
  arrayField,
  enumField,
  idField,
  isObject,
  type JsonObject,
  objectField,
  readAttributes,
  stringField,
  timeField,
  uint32Field,
} from './json-fields'
import type {
  Attributes,
  OtlpEvent,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScope,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpTraceExport,
} from './types'

/** Enum names the protobuf JSON mapping may use instead of the integers. */
const SPAN_KIND_NAMES: Readonly<Record<string, number>> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
}
const STATUS_CODE_NAMES: Readonly<Record<string, number>> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
}

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` body
 * (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): hex ids, int64 as
 * strings or numbers, enums as integers (or names), lowerCamelCase or snake_case field
 * names, unknown fields ignored.
 *
 * A malformed trace/span/parent id only marks its span for rejection by validation;
 * any other wrong type fails the request with a message naming the path.
 *
 * @throws CollectorError `OTLP.DECODE` (400) on invalid JSON or a wrong type — never another error.
 */
export function decodeJsonExport(body: Uint8Array | string): OtlpTraceExport {
  let root: unknown
  try {
    let text =
      typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString()
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    // A `\uD800`-style escape can leave a lone surrogate in a parsed string; the storage
    // refuses such text (and with it the whole insert), so it becomes U+FFFD here, as
    // invalid UTF-8 does. The scan is cheap; the reviver runs only when it finds one.
    root = SURROGATE_ESCAPE.test(text) ? JSON.parse(text, wellFormed) : JSON.parse(text)
  } catch (err) {
    throw decodeError(`invalid JSON: ${err instanceof Error ? err.message : String(err)}`, err)
  }
  try {
    return readExport(root)
  } catch (err) {
    throw asDecodeError(err, 'OTLP/JSON')
  }
}

/** A JSON escape of a UTF-16 surrogate (paired or not). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/

function wellFormed(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.toWellFormed() : value
}

function readExport(root: unknown): OtlpTraceExport {
  if (!isObject(root)) throw decodeError('invalid OTLP/JSON: expected an ExportTraceServiceRequest object')
  const list = arrayField(root, 'resourceSpans', 'resource_spans', '')
  const resourceSpans: OtlpResourceSpans[] = []
  for (let i = 0; i < list.length; i++) {
    resourceSpans.push(readResourceSpans(element(list[i], `resourceSpans[${i}]`), `resourceSpans[${i}]`))
  }
  return { resourceSpans }
}

/** An element of a repeated message field; it must be an object. */
function element(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw decodeError(`invalid OTLP/JSON: ${path}: expected an object`)
  return value
}

function readResourceSpans(obj: JsonObject, path: string): OtlpResourceSpans {
  const res = objectField(obj, 'resource', 'resource', path)
  const resource = {
    attributes: attributes(res, `${path}.resource`),
    droppedAttributesCount:
      res === undefined
        ? 0
        : uint32Field(res, 'droppedAttributesCount', 'dropped_attributes_count', `${path}.resource`),
  }
  const list = arrayField(obj, 'scopeSpans', 'scope_spans', path)
  const scopeSpans: OtlpScopeSpans[] = []
  for (let i = 0; i < list.length; i++) {
    const p = `${path}.scopeSpans[${i}]`
    scopeSpans.push(readScopeSpans(element(list[i], p), p))
  }
  return { resource, schemaUrl: stringField(obj, 'schemaUrl', 'schema_url', path), scopeSpans }
}

function readScopeSpans(obj: JsonObject, path: string): OtlpScopeSpans {
  const s = objectField(obj, 'scope', 'scope', path)
  const scopePath = `${path}.scope`
  const scope: OtlpScope = {
    name: s === undefined ? '' : stringField(s, 'name', 'name', scopePath),
    version: s === undefined ? '' : stringField(s, 'version', 'version', scopePath),
    attributes: attributes(s, scopePath),
  }
  const list = arrayField(obj, 'spans', 'spans', path)
  const spans: OtlpSpan[] = []
  for (let i = 0; i < list.length; i++) {
    const p = `${path}.spans[${i}]`
    spans.push(readSpan(element(list[i], p), p))
  }
  return { scope, schemaUrl: stringField(obj, 'schemaUrl', 'schema_url', path), spans }
}

/** The `attributes` of an optional message, as a null-prototype map. */
function attributes(obj: JsonObject | undefined, path: string): Attributes {
  const into: Attributes = Object.create(null)
  if (obj === undefined) return into
  return readAttributes(arrayField(obj, 'attributes', 'attributes', path), `${path}.attributes`, into, 0)
}

function readSpan(obj: JsonObject, path: string): OtlpSpan {
  const eventList = arrayField(obj, 'events', 'events', path)
  const events: OtlpEvent[] = []
  for (let i = 0; i < eventList.length; i++) {
    const p = `${path}.events[${i}]`
    events.push(readEvent(element(eventList[i], p), p))
  }
  const linkList = arrayField(obj, 'links', 'links', path)
  const links: OtlpLink[] = []
  for (let i = 0; i < linkList.length; i++) {
    const p = `${path}.links[${i}]`
    links.push(readLink(element(linkList[i], p), p))
  }
  const status = objectField(obj, 'status', 'status', path)
  return {
    traceId: idField(obj, 'traceId', 'trace_id', 16, ''),
    spanId: idField(obj, 'spanId', 'span_id', 8, ''),
    parentSpanId: idField(obj, 'parentSpanId', 'parent_span_id', 8, MALFORMED_ID),
    traceState: stringField(obj, 'traceState', 'trace_state', path),
    flags: uint32Field(obj, 'flags', 'flags', path),
    name: stringField(obj, 'name', 'name', path),
    kind: enumField(obj, 'kind', 'kind', path, SPAN_KIND_NAMES),
    startTimeUnixNano: timeField(obj, 'startTimeUnixNano', 'start_time_unix_nano', path),
    endTimeUnixNano: timeField(obj, 'endTimeUnixNano', 'end_time_unix_nano', path),
    attributes: attributes(obj, path),
    droppedAttributesCount: uint32Field(obj, 'droppedAttributesCount', 'dropped_attributes_count', path),
    events,
    droppedEventsCount: uint32Field(obj, 'droppedEventsCount', 'dropped_events_count', path),
    links,
    droppedLinksCount: uint32Field(obj, 'droppedLinksCount', 'dropped_links_count', path),
    status: {
      code: status === undefined ? 0 : enumField(status, 'code', 'code', `${path}.status`, STATUS_CODE_NAMES),
      message: status === undefined ? '' : stringField(status, 'message', 'message', `${path}.status`),
    },
  }
}

function readEvent(obj: JsonObject, path: string): OtlpEvent {
  return {
    timeUnixNano: timeField(obj, 'timeUnixNano', 'time_unix_nano', path),
    name: stringField(obj, 'name', 'name', path),
    attributes: attributes(obj, path),
    droppedAttributesCount: uint32Field(obj, 'droppedAttributesCount', 'dropped_attributes_count', path),
  }
}

function readLink(obj: JsonObject, path: string): OtlpLink {
  return {
    traceId: idField(obj, 'traceId', 'trace_id', 16, ''),
    spanId: idField(obj, 'spanId', 'span_id', 8, ''),
    traceState: stringField(obj, 'traceState', 'trace_state', path),
    attributes: attributes(obj, path),
    droppedAttributesCount: uint32Field(obj, 'droppedAttributesCount', 'dropped_attributes_count', path),
    flags: uint32Field(obj, 'flags', 'flags', path),
  }
}
