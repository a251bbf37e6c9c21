/**
 * Zero-code entry: `node --import @tollgate/sdk/register server.js`.
 *
 * Sets up an OpenTelemetry tracer provider exporting OTLP/HTTP protobuf to Tollgate and
 * patches any `@modelcontextprotocol/sdk` 1.x / `@modelcontextprotocol/server` 2.x the
 * server loads afterwards, ESM or CJS. Never writes to stdout: stdio servers speak
 * JSON-RPC there. Diagnostics go to stderr, and only when `OTEL_LOG_LEVEL` asks for them.
 */
import { readFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { dirname, extname, join, resolve } from 'node:path'
import { context, diag, propagation, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { TollgateInstrumentation } from './instrumentation.js'
import { loadRegisterConfig } from './register-config.js'
import { SDK_VERSION } from './version.js'

// Everything below takes its settings from `config`, read once from the environment.
const config = loadRegisterConfig()

if (!config.disabled) {
  if (config.logLevel !== undefined) diag.setLogger(stderrLogger(), config.logLevel)

  // import-in-the-middle's loader lets the instrumentation patch ES modules as they load.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url)

  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': config.serviceName,
      'telemetry.sdk.name': '@tollgate/sdk',
      'telemetry.sdk.version': SDK_VERSION,
    }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers }),
        scheduledDelayMillis: 1000,
      }),
    ],
  })
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  trace.setGlobalTracerProvider(provider)
  const instrumentation = new TollgateInstrumentation()
  registerInstrumentations({ instrumentations: [instrumentation], tracerProvider: provider })
  const entry = process.argv[1]
  if (entry !== undefined && isCommonJs(entry)) instrumentation.patchCommonJs(createRequire(resolve(entry)))
  // Flush what is buffered when the server winds down on its own (stdin closed). No signal
  // handlers: adding one would stop SIGTERM from ending the host process.
  process.once('beforeExit', () => {
    provider
      .shutdown()
      .catch((error: unknown) => diag.error('tollgate: flushing spans at exit failed', error))
  })
}

/** Whether Node runs `entry` as CommonJS: `.cjs`, or `.js` under a package.json without `"type": "module"`. */
function isCommonJs(entry: string): boolean {
  const extension = extname(entry)
  if (extension === '.cjs') return true
  if (extension !== '.js' && extension !== '') return false
  for (let dir = dirname(resolve(entry)); ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type !== 'module'
    } catch {
      if (dirname(dir) === dir) return true
    }
  }
}

function stderrLogger() {
  const write =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      process.stderr.write(
        `[tollgate ${level}] ${message}${args.length ? ` ${args.map(String).join(' ')}` : ''}\n`,
      )
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    verbose: write('verbose'),
  }
}
