/**
 * Attribute keys of other MCP instrumentations (Sentry, Traceloop/OpenLLMetry,
 * OpenLIT, agentgateway) and how they map onto the standard ones. The standard
 * key always wins: a legacy key is read only when the standard one is absent
 * or empty. The table is documented in SEMCONV.md ("Legacy keys") and checked
 * against it by `semconv-doc.test.ts`.
 */
import type { Attributes } from '../otlp/types'
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_MCP_METHOD_NAME,
  ATTR_NETWORK_TRANSPORT,
  ATTR_RPC_RESPONSE_STATUS_CODE,
  ATTR_TOLLGATE_CLIENT_NAME,
  ATTR_TOLLGATE_CLIENT_VERSION,
  ATTR_TOLLGATE_INPUT_VALUE,
  ATTR_TOLLGATE_OUTPUT_VALUE,
  ATTR_TOLLGATE_SERVER_NAME,
  ATTR_TOLLGATE_SERVER_VERSION,
  ATTR_TOLLGATE_USER_ID,
} from './semconv'

/** One legacy key: where it comes from and which standard key it stands in for. */
export interface LegacyKey {
  readonly key: string
  readonly producers: string
  /** The standard key it feeds. */
  readonly mapsTo: string
  /** True when the value is translated (see the functions below), not copied. */
  readonly translated: boolean
}

/** Legacy MCP attributes the collector understands, in fallback order per standard key. */
export const LEGACY_KEYS: readonly LegacyKey[] = [
  {
    key: 'mcp.request.id',
    producers: 'Sentry, Traceloop',
    mapsTo: ATTR_JSONRPC_REQUEST_ID,
    translated: false,
  },
  { key: 'mcp.message_id', producers: 'OpenLIT', mapsTo: ATTR_JSONRPC_REQUEST_ID, translated: false },
  { key: 'mcp.tool.name', producers: 'Sentry, OpenLIT', mapsTo: ATTR_GEN_AI_TOOL_NAME, translated: false },
  { key: 'traceloop.entity.name', producers: 'Traceloop', mapsTo: ATTR_GEN_AI_TOOL_NAME, translated: false },
  {
    key: 'mcp.prompt.name',
    producers: 'Sentry, OpenLIT',
    mapsTo: ATTR_GEN_AI_PROMPT_NAME,
    translated: false,
  },
  {
    key: 'mcp.server.name',
    producers: 'Sentry, OpenLIT',
    mapsTo: ATTR_TOLLGATE_SERVER_NAME,
    translated: false,
  },
  { key: 'mcp.target', producers: 'agentgateway', mapsTo: ATTR_TOLLGATE_SERVER_NAME, translated: false },
  {
    key: 'mcp.server.version',
    producers: 'Sentry, OpenLIT',
    mapsTo: ATTR_TOLLGATE_SERVER_VERSION,
    translated: false,
  },
  { key: 'mcp.client.name', producers: 'Sentry', mapsTo: ATTR_TOLLGATE_CLIENT_NAME, translated: false },
  {
    key: 'mcp.client.version',
    producers: 'Sentry, OpenLIT',
    mapsTo: ATTR_TOLLGATE_CLIENT_VERSION,
    translated: false,
  },
  { key: 'jwt.sub', producers: 'agentgateway', mapsTo: ATTR_TOLLGATE_USER_ID, translated: false },
  { key: 'mcp.error.code', producers: 'OpenLIT', mapsTo: ATTR_RPC_RESPONSE_STATUS_CODE, translated: false },
  {
    key: 'mcp.tool.arguments',
    producers: 'OpenLIT',
    mapsTo: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
    translated: false,
  },
  {
    key: 'mcp.tool.result.content',
    producers: 'Sentry',
    mapsTo: ATTR_GEN_AI_TOOL_CALL_RESULT,
    translated: false,
  },
  { key: 'mcp.tool.result', producers: 'OpenLIT', mapsTo: ATTR_GEN_AI_TOOL_CALL_RESULT, translated: false },
  { key: 'mcp.request.payload', producers: 'OpenLIT', mapsTo: ATTR_TOLLGATE_INPUT_VALUE, translated: false },
  {
    key: 'traceloop.entity.input',
    producers: 'Traceloop',
    mapsTo: ATTR_TOLLGATE_INPUT_VALUE,
    translated: false,
  },
  {
    key: 'mcp.response.payload',
    producers: 'OpenLIT',
    mapsTo: ATTR_TOLLGATE_OUTPUT_VALUE,
    translated: false,
  },
  {
    key: 'mcp.response.value',
    producers: 'Traceloop',
    mapsTo: ATTR_TOLLGATE_OUTPUT_VALUE,
    translated: false,
  },
  {
    key: 'traceloop.entity.output',
    producers: 'Traceloop',
    mapsTo: ATTR_TOLLGATE_OUTPUT_VALUE,
    translated: false,
  },
  { key: 'mcp.method', producers: 'OpenLIT, agentgateway', mapsTo: ATTR_MCP_METHOD_NAME, translated: true },
  { key: 'traceloop.span.kind', producers: 'Traceloop', mapsTo: ATTR_MCP_METHOD_NAME, translated: true },
  { key: 'mcp.resource.name', producers: 'agentgateway', mapsTo: ATTR_GEN_AI_TOOL_NAME, translated: true },
  { key: 'mcp.transport', producers: 'Sentry', mapsTo: ATTR_NETWORK_TRANSPORT, translated: true },
  { key: 'mcp.transport.type', producers: 'OpenLIT', mapsTo: ATTR_NETWORK_TRANSPORT, translated: true },
  {
    key: 'mcp.tool.result.is_error',
    producers: 'Sentry, OpenLIT',
    mapsTo: ATTR_ERROR_TYPE,
    translated: true,
  },
]

/** The plain (untranslated) legacy keys for one standard key, in fallback order. */
export function legacyFallbacks(standardKey: string): readonly string[] {
  return LEGACY_KEYS.filter((l) => l.mapsTo === standardKey && !l.translated).map((l) => l.key)
}

const ATTR_LEGACY_MCP_METHOD = 'mcp.method'
const ATTR_TRACELOOP_SPAN_KIND = 'traceloop.span.kind'
const ATTR_LEGACY_RESOURCE_NAME = 'mcp.resource.name'
const ATTR_LEGACY_RESOURCE_TYPE = 'mcp.resource.type'
const ATTR_LEGACY_TRANSPORT = 'mcp.transport'
const ATTR_LEGACY_TRANSPORT_TYPE = 'mcp.transport.type'
const ATTR_LEGACY_TOOL_IS_ERROR = 'mcp.tool.result.is_error'
/** Traceloop's MCP instrumentation names its tracer after its Python module. */
const TRACELOOP_MCP_SCOPE_PREFIX = 'opentelemetry.instrumentation.mcp'
const TRACELOOP_METHOD_SPAN_SUFFIX = '.mcp'

/**
 * The MCP method of a span that lacks `mcp.method.name`, or '' when it is not
 * an MCP call. `toolName` is the span's tool name after legacy mapping.
 */
export function legacyMethod(
  attrs: Attributes,
  spanName: string,
  scopeName: string,
  toolName: string,
): string {
  const method = attrs[ATTR_LEGACY_MCP_METHOD]
  if (typeof method === 'string' && method !== '') return normalizeLegacyMethod(method, toolName)
  // NB: `traceloop.span.kind = tool` is also set by Traceloop's generic @tool
  // decorator; only its MCP instrumentation's spans are MCP calls. Its spans
  // for other methods carry no kind, only the name `{method}.mcp`.
  if (!scopeName.startsWith(TRACELOOP_MCP_SCOPE_PREFIX)) return ''
  if (attrs[ATTR_TRACELOOP_SPAN_KIND] === 'tool') return 'tools/call'
  if (spanName.endsWith(TRACELOOP_METHOD_SPAN_SUFFIX)) {
    return spanName.slice(0, spanName.length - TRACELOOP_METHOD_SPAN_SUFFIX.length)
  }
  return ''
}

/**
 * OpenLIT records its Python method names (`call_tool`) and sometimes the tool
 * name itself in `mcp.method`; agentgateway records the real MCP method.
 */
function normalizeLegacyMethod(value: string, toolName: string): string {
  switch (value) {
    case 'call_tool':
      return 'tools/call'
    case 'list_tools':
      return 'tools/list'
    case 'read_resource':
      return 'resources/read'
    case 'list_resources':
      return 'resources/list'
    case 'list_resource_templates':
      return 'resources/templates/list'
    case 'get_prompt':
      return 'prompts/get'
    case 'list_prompts':
      return 'prompts/list'
    case 'send_ping':
    case 'ping':
      return 'ping'
    case 'initialize':
      return 'initialize'
  }
  if (value.includes('/')) return value
  return toolName !== '' ? 'tools/call' : ''
}

/** agentgateway's `mcp.resource.name` when its `mcp.resource.type` is `type` (`tool`, `prompt`, `resource`). */
export function legacyResourceName(attrs: Attributes, type: string): string {
  const name = attrs[ATTR_LEGACY_RESOURCE_NAME]
  if (typeof name !== 'string') return ''
  const actual = attrs[ATTR_LEGACY_RESOURCE_TYPE]
  return typeof actual === 'string' && actual.toLowerCase() === type ? name : ''
}

/** `network.transport` from Sentry's `mcp.transport` or OpenLIT's `mcp.transport.type`. */
export function legacyTransport(attrs: Attributes): string {
  let value = attrs[ATTR_LEGACY_TRANSPORT]
  if (typeof value !== 'string' || value === '') value = attrs[ATTR_LEGACY_TRANSPORT_TYPE]
  if (typeof value !== 'string') return ''
  switch (value.toLowerCase()) {
    case 'stdio':
      return 'pipe'
    case 'http':
    case 'sse':
    case 'streamable_http':
    case 'streamable-http':
    case 'streamablehttp':
    case 'websocket':
      return 'tcp'
    default:
      return value
  }
}

/** `tool_error` when Sentry/OpenLIT flag a tool result as an error, else ''. */
export function legacyErrorType(attrs: Attributes): string {
  const isError = attrs[ATTR_LEGACY_TOOL_IS_ERROR]
  return isError === true || isError === 'true' ? 'tool_error' : ''
}
