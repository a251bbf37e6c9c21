import { PAYLOAD_KEYS, queryRows, type Storage } from '@tollgate/collector'
import { findTraceRange, IN_ID_RANGE } from '../calls/id-lookup'
import type { Trace } from './models/trace.model'
import { depthFirst } from './span-tree'

interface SpanRow {
  span_id: string
  parent_span_id: string
  name: string
  kind: string
  service_name: string
  start_ns: string
  duration_ns: string
  status_code: string
  status_message: string
  mcp_method: string
  attributes: Record<string, string>
  event_names: string[]
  event_ns: string[]
}

/** Most spans one answer carries: a waterfall of more is unreadable, and the read stays bounded. */
export const MAX_TRACE_SPANS = 2000

/** One trace as its span tree: `trace_lookup` narrows the time range, then `spans` is read by trace id. */
export class TracesRepository {
  constructor(private readonly storage: Storage) {}

  async find(projectId: string, traceId: string): Promise<Trace | null> {
    const range = await findTraceRange(this.storage, projectId, traceId)
    if (range === null) return null
    // Payload attributes are dropped in the query (the collector moves them out of MCP spans
    // already; this also covers spans it did not recognise as calls).
    const rows = await queryRows<SpanRow>(
      this.storage,
      `SELECT span_id, parent_span_id, name, kind, service_name,
         toString(toUnixTimestamp64Nano(timestamp)) AS start_ns, toString(duration_ns) AS duration_ns,
         status_code, status_message, attributes['mcp.method.name'] AS mcp_method,
         mapFilter((k, v) -> NOT has({payloadKeys:Array(String)}, k), attributes) AS attributes,
         event_names, arrayMap(t -> toString(toUnixTimestamp64Nano(t)), event_times) AS event_ns
       FROM ${this.storage.database}.spans
       WHERE project_id = {projectId:String} AND ${IN_ID_RANGE} AND trace_id = {traceId:String}
       ORDER BY timestamp, span_id
       LIMIT {limit:UInt32}`,
      {
        projectId,
        traceId,
        minNs: range.minNs,
        maxNs: range.maxNs,
        limit: MAX_TRACE_SPANS,
        payloadKeys: PAYLOAD_KEYS,
      },
    )
    if (rows.length === 0) return null
    const spans = rows.map((row) => ({
      ...row,
      spanId: row.span_id,
      parentSpanId: row.parent_span_id,
      startNs: BigInt(row.start_ns),
    }))
    const start = spans[0]?.startNs ?? 0n
    let end = start
    for (const span of spans) {
      const spanEnd = span.startNs + BigInt(span.duration_ns)
      if (spanEnd > end) end = spanEnd
    }
    const offsetMs = (ns: bigint) => Number(ns - start) / 1e6
    return {
      traceId,
      startedAt: new Date(Number(start / 1_000_000n)),
      durationMs: offsetMs(end),
      spanCount: range.count,
      truncated: range.count > rows.length,
      spans: depthFirst(spans).map(({ span, depth }) => ({
        spanId: span.spanId,
        parentSpanId: span.parentSpanId,
        depth,
        name: span.name,
        kind: span.kind,
        serviceName: span.service_name,
        startedAt: new Date(Number(span.startNs / 1_000_000n)),
        offsetMs: offsetMs(span.startNs),
        durationMs: Number(span.duration_ns) / 1e6,
        statusCode: span.status_code,
        statusMessage: span.status_message,
        mcpMethod: span.mcp_method,
        attributes: Object.entries(span.attributes)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, value]) => ({ key, value })),
        events: span.event_names.map((name, i) => ({
          name,
          offsetMs: offsetMs(BigInt(span.event_ns[i] ?? '0')),
        })),
      })),
    }
  }
}
