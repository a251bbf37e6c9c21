/**
 * `@traceloop/instrumentation-mcp`: an OTel Instrumentation class that patches
 * `Client.prototype` (connect/request/close) and `Server.prototype.request` when the MCP SDK
 * loads. Module hooks do not see this tsx/ESM process, so its module definitions' own `patch`
 * and `unpatch` are called on the loaded modules (what the hook would do; the same as
 * sdk/test/instrumentation-class.test.ts). The patch is on `Client.prototype`, so bare in this
 * process gets the unpatched methods as own properties. (Toggling the patch around each round
 * instead made bare 15–100 % slower in trials: deoptimised call sites, bare no longer bare.)
 *
 * NB: `Server.prototype.request` is what a server uses to send requests *to its client*
 * (sampling, elicitation); an incoming `tools/call` gets no server span. What traceloop measures
 * here is one CLIENT span per call on the client side of the same round trip.
 */
import * as clientModule from '@modelcontextprotocol/sdk/client/index.js'
import * as serverModule from '@modelcontextprotocol/sdk/server/index.js'
import { McpInstrumentation } from '@traceloop/instrumentation-mcp'
import { buildServer, connect, type Group, type GroupOptions } from './harness'
import { installContextManager, pipeline } from './otel'

const MCP_SDK_VERSION = '1.32.2'

export async function setup(opts: GroupOptions): Promise<Group> {
  installContextManager()
  const traced = pipeline(opts, 'traceloop')
  // enabled: false — no require hooks; the patch below is applied by hand.
  const instrumentation = new McpInstrumentation({ enabled: false, traceContent: true })
  instrumentation.setTracerProvider(traced.provider)
  const definitions = instrumentation
    .getModuleDefinitions()
    .filter((d) => d.name.endsWith('/index.js'))
    .map((d) => ({ d, exports: d.name.includes('/client/') ? clientModule : serverModule }))
  if (definitions.length !== 2) throw new Error('traceloop: client/server module definitions not found')
  const proto = clientModule.Client.prototype
  const bareClient = new clientModule.Client({ name: 'bench-agent', version: '1.0.0' })
  Object.assign(bareClient, { connect: proto.connect, request: proto.request, close: proto.close })
  const bare = await connect(buildServer(), bareClient)
  for (const { d, exports } of definitions) d.patch?.(exports, MCP_SDK_VERSION)
  // Connected while patched: traceloop keeps a session span on the client as the calls' parent.
  const client = await connect(buildServer())
  return {
    variants: [
      { name: 'bare', client: bare },
      {
        name: 'traceloop (client span only)',
        client,
        peer: true,
        ...traced,
      },
    ],
    notes: [
      'traceloop server side: n/a: it patches only Server.prototype.request (server→client requests); an incoming tools/call gets no span',
    ],
    close: async () => {
      await client.close()
      await bare.close()
      for (const { d, exports } of definitions) d.unpatch?.(exports, MCP_SDK_VERSION)
      await traced.provider.shutdown()
    },
  }
}
