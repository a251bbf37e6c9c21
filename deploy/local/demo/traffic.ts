import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { context, propagation, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { instrument } from '@tollgate/sdk'
import { buildCrmServer, DEMO_RESOURCE_URL, DEMO_SIDE_EFFECTS } from './crm-server.js'
import { PERSONAS, type Persona, planSession } from './personas.js'

/**
 * `pnpm start`'s live demo traffic: agents acting for a handful of users call the demo CRM
 * server at about TOLLGATE_DEMO_CALLS_PER_SECOND (default 1.5). The server is instrumented
 * with `instrument(server)` and exports OTLP/HTTP to Tollgate with an ingest key, exactly the
 * path a user's own server takes. The client talks to the server in-process, with the
 * `authInfo` a bearer-auth layer would attach to every message. Logs go to stderr only.
 *
 * Environment: TOLLGATE_ENDPOINT (base URL of the OTLP receiver), TOLLGATE_API_KEY (ingest key).
 */

const endpoint = requiredEnv('TOLLGATE_ENDPOINT').replace(/\/+$/, '')
const ingestKey = requiredEnv('TOLLGATE_API_KEY')
const callsPerSecond = Number(process.env.TOLLGATE_DEMO_CALLS_PER_SECOND ?? '1.5')
if (!(callsPerSecond > 0 && callsPerSecond <= 1000)) {
  fail('TOLLGATE_DEMO_CALLS_PER_SECOND must be a number in (0, 1000]')
}

const provider = new TracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'demo-crm', 'deployment.environment': 'demo' }),
  spanProcessors: [
    new BatchSpanProcessor({
      exporter: new OTLPTraceExporter({
        url: `${endpoint}/v1/traces`,
        headers: { Authorization: `Bearer ${ingestKey}` },
      }),
      scheduledDelayMillis: 500,
    }),
  ],
})
// deny(), provenance() and friends find their call through the active context.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
propagation.setGlobalPropagator(new W3CTraceContextPropagator())
trace.setGlobalTracerProvider(provider)

let stopping = false
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Connects a fresh instrumented server and a client acting for `persona` (one MCP session). */
async function connect(persona: Persona): Promise<Client> {
  const server = instrument(buildCrmServer(), {
    resourceUrl: DEMO_RESOURCE_URL,
    sideEffects: DEMO_SIDE_EFFECTS,
    detector: { allowedHosts: ['crm.demo.tollgate.local'] },
  })
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair()
  const authInfo: AuthInfo = {
    token: `demo-token-${persona.user}`,
    clientId: persona.clientId,
    scopes: [...persona.scopes],
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    resource: new URL(DEMO_RESOURCE_URL),
    extra: { sub: persona.user, azp: persona.agent, tenant: persona.tenant },
  }
  const send = clientTransport.send.bind(clientTransport)
  clientTransport.send = (message, options) => send(message, { ...options, authInfo })
  await server.connect(serverTransport)
  const client = instrument(new Client({ name: persona.agent, version: '2.1.0' }))
  await client.connect(clientTransport)
  return client
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!
}

/** Runs sessions back to back, one step per tick, until asked to stop. */
async function run(): Promise<void> {
  const interval = 1000 / callsPerSecond
  let calls = 0
  let reported = 0
  while (!stopping) {
    const persona = pick(PERSONAS)
    const client = await connect(persona)
    try {
      await client.listTools()
      for (const step of planSession(persona, pick, (p) => Math.random() < p)) {
        if (stopping) break
        // Refusals come back as results or JSON-RPC errors; both are traffic, not failures.
        await client.callTool({ name: step.tool, arguments: step.args }).catch(() => undefined)
        calls += 1
        await pause(interval * (0.5 + Math.random()))
      }
    } finally {
      await client.close()
    }
    if (calls - reported >= 500) {
      reported = calls
      process.stderr.write(`[demo] ${calls} calls sent so far\n`)
    }
  }
}

async function shutdown(): Promise<void> {
  if (stopping) return
  stopping = true
  // Flush what is buffered so the last calls reach Tollgate before it stops.
  await provider.shutdown().catch(() => undefined)
  process.exit(0)
}

process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())

function requiredEnv(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') fail(`${name} is not set`)
  return value
}

function fail(message: string): never {
  process.stderr.write(`[demo] ${message}\n`)
  process.exit(2)
}

process.stderr.write(`[demo] sending about ${callsPerSecond} MCP calls/s to ${endpoint}\n`)
run().catch((error: unknown) => {
  process.stderr.write(`[demo] traffic stopped: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
