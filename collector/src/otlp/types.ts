/**
 * The decoded, protocol-neutral shape of an OTLP trace export. Both the protobuf
 * and the JSON decoder produce exactly this, so validation and mapping never know
 * which encoding a span arrived in.
 *
 * NB: attribute maps are created with `Object.create(null)` so a key such as
 * `__proto__` is an ordinary key, never a prototype write.
 */

/** An OTLP AnyValue. int64 arrives as `number` when it is a safe integer, else as a decimal `string`. */
export type AttributeValue = string | number | boolean | Uint8Array | null | AttributeValue[] | KvList

/** A nested key/value list (`kvlistValue`). */
export interface KvList {
  readonly kvlist: Attributes
}

/** Attributes keyed by name (null-prototype object). */
export type Attributes = Record<string, AttributeValue>

/** OTLP span kinds, as on the wire. */
export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const

/** OTLP status codes, as on the wire. */
export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const

export interface OtlpEvent {
  timeUnixNano: bigint
  name: string
  attributes: Attributes
  droppedAttributesCount: number
}

export interface OtlpLink {
  /** 32 lowercase hex characters; '' when absent or malformed. */
  traceId: string
  /** 16 lowercase hex characters; '' when absent or malformed. */
  spanId: string
  traceState: string
  attributes: Attributes
  droppedAttributesCount: number
  flags: number
}

export interface OtlpSpan {
  /** 32 lowercase hex characters; '' when absent, wrong length or not hex. */
  traceId: string
  /** 16 lowercase hex characters; '' when absent, wrong length or not hex. */
  spanId: string
  /** 16 lowercase hex characters, or '' for a root span. */
  parentSpanId: string
  traceState: string
  flags: number
  name: string
  /** One of {@link SpanKind}. */
  kind: number
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  attributes: Attributes
  droppedAttributesCount: number
  events: OtlpEvent[]
  droppedEventsCount: number
  links: OtlpLink[]
  droppedLinksCount: number
  status: { code: number; message: string }
}

export interface OtlpScope {
  name: string
  version: string
  attributes: Attributes
}

export interface OtlpScopeSpans {
  scope: OtlpScope
  schemaUrl: string
  spans: OtlpSpan[]
}

export interface OtlpResourceSpans {
  resource: { attributes: Attributes; droppedAttributesCount: number }
  schemaUrl: string
  scopeSpans: OtlpScopeSpans[]
}

/** A decoded `ExportTraceServiceRequest`. */
export interface OtlpTraceExport {
  resourceSpans: OtlpResourceSpans[]
}

/** Ingest limits applied after decoding (configurable; see the collector config). */
export interface IngestLimits {
  /** Maximum spans in one request; a request over it is refused whole (413-like 400). @default 50000 */
  maxSpansPerRequest: number
  /** Attributes kept per span, event, link or resource; the rest are dropped and counted. @default 256 */
  maxAttributesPerSpan: number
  /** Longest string value kept, in UTF-16 code units; longer values are truncated with {@link TRUNCATION_MARKER}. @default 16384 */
  maxValueLength: number
  /** Events kept per span. @default 256 */
  maxEventsPerSpan: number
  /** Links kept per span. @default 128 */
  maxLinksPerSpan: number
  /**
   * Spans that started longer ago than this are rejected (counted, with the reason): the
   * storage's retention TTL would drop them on arrival, after a 200 that said stored.
   * Set it to the row retention. @default none (no age limit)
   */
  maxAgeDays?: number
}

/**
 * The latest instant DateTime64(9) holds (2^63 − 1 ns, 2262-04-11T23:47:16.854775807Z).
 * Later times (up to 2^64 − 1 on the wire) would fail the whole insert they travel in.
 */
export const MAX_STORABLE_NANOS = 0x7fff_ffff_ffff_ffffn

/** Appended to a value cut at {@link IngestLimits.maxValueLength}. */
export const TRUNCATION_MARKER = '…[truncated]'

/** One span that passed validation, with the context it was sent in. */
export interface AcceptedSpan {
  span: OtlpSpan
  resource: OtlpResourceSpans['resource']
  scope: OtlpScope
  /** How many string values of this span (and its events/links) were truncated. */
  truncatedValues: number
}

/** The outcome of validating one decoded export. */
export interface ValidatedExport {
  accepted: AcceptedSpan[]
  rejectedSpans: number
  /** Human-readable reasons (first few), for OTLP `partialSuccess.errorMessage`. */
  errors: string[]
}
