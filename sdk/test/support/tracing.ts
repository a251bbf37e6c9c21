import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace'

/**
 * Waits until the work the SDK defers past a response (attributes, redaction, span end) has
 * run: it is scheduled with setImmediate once the response is sent.
 */
export async function drained(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
}

/**
 * A tracer provider that keeps finished spans in memory, with async context propagation on.
 * `reset()` first lets the previous test's deferred spans end, so none leaks into the next.
 */
export function memoryTracing(): {
  provider: TracerProvider
  spans: () => ReadableSpan[]
  reset: () => Promise<void>
} {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  const exporter = new InMemorySpanExporter()
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
  return {
    provider,
    spans: () => exporter.getFinishedSpans(),
    reset: async () => {
      await drained()
      exporter.reset()
    },
  }
}

/** The one finished span named `name`; fails loudly when there are none or several. */
export function onlySpan(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name)
  if (found.length !== 1) {
    throw new Error(
      `expected one span named ${name}, got ${found.length}: ${spans.map((s) => s.name).join(', ')}`,
    )
  }
  return found[0] as ReadableSpan
}

/** Waits until `predicate` holds: spans end when the response is sent, after the client got it. */
export async function eventually(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
