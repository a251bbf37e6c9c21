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

  /** Forgets the histogram so the next record creates it on the current meter provider. */
  reset(): void {
    this.histogram = undefined
  }

  /** Records one request of `seconds` with the low-cardinality keys of its span's `attributes`. */
  record(seconds: number, spanAttributes: Attributes, errorType: string | undefined): void {
    this.histogram ??= this.meter().createHistogram('mcp.server.operation.duration', {
      unit: 's',
      description: 'Duration of MCP requests handled by the server',
      advice: { explicitBucketBoundaries: BUCKETS },
    })
    const attributes: Attributes = {}
    for (const key of METRIC_KEYS)
      if (spanAttributes[key] !== undefined) attributes[key] = spanAttributes[key]
    if (errorType !== undefined) attributes[sc.ATTR_ERROR_TYPE] = errorType
    this.histogram.record(seconds, attributes)
  }
}
