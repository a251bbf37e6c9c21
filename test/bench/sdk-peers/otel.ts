/**
 * The OTel pipeline handed to every OTel-based variant that accepts one: its own TracerProvider
 * with a BatchSpanProcessor and the OTLP/HTTP protobuf exporter to the loopback collector. One
 * provider per variant, so a round's flush pays only that variant's exports and the collector can
 * count each variant's spans apart.
 */
import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import type { GroupOptions } from './harness'

export interface Pipeline {
  provider: TracerProvider
  sinkKey: string
  flush: () => Promise<void>
}

export function pipeline(opts: GroupOptions, sinkKey: string): Pipeline {
  const exporter = new OTLPTraceExporter({ url: `${opts.sink}/${sinkKey}/v1/traces` })
  const provider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter, maxQueueSize: opts.queueSize })],
  })
  return { provider, sinkKey, flush: () => provider.forceFlush() }
}

/** What any OTel setup does once per process (NodeSDK does the same). */
export function installContextManager(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
}
