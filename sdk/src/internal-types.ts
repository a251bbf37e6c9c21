/**
 * The parts of the MCP SDK's objects the instrumentation touches, typed structurally.
 * The MCP SDK is a peer we never import at runtime; these shapes hold for
 * `@modelcontextprotocol/sdk` 1.9–1.x and `@modelcontextprotocol/server` 2.x, whose
 * `Protocol` class dispatches every inbound request through `_onrequest`.
 */

/** A JSON-RPC request as the MCP SDK hands it to `_onrequest`. */
export interface McpRequest {
  jsonrpc?: '2.0'
  id: string | number
  method: string
  params?: Record<string, unknown> & { _meta?: Record<string, unknown> }
}

/** A JSON-RPC notification (`notifications/cancelled`, `notifications/progress`, …). */
export interface McpNotification {
  method: string
  params?: Record<string, unknown>
}

/** A JSON-RPC response on its way out through the transport. */
export interface McpResponse {
  id: string | number
  result?: Record<string, unknown>
  error?: { code: number; message?: string; data?: unknown }
}

/** The `authInfo` a bearer-auth layer attaches to a request (`@modelcontextprotocol/sdk` AuthInfo). */
export interface McpAuthInfo {
  token?: string
  clientId?: string
  scopes?: string[]
  /** Seconds since the epoch. */
  expiresAt?: number
  resource?: URL | string
  extra?: Record<string, unknown>
}

/** What `_onrequest` receives next to the request: auth and HTTP details when the transport has them. */
export interface McpRequestExtra {
  authInfo?: McpAuthInfo
  requestInfo?: { headers?: Record<string, string | string[] | undefined> }
}

/** A transport: stdio, Streamable HTTP, in-memory, or any user transport. */
export interface McpTransport {
  sessionId?: string
  send(message: unknown, options?: { relatedRequestId?: string | number }): Promise<void>
}

/** The dispatching core shared by `Server` and `Client` (`Protocol`). */
export interface McpProtocol {
  _transport?: McpTransport
  _serverInfo?: { name?: string; version?: string }
  _clientVersion?: { name?: string; version?: string }
  _onrequest(request: McpRequest, extra?: McpRequestExtra): void
  _onnotification(notification: McpNotification, ...rest: unknown[]): void
  _onclose(): void
}

/** A tool as listed in a `tools/list` result. */
export interface McpListedTool {
  name: string
  title?: string
  description?: string
  inputSchema?: unknown
  outputSchema?: unknown
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; [key: string]: unknown }
}
