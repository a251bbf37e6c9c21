import { CollectorError } from '../errors'
import { decodeStatsOf } from './decode-shared'
import type {
  AcceptedSpan,
  Attributes,
  AttributeValue,
  IngestLimits,
  OtlpEvent,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScope,
  OtlpSpan,
  OtlpTraceExport,
  ValidatedExport,
} from './types'
import { MAX_STORABLE_NANOS, TRUNCATION_MARKER } from './types'

/** The limits documented (`@default`) on {@link IngestLimits}. */
export const DEFAULT_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxSpansPerRequest: 50_000,
  maxAttributesPerSpan: 256,
  maxValueLength: 16_384,
  maxEventsPerSpan: 256,
  maxLinksPerSpan: 128,
})

/** Reasons kept for `partialSuccess.errorMessage`; the count of rejections is always exact. */
const MAX_ERRORS = 10
const DAY_MS = 86_400_000

const TRACE_ID = /^[0-9a-f]{32}$/
const SPAN_ID = /^[0-9a-f]{16}$/
const ZERO_TRACE_ID = '0'.repeat(32)
const ZERO_SPAN_ID = '0'.repeat(16)

/**
 * Validates a decoded export and applies the ingest limits.
 *
 * Spans with a missing, malformed or all-zero trace or span id, a malformed parent id, a
 * zero start time, a start older than `limits.maxAgeDays`, an end before the start or after
 * 2262-04-11 (the storage's limit) are rejected (counted, first few reasons
 * kept); the rest are accepted with attributes, events and links cut to the limits and
 * long values truncated. An all-zero parent span id is read as "no parent".
 *
 * NB: limits are applied in place — the decoded export is owned by the request and
 * mutating it avoids copying every span on the hot path. Validate an export straight
 * from a decoder: the bounds the decoder recorded let validation skip the attribute
 * walk when no limit can apply, and they would be stale after other changes.
 *
 * @throws CollectorError `OTLP.TOO_MANY_SPANS` when the request holds more than
 *   `limits.maxSpansPerRequest` spans (nothing is accepted then).
 */
export function validateExport(
  decoded: OtlpTraceExport,
  limits: IngestLimits,
  nowMs: number = Date.now(),
): ValidatedExport {
  const total = countSpans(decoded)
  if (total > limits.maxSpansPerRequest) {
    throw new CollectorError(
      'OTLP.TOO_MANY_SPANS',
      `request holds ${total} spans, more than the limit of ${limits.maxSpansPerRequest}`,
      400,
    )
  }
  // Walking every attribute map is the dearest part of validation (V8 keeps null-prototype
  // maps in dictionary mode). When the decoder saw nothing a limit could touch, skip it.
  const stats = decodeStatsOf(decoded)
  const walkValues =
    stats === undefined ||
    stats.maxAttributes > limits.maxAttributesPerSpan ||
    stats.maxValueLength > limits.maxValueLength
  const limiter = new Limiter(limits)
  const oldest =
    limits.maxAgeDays === undefined ? 0n : BigInt(Math.trunc(nowMs - limits.maxAgeDays * DAY_MS)) * 1_000_000n
  const accepted: AcceptedSpan[] = []
  const errors: string[] = []
  let rejectedSpans = 0
  decoded.resourceSpans.forEach((rs, ri) => {
    if (walkValues) limiter.resource(rs.resource)
    rs.scopeSpans.forEach((ss, si) => {
      if (walkValues) limiter.scope(ss.scope)
      for (let pi = 0; pi < ss.spans.length; pi++) {
        const span = ss.spans[pi]!
        let problem = spanProblem(span)
        if (problem === undefined && span.startTimeUnixNano < oldest) {
          problem = `startTimeUnixNano is older than the ${limits.maxAgeDays}-day retention; it would expire on arrival`
        }
        if (problem !== undefined) {
          rejectedSpans++
          if (errors.length < MAX_ERRORS) {
            errors.push(`resourceSpans[${ri}].scopeSpans[${si}].spans[${pi}]: ${problem}`)
          }
          continue
        }
        limiter.spanStructure(span)
        const truncatedValues = walkValues ? limiter.spanValues(span) : 0
        accepted.push({ span, resource: rs.resource, scope: ss.scope, truncatedValues })
      }
    })
  })
  return { accepted, rejectedSpans, errors }
}

function countSpans(decoded: OtlpTraceExport): number {
  let n = 0
  for (const rs of decoded.resourceSpans) for (const ss of rs.scopeSpans) n += ss.spans.length
  return n
}

/** Why a span cannot be stored, or undefined when it can. Normalises an all-zero parent id to ''. */
function spanProblem(span: OtlpSpan): string | undefined {
  if (!TRACE_ID.test(span.traceId))
    return span.traceId === '' ? 'missing or malformed traceId' : 'malformed traceId'
  if (span.traceId === ZERO_TRACE_ID) return 'traceId is all zeros'
  if (!SPAN_ID.test(span.spanId))
    return span.spanId === '' ? 'missing or malformed spanId' : 'malformed spanId'
  if (span.spanId === ZERO_SPAN_ID) return 'spanId is all zeros'
  if (span.parentSpanId !== '') {
    if (!SPAN_ID.test(span.parentSpanId)) return 'malformed parentSpanId'
    // Some bridges send zeros for "no parent"; storing that as a real parent would orphan the span.
    if (span.parentSpanId === ZERO_SPAN_ID) span.parentSpanId = ''
  }
  if (span.startTimeUnixNano === 0n) return 'startTimeUnixNano is 0'
  if (span.endTimeUnixNano > MAX_STORABLE_NANOS)
    return 'endTimeUnixNano is after 2262-04-11, beyond what the storage holds'
  if (span.endTimeUnixNano < span.startTimeUnixNano) return 'endTimeUnixNano is before startTimeUnixNano'
  return undefined
}

function isStorableEvent(event: OtlpEvent): boolean {
  return event.timeUnixNano <= MAX_STORABLE_NANOS
}

function isValidLink(link: OtlpLink): boolean {
  return TRACE_ID.test(link.traceId) && SPAN_ID.test(link.spanId)
}

/**
 * Applies the per-span limits and keeps running counts, so the hot loop allocates
 * nothing but the replacement values it must create.
 */
class Limiter {
  private dropped = 0
  private truncated = 0
  private readonly maxAttributes: number
  private readonly maxLength: number

  constructor(private readonly limits: IngestLimits) {
    this.maxAttributes = limits.maxAttributesPerSpan
    this.maxLength = limits.maxValueLength
  }

  /** Limits a resource's attributes; its truncations count for no span. */
  resource(resource: OtlpResourceSpans['resource']): void {
    resource.attributes = this.attributes(resource.attributes)
    resource.droppedAttributesCount += this.dropped
    this.dropped = 0
    this.truncated = 0
  }

  /** Limits a scope's attributes (the dropped count is not part of our scope type). */
  scope(scope: OtlpScope): void {
    scope.attributes = this.attributes(scope.attributes)
    this.dropped = 0
    this.truncated = 0
  }

  /** Cuts events and links to their limits; drops links without valid ids and events the storage cannot date. */
  spanStructure(span: OtlpSpan): void {
    const { maxEventsPerSpan, maxLinksPerSpan } = this.limits
    if (span.events.length > 0 && !span.events.every(isStorableEvent)) {
      const before = span.events.length
      span.events = span.events.filter(isStorableEvent)
      span.droppedEventsCount += before - span.events.length
    }
    if (span.events.length > maxEventsPerSpan) {
      span.droppedEventsCount += span.events.length - maxEventsPerSpan
      span.events.length = maxEventsPerSpan
    }
    // A link without valid ids points nowhere: drop it rather than the span it hangs on.
    if (span.links.length > 0 && !span.links.every(isValidLink)) {
      const before = span.links.length
      span.links = span.links.filter(isValidLink)
      span.droppedLinksCount += before - span.links.length
    }
    if (span.links.length > maxLinksPerSpan) {
      span.droppedLinksCount += span.links.length - maxLinksPerSpan
      span.links.length = maxLinksPerSpan
    }
  }

  /** Limits attributes and truncates long values of a span, its events and links; returns the truncations. */
  spanValues(span: OtlpSpan): number {
    this.truncated = 0
    span.name = this.text(span.name)
    span.status.message = this.text(span.status.message)
    span.attributes = this.attributes(span.attributes)
    span.droppedAttributesCount += this.takeDropped()
    for (const event of span.events) {
      event.name = this.text(event.name)
      event.attributes = this.attributes(event.attributes)
      event.droppedAttributesCount += this.takeDropped()
    }
    for (const link of span.links) {
      link.attributes = this.attributes(link.attributes)
      link.droppedAttributesCount += this.takeDropped()
    }
    return this.truncated
  }

  private takeDropped(): number {
    const n = this.dropped
    this.dropped = 0
    return n
  }

  /**
   * Keeps the first `maxAttributesPerSpan` attributes (wire order) and truncates long
   * values. Keys longer than the value limit are dropped: they would be useless and
   * costly as map keys in storage.
   */
  private attributes(attrs: Attributes): Attributes {
    let kept = 0
    for (const key in attrs) {
      if (kept >= this.maxAttributes || key.length > this.maxLength) {
        delete attrs[key]
        this.dropped++
        continue
      }
      kept++
      const value = attrs[key]!
      if (typeof value === 'string') {
        if (value.length > this.maxLength) attrs[key] = this.text(value)
      } else if (typeof value === 'object' && value !== null) {
        attrs[key] = this.value(value)
      }
    }
    return attrs
  }

  /** Truncates a string over the limit (never splitting a surrogate pair) and counts it. */
  private text(value: string): string {
    if (value.length <= this.maxLength) return value
    this.truncated++
    let cut = this.maxLength
    const last = value.charCodeAt(cut - 1)
    if (last >= 0xd800 && last <= 0xdbff) cut--
    return value.slice(0, cut) + TRUNCATION_MARKER
  }

  /** Bounds a nested value; the decoders already bounded its depth. */
  private value(value: AttributeValue): AttributeValue {
    if (typeof value === 'string') return this.text(value)
    if (typeof value !== 'object' || value === null) return value
    if (value instanceof Uint8Array) {
      if (value.length <= this.maxLength) return value
      this.truncated++
      return value.slice(0, this.maxLength)
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.value(value[i]!)
      return value
    }
    const kvlist = value.kvlist
    for (const key in kvlist) kvlist[key] = this.value(kvlist[key]!)
    return value
  }
}
