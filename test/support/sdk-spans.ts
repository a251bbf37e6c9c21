import type { HrTime, Tracer } from '@opentelemetry/api'
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace'

/**
 * Real OpenTelemetry SDK spans, and the exact request bytes the OTLP/HTTP
 * exporters would send for them (the exporters' own serializers).
 */

/** Unix nanoseconds of an HrTime, exactly (no float rounding). */
export function hrToNs(t: HrTime): bigint {
  return BigInt(t[0]) * 1_000_000_000n + BigInt(t[1])
}

/** Records the spans `build` creates with a real tracer and returns them, ended. */
export async function recordSpans(
  build: (tracer: Tracer) => void,
  resource: Record<string, string | number | boolean | string[]> = { 'service.name': 'e2e-sdk' },
  scope: { name: string; version?: string } = { name: 'e2e-sdk-scope', version: '1.0.0' },
): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter()
  const provider = new TracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  })
  build(provider.getTracer(scope.name, scope.version))
  await provider.forceFlush()
  const spans = exporter.getFinishedSpans()
  await provider.shutdown()
  return spans
}

/** `n` simple INTERNAL spans with distinct ids, one attribute `test.label`. */
export function simpleSpans(n: number, label: string): Promise<ReadableSpan[]> {
  return recordSpans((tracer) => {
    for (let i = 0; i < n; i++) {
      tracer.startSpan(`op ${i}`, { attributes: { 'test.label': label, 'test.index': i } }).end()
    }
  })
}

/**
 * A view of `span` with other ids, for ids no real SDK would produce (wrong
 * length, all zeros). Everything else is read from the real span.
 */
export function withIds(
  span: ReadableSpan,
  ids: { traceId?: string; spanId?: string; parentSpanId?: string },
): ReadableSpan {
  const ctx = { ...span.spanContext(), ...(ids.traceId === undefined ? {} : { traceId: ids.traceId }) }
  if (ids.spanId !== undefined) ctx.spanId = ids.spanId
  const parent =
    ids.parentSpanId === undefined
      ? span.parentSpanContext
      : { traceId: ctx.traceId, spanId: ids.parentSpanId, traceFlags: 1, isRemote: true }
  return Object.create(span, {
    spanContext: { value: () => ctx },
    parentSpanContext: { value: parent },
  }) as ReadableSpan
}

/** The OTLP/protobuf request body the protobuf exporter sends for `spans`. */
export function protobufBody(spans: ReadableSpan[]): Buffer {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans)
  if (bytes === undefined) throw new Error('protobuf serializer returned nothing')
  return Buffer.from(bytes)
}

/** The OTLP/JSON request body the JSON exporter sends for `spans`. */
export function jsonBody(spans: ReadableSpan[]): Buffer {
  const bytes = JsonTraceSerializer.serializeRequest(spans)
  if (bytes === undefined) throw new Error('JSON serializer returned nothing')
  return Buffer.from(bytes)
}
