import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation'
import { CallTracer } from './server/call-tracer.js'
import { linkRegisteredTools, patchMcpServerClass } from './server/mcp-server-link.js'
import { patchProtocol, unpatchProtocol } from './server/patch-protocol.js'
import type { TollgateConfig } from './types.js'
import { SDK_NAME, SDK_VERSION } from './version.js'

/** The MCP SDK versions this instrumentation patches; repeated in the README. */
export const SUPPORTED_VERSIONS = {
  '@modelcontextprotocol/sdk': ['>=1.9.0 <2'],
  '@modelcontextprotocol/server': ['>=2.0.0 <3'],
  '@modelcontextprotocol/client': ['>=2.0.0 <3'],
} as const

type ProtocolModule = { Protocol?: { prototype: object } }
type McpModule = { McpServer?: { prototype: object } }

/**
 * OpenTelemetry instrumentation for MCP servers, for `NodeSDK({ instrumentations: [...] })`
 * or `registerInstrumentations`. Patches the MCP SDK's `Protocol` as it loads, so servers
 * whose `server` object is module-private are covered too.
 */
export class TollgateInstrumentation extends InstrumentationBase<TollgateConfig> {
  private calls: CallTracer | undefined

  constructor(config: TollgateConfig = {}) {
    super(SDK_NAME, SDK_VERSION, config)
  }

  override setConfig(config: TollgateConfig = {}): void {
    super.setConfig(config)
    this.calls = undefined
  }

  protected override _updateMetricInstruments(): void {
    this.calls?.metric.reset()
  }

  /** The tracer of calls, or undefined while disabled (requests then pass through untouched). */
  callTracer(): CallTracer | undefined {
    if (!this._enabled) return undefined
    this.calls ??= new CallTracer(
      () => this.tracer,
      this._config,
      () => this.meter,
    )
    return this.calls
  }

  /**
   * Patches the CommonJS copies of the MCP packages that `require` resolves to, right away.
   * NB: require-in-the-middle cannot hook these packages (it fails to resolve their root entry
   * and then skips all of their files), so CommonJS servers get patched this way instead.
   * Packages that are not installed are skipped; nothing throws.
   */
  patchCommonJs(require: (id: string) => unknown): void {
    const load = (id: string) => {
      try {
        return require(id) as ProtocolModule & McpModule
      } catch {
        return undefined
      }
    }
    for (const id of [
      '@modelcontextprotocol/sdk/shared/protocol.js',
      '@modelcontextprotocol/server',
      '@modelcontextprotocol/client',
    ]) {
      const exports = load(id)
      if (exports !== undefined) this.patchProtocolModule(exports)
    }
    for (const id of ['@modelcontextprotocol/sdk/server/mcp.js', '@modelcontextprotocol/server']) {
      const exports = load(id)
      if (exports !== undefined) this.patchMcpModule(exports)
    }
  }

  protected init() {
    const protocolFile = (path: string) =>
      new InstrumentationNodeModuleFile(
        path,
        [...SUPPORTED_VERSIONS['@modelcontextprotocol/sdk']],
        (exports: ProtocolModule) => this.patchProtocolModule(exports),
        (exports?: ProtocolModule) => this.unpatchProtocolModule(exports),
      )
    const mcpFile = (path: string) =>
      new InstrumentationNodeModuleFile(
        path,
        [...SUPPORTED_VERSIONS['@modelcontextprotocol/sdk']],
        (exports: McpModule) => this.patchMcpModule(exports),
        () => {},
      )
    return [
      new InstrumentationNodeModuleDefinition(
        '@modelcontextprotocol/sdk',
        [...SUPPORTED_VERSIONS['@modelcontextprotocol/sdk']],
        undefined,
        undefined,
        [
          protocolFile('@modelcontextprotocol/sdk/dist/esm/shared/protocol.js'),
          protocolFile('@modelcontextprotocol/sdk/dist/cjs/shared/protocol.js'),
          mcpFile('@modelcontextprotocol/sdk/dist/esm/server/mcp.js'),
          mcpFile('@modelcontextprotocol/sdk/dist/cjs/server/mcp.js'),
        ],
      ),
      new InstrumentationNodeModuleDefinition(
        '@modelcontextprotocol/server',
        [...SUPPORTED_VERSIONS['@modelcontextprotocol/server']],
        (exports: ProtocolModule & McpModule) => this.patchMcpModule(this.patchProtocolModule(exports)),
        (exports?: ProtocolModule) => this.unpatchProtocolModule(exports),
      ),
      // The 2.x client package bundles its own copy of Protocol.
      new InstrumentationNodeModuleDefinition(
        '@modelcontextprotocol/client',
        [...SUPPORTED_VERSIONS['@modelcontextprotocol/client']],
        (exports: ProtocolModule) => this.patchProtocolModule(exports),
        (exports?: ProtocolModule) => this.unpatchProtocolModule(exports),
      ),
    ]
  }

  private patchProtocolModule<T extends ProtocolModule>(exports: T): T {
    if (exports?.Protocol?.prototype !== undefined)
      patchProtocol(exports.Protocol.prototype, () => this.callTracer())
    return exports
  }

  private unpatchProtocolModule(exports: ProtocolModule | undefined): void {
    if (exports?.Protocol?.prototype !== undefined) unpatchProtocol(exports.Protocol.prototype)
  }

  private patchMcpModule<T extends McpModule>(exports: T): T {
    if (exports?.McpServer?.prototype !== undefined) {
      patchMcpServerClass(exports.McpServer.prototype, (server) => {
        const calls = this.callTracer()
        if (calls !== undefined) linkRegisteredTools(calls, server)
      })
    }
    return exports
  }
}
