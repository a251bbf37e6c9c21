import * as protocolModule from '@modelcontextprotocol/sdk/shared/protocol.js'
import { SpanKind } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { instrument, TollgateInstrumentation } from '../src/index.js'
import { isPatched } from '../src/server/patch-protocol.js'
import { eventually, memoryTracing } from './support/tracing.js'
import { buildServer, connect } from './support/v1-server.js'

/**
 * A disabled instrumentation over `tracing`, and its module file for the MCP SDK's ESM
 * protocol module, patched the way the module hook does when a server imports the SDK.
 */
function patchedInstrumentation(tracing: ReturnType<typeof memoryTracing>) {
  const instrumentation = new TollgateInstrumentation({ enabled: false })
  instrumentation.setTracerProvider(tracing.provider)
  const file = instrumentation
    .getModuleDefinitions()
    .flatMap((definition) => definition.files)
    .find((f) => f.name.endsWith('dist/esm/shared/protocol.js'))
  if (file === undefined) throw new Error('no module file for the ESM protocol module')
  file.patch(protocolModule, '1.32.2')
  return { instrumentation, file }
}

describe('TollgateInstrumentation', () => {
  it('patches Protocol when the module loads, and obeys enable → disable → enable → unpatch', async () => {
    const tracing = memoryTracing()
    const { instrumentation, file } = patchedInstrumentation(tracing)
    const prototype = protocolModule.Protocol.prototype
    expect(isPatched(prototype, '_onrequest')).toBe(true)

    const client = await connect(buildServer({}))
    const call = () => client.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    const traced = () =>
      tracing.spans().filter((s) => s.name === 'tools/call search_accounts' && s.kind === SpanKind.SERVER)
        .length

    instrumentation.enable()
    await call()
    await eventually(() => traced() === 1)

    instrumentation.disable()
    const whileDisabled = await call()
    expect(whileDisabled.content).toEqual([{ type: 'text', text: 'found 2 accounts for q' }])
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(traced()).toBe(1)

    instrumentation.enable()
    await call()
    await eventually(() => traced() === 2)

    file.unpatch(protocolModule, '1.32.2')
    expect(isPatched(prototype, '_onrequest')).toBe(false)
    await call()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(traced()).toBe(2)
    instrumentation.disable()
  })
})

describe('TollgateInstrumentation with instrument() on the same server', () => {
  it('wraps once: one span per request', async () => {
    const tracing = memoryTracing()
    const { instrumentation, file } = patchedInstrumentation(tracing)
    instrumentation.enable()
    const server = instrument(buildServer({}), { tracerProvider: tracing.provider })
    const client = await connect(server)
    await client.callTool({ name: 'search_accounts', arguments: { query: 'q' } })
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call search_accounts'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    const serverSpans = tracing
      .spans()
      .filter((s) => s.name === 'tools/call search_accounts' && s.kind === SpanKind.SERVER)
    expect(serverSpans).toHaveLength(1)
    file.unpatch(protocolModule, '1.32.2')
    instrumentation.disable()
  })
})
