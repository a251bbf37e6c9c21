import type { Attributes, Histogram, Meter } from '@opentelemetry/api'
import * as sc from '../semconv.js'

/** SEMCONV.md §1.6: the buckets of `mcp.server.operation.duration`, in seconds. */
const BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]
/** The span attributes the metric carries (low cardinality only: no ids, no URIs). */
const METRIC_KEYS = [
  sc.ATTR_MCP_METHOD_NAME,
  sc.ATTR_GEN_AI_TOOL_NAME,
  sc.ATTR_GEN_AI_PROMPT_NAME,
  sc.ATTR_MCP_PROTOCOL_VERSION,
  sc.ATTR_NETWORK_TRANSPORT,
  sc.ATTR_NETWORK_PROTOCOL_NAME,
] as const

/** Records `mcp.server.operation.duration` for each finished server request. */
export class OperationMetric {
  private histogram: Histogram | undefined

  constructor(private readonly meter: () => Meter) {}

  /** The metric's attributes, taken from the span's start attributes. */
  static attributesOf(spanAttributes: Attributes): Attributes {
    const out: Attributes = {}
    for (const key of METRIC_KEYS) if (spanAttributes[key] !== undefined) out[key] = spanAttributes[key]
    return out
  }

  /** Forgets the histogram so the next record creates it on the current meter provider. */
  reset(): void {
    this.histogram = undefined
  }

  record(startedAt: number, attributes: Attributes, errorType: string | undefined): void {
    this.histogram ??= this.meter().createHistogram('mcp.server.operation.duration', {
      unit: 's',
      description: 'Duration of MCP requests handled by the server',
      advice: { explicitBucketBoundaries: BUCKETS },
    })
    const seconds = (performance.now() - startedAt) / 1000
    this.histogram.record(
      seconds,
      errorType === undefined ? attributes : { ...attributes, [sc.ATTR_ERROR_TYPE]: errorType },
    )
  }
}
