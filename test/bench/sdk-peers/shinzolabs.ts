/**
 * `@shinzolabs/instrumentation-mcp`: `instrumentServer(server, config)` starts its own OTel
 * NodeSDK (OTel JS 1.x, OTLP/HTTP JSON, metrics every 5 s) and wraps the handlers of tools
 * registered afterwards through `server.tool(…)` — not `registerTool`, so this variant registers
 * the same tool that way. It cannot take our tracer provider; its exporter points at the loopback
 * collector instead. Its own process: NodeSDK registers the global tracer provider, meter
 * provider, context manager and propagator.
 */
import { createRequire } from 'node:module'
import { instrumentServer } from '@shinzolabs/instrumentation-mcp'
import { buildServer, connect, type Group, type GroupOptions } from './harness'

interface Flushable {
  forceFlush?: () => Promise<void>
  getDelegate?: () => Flushable
}

/**
 * Its providers live behind its own copy of @opentelemetry/api (pinned 1.8.0), which ours (1.10)
 * refuses to read as an older minor; flushing needs that copy.
 */
function globalsOfShinzolabs(): { tracer: Flushable; meter: Flushable } {
  const ownRequire = createRequire(import.meta.url)
  const api = createRequire(ownRequire.resolve('@shinzolabs/instrumentation-mcp'))('@opentelemetry/api') as {
    trace: { getTracerProvider: () => Flushable }
    metrics: { getMeterProvider: () => Flushable }
  }
  const proxy = api.trace.getTracerProvider()
  return { tracer: proxy.getDelegate?.() ?? proxy, meter: api.metrics.getMeterProvider() }
}

export async function setup(opts: GroupOptions): Promise<Group> {
  // NodeSDK builds its BatchSpanProcessor from the environment; same queue as the others.
  process.env.OTEL_BSP_MAX_QUEUE_SIZE = String(opts.queueSize)
  const bare = await connect(buildServer())
  let telemetry: ReturnType<typeof instrumentServer> | undefined
  const server = buildServer({
    legacyTool: true,
    setup: (s) => {
      telemetry = instrumentServer(s, {
        serverName: 'bench',
        serverVersion: '1.0.0',
        exporterEndpoint: `${opts.sink}/shinzolabs/v1`,
        // Capture on (off by default); PII sanitisation is on by default.
        enableArgumentCollection: true,
      })
    },
  })
  const client = await connect(server)
  const { tracer, meter } = globalsOfShinzolabs()
  if (tracer.forceFlush === undefined) throw new Error('shinzolabs: its tracer provider is not reachable')
  return {
    variants: [
      { name: 'bare', client: bare },
      {
        name: 'shinzolabs instrumentServer',
        client,
        peer: true,
        sinkKey: 'shinzolabs',
        flush: async () => {
          await tracer.forceFlush?.()
          await meter.forceFlush?.()
        },
      },
    ],
    notes: [],
    close: async () => {
      await bare.close()
      await client.close()
      await telemetry?.shutdown()
    },
  }
}
