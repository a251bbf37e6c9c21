import type { Attributes } from '@opentelemetry/api'
import type { McpProtocol, McpRequest, McpRequestExtra, McpTransport } from '../internal-types.js'
import * as sc from '../semconv.js'

/** Span name per SEMCONV.md §1: `{method} {tool or prompt}`, never the resource URI. */
export function spanName(request: McpRequest): string {
  const target = toolOrPromptName(request)
  return target === undefined ? request.method : `${request.method} ${target}`
}

/** The request's own attributes: method, id, target, transport, server and client. */
export function requestAttributes(
  protocol: McpProtocol,
  request: McpRequest,
  extra: McpRequestExtra | undefined,
  protocolVersion: string | undefined,
): Attributes {
  const attributes: Attributes = {
    [sc.ATTR_MCP_METHOD_NAME]: request.method,
    [sc.ATTR_JSONRPC_REQUEST_ID]: String(request.id),
  }
  const params = request.params
  switch (request.method) {
    case 'tools/call':
      setString(attributes, sc.ATTR_GEN_AI_TOOL_NAME, params?.name)
      attributes[sc.ATTR_GEN_AI_OPERATION_NAME] = sc.OPERATION_EXECUTE_TOOL
      break
    case 'prompts/get':
      setString(attributes, sc.ATTR_GEN_AI_PROMPT_NAME, params?.name)
      break
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      setString(attributes, sc.ATTR_MCP_RESOURCE_URI, params?.uri)
      break
  }
  const headers = extra?.requestInfo?.headers
  const version = protocolVersion ?? header(headers, 'mcp-protocol-version')
  if (version !== undefined) attributes[sc.ATTR_MCP_PROTOCOL_VERSION] = version
  transportAttributes(attributes, protocol._transport, headers !== undefined)
  setString(attributes, sc.ATTR_SERVER_NAME, protocol._serverInfo?.name)
  setString(attributes, sc.ATTR_SERVER_VERSION, protocol._serverInfo?.version)
  const client = clientInfo(protocol, request)
  if (typeof client?.name === 'string') {
    attributes[sc.ATTR_CLIENT_NAME] = client.name
    attributes[sc.ATTR_CLIENT_VERSION] = typeof client.version === 'string' ? client.version : ''
  }
  return attributes
}

function toolOrPromptName(request: McpRequest): string | undefined {
  if (request.method !== 'tools/call' && request.method !== 'prompts/get') return undefined
  const name = request.params?.name
  return typeof name === 'string' ? name : undefined
}

function transportAttributes(
  attributes: Attributes,
  transport: McpTransport | undefined,
  http: boolean,
): void {
  if (http) {
    attributes[sc.ATTR_NETWORK_TRANSPORT] = 'tcp'
    attributes[sc.ATTR_NETWORK_PROTOCOL_NAME] = 'http'
  } else if (transport?.constructor?.name === 'StdioServerTransport') {
    attributes[sc.ATTR_NETWORK_TRANSPORT] = 'pipe'
  }
}

/** `clientInfo` from `initialize`, from what the server stored, or per request (stateless revision). */
function clientInfo(
  protocol: McpProtocol,
  request: McpRequest,
): { name?: unknown; version?: unknown } | undefined {
  const perRequest = request.params?._meta?.['io.modelcontextprotocol/clientInfo']
  if (isRecord(perRequest)) return perRequest
  if (request.method === 'initialize' && isRecord(request.params?.clientInfo))
    return request.params.clientInfo
  return protocol._clientVersion
}

function header(
  headers: Record<string, string | string[] | undefined> | undefined,
  name: string,
): string | undefined {
  const value = headers?.[name]
  return Array.isArray(value) ? value[0] : value
}

function setString(attributes: Attributes, key: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') attributes[key] = value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
