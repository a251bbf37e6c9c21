/**
 * Reads of the MCP call fields that have legacy fallbacks, shared by the
 * `mcp_calls` and `mcp_events` mappings. The fallback lists are computed once
 * at load so a read is a few property lookups.
 */
import type { AcceptedSpan, Attributes } from '../otlp/types'
import { readString, readStringOr } from './attribute-values'
import { legacyFallbacks, legacyMethod, legacyResourceName } from './legacy'
import {
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_JSONRPC_REQUEST_ID,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_RESOURCE_URI,
  ATTR_MCP_SESSION_ID,
  ATTR_RPC_RESPONSE_STATUS_CODE,
  ATTR_TOLLGATE_AGENT_ID,
  ATTR_TOLLGATE_CLIENT_NAME,
  ATTR_TOLLGATE_CLIENT_VERSION,
  ATTR_TOLLGATE_INPUT_VALUE,
  ATTR_TOLLGATE_OUTPUT_VALUE,
  ATTR_TOLLGATE_SERVER_NAME,
  ATTR_TOLLGATE_SERVER_VERSION,
  ATTR_TOLLGATE_SESSION_ID,
  ATTR_TOLLGATE_TENANT,
  ATTR_TOLLGATE_USER_ID,
} from './semconv'

const TOOL_NAME_FALLBACKS = legacyFallbacks(ATTR_GEN_AI_TOOL_NAME)
const PROMPT_NAME_FALLBACKS = legacyFallbacks(ATTR_GEN_AI_PROMPT_NAME)
const REQUEST_ID_FALLBACKS = legacyFallbacks(ATTR_JSONRPC_REQUEST_ID)
const STATUS_CODE_FALLBACKS = legacyFallbacks(ATTR_RPC_RESPONSE_STATUS_CODE)
const SERVER_NAME_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_SERVER_NAME)
const SERVER_VERSION_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_SERVER_VERSION)
const CLIENT_NAME_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_CLIENT_NAME)
const CLIENT_VERSION_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_CLIENT_VERSION)
const USER_ID_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_USER_ID)
const ARGUMENTS_FALLBACKS = legacyFallbacks(ATTR_GEN_AI_TOOL_CALL_ARGUMENTS)
const RESULT_FALLBACKS = legacyFallbacks(ATTR_GEN_AI_TOOL_CALL_RESULT)
const INPUT_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_INPUT_VALUE)
const OUTPUT_FALLBACKS = legacyFallbacks(ATTR_TOLLGATE_OUTPUT_VALUE)

/**
 * Every attribute key whose value is a payload. They are moved out of
 * `spans.attributes` for MCP calls (the `input`/`output` columns keep them
 * under the shorter payload TTL and the payload access rules).
 */
export const PAYLOAD_KEYS: readonly string[] = [
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_TOLLGATE_INPUT_VALUE,
  ATTR_TOLLGATE_OUTPUT_VALUE,
  ...ARGUMENTS_FALLBACKS,
  ...RESULT_FALLBACKS,
  ...INPUT_FALLBACKS,
  ...OUTPUT_FALLBACKS,
]

/** Tool name: `gen_ai.tool.name`, then legacy keys. */
export function readToolName(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_GEN_AI_TOOL_NAME, TOOL_NAME_FALLBACKS) || legacyResourceName(attrs, 'tool')
}

/** The MCP method after legacy mapping; '' when the span is not an MCP call. */
export function readMethod(accepted: AcceptedSpan, toolName: string): string {
  const attrs = accepted.span.attributes
  const method = readString(attrs, ATTR_MCP_METHOD_NAME)
  return method !== '' ? method : legacyMethod(attrs, accepted.span.name, accepted.scope.name, toolName)
}

/** Target: tool name, else prompt name, else resource URI, else ''. */
export function readTarget(attrs: Attributes, toolName: string): string {
  if (toolName !== '') return toolName
  return (
    readStringOr(attrs, ATTR_GEN_AI_PROMPT_NAME, PROMPT_NAME_FALLBACKS) ||
    legacyResourceName(attrs, 'prompt') ||
    readString(attrs, ATTR_MCP_RESOURCE_URI) ||
    legacyResourceName(attrs, 'resource')
  )
}

/** `mcp.session.id`, else the SDK's connection id `tollgate.session.id`. */
export function readSessionId(attrs: Attributes): string {
  return readString(attrs, ATTR_MCP_SESSION_ID) || readString(attrs, ATTR_TOLLGATE_SESSION_ID)
}

/** `jsonrpc.request.id` or a legacy request id. */
export function readRequestId(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_JSONRPC_REQUEST_ID, REQUEST_ID_FALLBACKS)
}

/** `rpc.response.status_code` or a legacy error code. */
export function readStatusCode(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_RPC_RESPONSE_STATUS_CODE, STATUS_CODE_FALLBACKS)
}

/** `tollgate.server.name` or a legacy server name. */
export function readServerName(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_TOLLGATE_SERVER_NAME, SERVER_NAME_FALLBACKS)
}

/** `tollgate.server.version` or a legacy one. */
export function readServerVersion(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_TOLLGATE_SERVER_VERSION, SERVER_VERSION_FALLBACKS)
}

/** `tollgate.client.name` or a legacy one. */
export function readClientName(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_TOLLGATE_CLIENT_NAME, CLIENT_NAME_FALLBACKS)
}

/** `tollgate.client.version` or a legacy one. */
export function readClientVersion(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_TOLLGATE_CLIENT_VERSION, CLIENT_VERSION_FALLBACKS)
}

/** `tollgate.user.id` or a legacy subject. */
export function readUserId(attrs: Attributes): string {
  return readStringOr(attrs, ATTR_TOLLGATE_USER_ID, USER_ID_FALLBACKS)
}

/** Request payload: tool arguments, else `tollgate.input.value`, else legacy payloads. */
export function readInput(attrs: Attributes): string {
  return (
    readStringOr(attrs, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, ARGUMENTS_FALLBACKS) ||
    readStringOr(attrs, ATTR_TOLLGATE_INPUT_VALUE, INPUT_FALLBACKS)
  )
}

/** Response payload: tool result, else `tollgate.output.value`, else legacy payloads. */
export function readOutput(attrs: Attributes): string {
  return (
    readStringOr(attrs, ATTR_GEN_AI_TOOL_CALL_RESULT, RESULT_FALLBACKS) ||
    readStringOr(attrs, ATTR_TOLLGATE_OUTPUT_VALUE, OUTPUT_FALLBACKS)
  )
}

/** The call fields every `mcp_events` row copies. */
export interface CallContext {
  session_id: string
  method: string
  target: string
  user_id: string
  agent_id: string
  tenant: string
}

/** Call context of a span that is not an MCP call (events reported on another span). */
export function contextFromAttributes(attrs: Attributes): CallContext {
  return {
    session_id: readSessionId(attrs),
    method: '',
    target: '',
    user_id: readUserId(attrs),
    agent_id: readString(attrs, ATTR_TOLLGATE_AGENT_ID),
    tenant: readString(attrs, ATTR_TOLLGATE_TENANT),
  }
}
