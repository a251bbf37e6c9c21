import type { McpListedTool } from '../internal-types.js'
import type { CallTracer } from './call-tracer.js'

const LINKED = Symbol.for('tollgate.sdk.mcpServerLinked')

/** The parts of the high-level `McpServer` we read: its low-level server and registered tools. */
export interface McpServerLike {
  server: object
  _registeredTools?: Record<string, { annotations?: McpListedTool['annotations'] }>
}

/** Whether `value` looks like an `McpServer` (has a low-level `server` with request dispatch). */
export function isMcpServer(value: unknown): value is McpServerLike {
  const server = (value as McpServerLike | undefined)?.server
  return typeof server === 'object' && server !== null && '_onrequest' in server
}

/** Lets the side effect of a call come from the annotations the tool was registered with. */
export function linkRegisteredTools(calls: CallTracer, mcpServer: McpServerLike): void {
  calls.tools.link(mcpServer.server, () => mcpServer._registeredTools ?? {})
}

/**
 * Wraps `McpServer.prototype.connect` to link each server's registered tools when it
 * connects: the request dispatch only sees the low-level `Server`.
 */
export function patchMcpServerClass(prototype: object, onConnect: (server: McpServerLike) => void): void {
  const target = prototype as { connect?: (...args: unknown[]) => unknown; [LINKED]?: true }
  const connect = target.connect
  if (typeof connect !== 'function' || Object.hasOwn(target, LINKED)) return
  Object.defineProperty(target, LINKED, { value: true })
  target.connect = function tollgateConnect(this: McpServerLike, ...args: unknown[]) {
    try {
      if (isMcpServer(this)) onConnect(this)
    } catch {
      // Linking only improves side-effect detection; connecting must never fail for it.
    }
    return connect.apply(this, args)
  }
}
