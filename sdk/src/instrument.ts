import { diag, type MeterProvider, metrics, type TracerProvider, trace } from '@opentelemetry/api'
import { CallTracer } from './server/call-tracer.js'
import { isMcpServer, linkRegisteredTools } from './server/mcp-server-link.js'
import { isPatched, patchProtocol } from './server/patch-protocol.js'
import type { TollgateConfig } from './types.js'
import { SDK_NAME, SDK_VERSION } from './version.js'

/** Options of {@link instrument}. */
export interface InstrumentOptions extends TollgateConfig {
  /** @default the global tracer provider */
  tracerProvider?: TracerProvider
  /** Receives `mcp.server.operation.duration`. @default the global meter provider */
  meterProvider?: MeterProvider
}

/**
 * Instruments one MCP server (an `McpServer` or a low-level `Server`) or client (`Client`) of
 * `@modelcontextprotocol/sdk` 1.x or `@modelcontextprotocol/server` / `client` 2.x. Returns the same
 * object; its tools, handlers and responses are left exactly as they are. Calling it twice,
 * or on a server the `register` entry already covers, changes nothing.
 */
export function instrument<T>(server: T, options: InstrumentOptions = {}): T {
  try {
    const protocol = isMcpServer(server) ? server.server : server
    if (typeof protocol !== 'object' || protocol === null || !('_onrequest' in protocol)) {
      diag.warn('tollgate: instrument() expects an McpServer, a Server or a Client; nothing was instrumented')
      return server
    }
    if (isPatched(protocol, '_onrequest')) return server
    // The global provider hands out a proxy that follows a provider registered later.
    const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(SDK_NAME, SDK_VERSION)
    const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(SDK_NAME, SDK_VERSION)
    const calls = new CallTracer(
      () => tracer,
      options,
      () => meter,
    )
    if (isMcpServer(server)) linkRegisteredTools(calls, server)
    patchProtocol(protocol, () => (options.enabled === false ? undefined : calls))
  } catch (error) {
    diag.error('tollgate: instrument() failed; the server runs uninstrumented', error)
  }
  return server
}
