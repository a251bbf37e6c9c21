/**
 * Builders of decoded spans for the mapping tests (not used by production code).
 */
import type { AcceptedSpan, Attributes, AttributeValue, OtlpEvent, OtlpLink, OtlpSpan } from '../otlp/types'

/** A null-prototype attribute map, as the decoders produce. */
export function attrs(values: Record<string, AttributeValue>): Attributes {
  return Object.assign(Object.create(null) as Attributes, values)
}

/** Start of every fixture span: 2025-06-18T09:30:00Z in unix ns. */
export const START = 1_750_239_000_000_000_000n

/** A span event at `START + offsetNs`. */
export function event(name: string, values: Record<string, AttributeValue>, offsetNs = 1_000n): OtlpEvent {
  return { timeUnixNano: START + offsetNs, name, attributes: attrs(values), droppedAttributesCount: 0 }
}

/** A span link. */
export function link(traceId: string, spanId: string, values: Record<string, AttributeValue> = {}): OtlpLink {
  return { traceId, spanId, traceState: '', attributes: attrs(values), droppedAttributesCount: 0, flags: 1 }
}

/** A SERVER span lasting 2.5 ms with the given attributes, plus overrides. */
export function span(values: Record<string, AttributeValue>, overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: 'span',
    kind: 2,
    startTimeUnixNano: START,
    endTimeUnixNano: START + 2_500_000n,
    attributes: attrs(values),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    ...overrides,
  }
}

/** Wraps a span with a resource (service `crm-mcp`) and scope. */
export function accepted(
  s: OtlpSpan,
  options: { resource?: Record<string, AttributeValue>; scope?: string; truncatedValues?: number } = {},
): AcceptedSpan {
  return {
    span: s,
    resource: {
      attributes: attrs(options.resource ?? { 'service.name': 'crm-mcp' }),
      droppedAttributesCount: 0,
    },
    scope: { name: options.scope ?? '@tollgate/sdk', version: '0.1.0', attributes: attrs({}) },
    truncatedValues: options.truncatedValues ?? 0,
  }
}
