import { Counter, Gauge, Histogram, type Registry } from 'prom-client'

/** The collector's Prometheus metrics, registered on the registry the process passes in. */
export interface IngestMetrics {
  requests: Counter<'status'>
  spansReceived: Counter
  spansAccepted: Counter
  spansRejected: Counter
  truncatedValues: Counter
  duplicateRequests: Counter
  batchRows: Histogram
  flushSeconds: Histogram
  flushFailures: Counter
  queueBytes: Gauge
}

/** Creates and registers the ingest metrics on `registry`. */
export function createIngestMetrics(registry: Registry): IngestMetrics {
  const registers = [registry]
  return {
    requests: new Counter({
      name: 'tollgate_otlp_requests_total',
      help: 'OTLP export requests by HTTP status',
      labelNames: ['status'] as const,
      registers,
    }),
    spansReceived: new Counter({
      name: 'tollgate_spans_received_total',
      help: 'Spans decoded from export requests',
      registers,
    }),
    spansAccepted: new Counter({
      name: 'tollgate_spans_accepted_total',
      help: 'Spans committed to storage and acknowledged',
      registers,
    }),
    spansRejected: new Counter({
      name: 'tollgate_spans_rejected_total',
      help: 'Spans refused by validation (reported as partialSuccess)',
      registers,
    }),
    truncatedValues: new Counter({
      name: 'tollgate_truncated_values_total',
      help: 'Attribute values cut at the value-length limit',
      registers,
    }),
    duplicateRequests: new Counter({
      name: 'tollgate_duplicate_requests_total',
      help: 'Resent export requests answered without writing again',
      registers,
    }),
    batchRows: new Histogram({
      name: 'tollgate_batch_rows',
      help: 'Rows written per flush (all tables)',
      buckets: [10, 100, 1_000, 5_000, 10_000, 20_000, 50_000, 100_000],
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'tollgate_flush_duration_seconds',
      help: 'Time to commit one batch to storage',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    flushFailures: new Counter({
      name: 'tollgate_flush_failures_total',
      help: 'Batches that could not be committed (their requests got 503)',
      registers,
    }),
    queueBytes: new Gauge({
      name: 'tollgate_queue_bytes',
      help: 'Estimated memory of rows pending or being written',
      registers,
    }),
  }
}
