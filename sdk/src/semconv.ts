/**
 * The attribute, event and span names this SDK emits: the wire contract written in
 * `SEMCONV.md` at the repository root. `test/semconv-contract.test.ts` fails when a span
 * carries a `tollgate.*` name the document does not list.
 *
 * NB: the SDK never imports backend code (DESIGN.md), so these strings are the SDK's own
 * copy of the contract; the collector keeps its copy and both are tested against the doc.
 * The OpenTelemetry MCP conventions are in Development status: the strings are defined here,
 * not imported from `@opentelemetry/semantic-conventions`.
 */

// ── OpenTelemetry MCP attributes (SEMCONV.md §1) ──────────────────────────────
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name' as const
export const ATTR_JSONRPC_REQUEST_ID = 'jsonrpc.request.id' as const
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name' as const
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name' as const
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri' as const
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name' as const
export const ATTR_MCP_SESSION_ID = 'mcp.session.id' as const
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version' as const
export const ATTR_NETWORK_TRANSPORT = 'network.transport' as const
export const ATTR_NETWORK_PROTOCOL_NAME = 'network.protocol.name' as const
export const ATTR_CLIENT_ADDRESS = 'client.address' as const
export const ATTR_RPC_RESPONSE_STATUS_CODE = 'rpc.response.status_code' as const
export const ATTR_ERROR_TYPE = 'error.type' as const
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments' as const
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result' as const
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code' as const

export const OPERATION_EXECUTE_TOOL = 'execute_tool' as const
export const ERROR_TYPE_TOOL_ERROR = 'tool_error' as const
export const ERROR_TYPE_CANCELLED = 'cancelled' as const

// ── Identity (§3.1, §3.2) ─────────────────────────────────────────────────────
export const ATTR_USER_ID = 'tollgate.user.id' as const
export const ATTR_AGENT_ID = 'tollgate.agent.id' as const
export const ATTR_OAUTH_CLIENT_ID = 'tollgate.oauth.client_id' as const
export const ATTR_OAUTH_SCOPES = 'tollgate.oauth.scopes' as const
export const ATTR_TOKEN_AUDIENCE = 'tollgate.token.audience' as const
export const ATTR_TOKEN_AUDIENCE_MATCH = 'tollgate.token.audience_match' as const
export const ATTR_TOKEN_EXPIRES_AT = 'tollgate.token.expires_at' as const
export const ATTR_TENANT = 'tollgate.tenant' as const
export const ATTR_SERVER_NAME = 'tollgate.server.name' as const
export const ATTR_SERVER_VERSION = 'tollgate.server.version' as const
export const ATTR_CLIENT_NAME = 'tollgate.client.name' as const
export const ATTR_CLIENT_VERSION = 'tollgate.client.version' as const

// ── Session sequence (§3.3) ───────────────────────────────────────────────────
export const ATTR_SESSION_ID = 'tollgate.session.id' as const
export const ATTR_SESSION_STEP = 'tollgate.session.step' as const
export const ATTR_SESSION_PREV_SPAN_ID = 'tollgate.session.prev_span_id' as const

// ── Authorization, side effect, approval (§3.4, §3.5) ─────────────────────────
export const ATTR_AUTHZ_OUTCOME = 'tollgate.authz.outcome' as const
export const ATTR_AUTHZ_DENIAL_SOURCE = 'tollgate.authz.denial_source' as const
export const ATTR_SIDE_EFFECT = 'tollgate.side_effect' as const
export const ATTR_APPROVAL_STATUS = 'tollgate.approval.status' as const
export const ATTR_APPROVAL_APPROVED_BY = 'tollgate.approval.approved_by' as const

// ── Payloads and flags (§3.6, §3.7) ───────────────────────────────────────────
export const ATTR_INPUT_VALUE = 'tollgate.input.value' as const
export const ATTR_OUTPUT_VALUE = 'tollgate.output.value' as const
export const ATTR_INPUT_BYTES = 'tollgate.input.bytes' as const
export const ATTR_OUTPUT_BYTES = 'tollgate.output.bytes' as const
export const ATTR_FLAG_UNTRUSTED = 'tollgate.flag.untrusted' as const
export const ATTR_FLAG_INJECTION_SUSPECTED = 'tollgate.flag.injection_suspected' as const
export const ATTR_FLAG_RULES = 'tollgate.flag.rules' as const

// ── Refused connection (§3.8) ─────────────────────────────────────────────────
export const SPAN_AUTH_REFUSED = 'tollgate.auth.refused' as const
export const ATTR_AUTH_REFUSAL_REASON = 'tollgate.auth.refusal_reason' as const
export const ATTR_AUTH_REQUIRED_SCOPES = 'tollgate.auth.required_scopes' as const

// ── Notifications about a request (§1.5) ──────────────────────────────────────
export const EVENT_PROGRESS = 'notifications/progress' as const
export const EVENT_CANCELLED = 'notifications/cancelled' as const
export const ATTR_PROGRESS_VALUE = 'tollgate.progress.value' as const
export const ATTR_PROGRESS_TOTAL = 'tollgate.progress.total' as const
export const ATTR_CANCEL_REASON = 'tollgate.cancel.reason' as const

// ── Events (§4) ───────────────────────────────────────────────────────────────
export const EVENT_DENIAL = 'tollgate.denial' as const
export const ATTR_DENIAL_RESOURCE = 'tollgate.denial.resource' as const
export const ATTR_DENIAL_ACTION = 'tollgate.denial.action' as const
export const ATTR_DENIAL_REASON = 'tollgate.denial.reason' as const
export const ATTR_DENIAL_POLICY = 'tollgate.denial.policy' as const
export const ATTR_DENIAL_INFERRED = 'tollgate.denial.inferred' as const

export const EVENT_PARTIAL = 'tollgate.partial' as const
export const ATTR_PARTIAL_RESOURCE = 'tollgate.partial.resource' as const
export const ATTR_PARTIAL_GRANTED = 'tollgate.partial.granted' as const
export const ATTR_PARTIAL_DENIED = 'tollgate.partial.denied' as const
export const ATTR_PARTIAL_REDACTED_FIELDS = 'tollgate.partial.redacted_fields' as const
export const ATTR_PARTIAL_REASON = 'tollgate.partial.reason' as const

export const EVENT_PROVENANCE = 'tollgate.provenance' as const
export const ATTR_PROVENANCE_SOURCE = 'tollgate.provenance.source' as const
export const ATTR_PROVENANCE_URI = 'tollgate.provenance.uri' as const
export const ATTR_PROVENANCE_FILTER = 'tollgate.provenance.filter' as const
export const ATTR_PROVENANCE_TENANT = 'tollgate.provenance.tenant' as const
export const ATTR_PROVENANCE_AS_OF = 'tollgate.provenance.as_of' as const
export const ATTR_PROVENANCE_EXCLUDED_COUNT = 'tollgate.provenance.excluded.count' as const
export const ATTR_PROVENANCE_EXCLUDED_REASON = 'tollgate.provenance.excluded.reason' as const

export const EVENT_APPROVAL = 'tollgate.approval' as const
export const ATTR_APPROVAL_EVENT_APPROVED_BY = 'tollgate.approval.approved_by' as const
export const ATTR_APPROVAL_ID = 'tollgate.approval.id' as const
export const ATTR_APPROVAL_SHOWN_PARAMETERS = 'tollgate.approval.shown_parameters' as const

export const EVENT_REDACTION = 'tollgate.redaction' as const
export const ATTR_REDACTION_FIELD = 'tollgate.redaction.field' as const
export const ATTR_REDACTION_RULE = 'tollgate.redaction.rule' as const

export const EVENT_UNTRUSTED = 'tollgate.untrusted' as const
export const ATTR_UNTRUSTED_SOURCE = 'tollgate.untrusted.source' as const
export const ATTR_UNTRUSTED_RULE = 'tollgate.untrusted.rule' as const
export const ATTR_UNTRUSTED_REASON = 'tollgate.untrusted.reason' as const

export const EVENT_TOOL_DEFINITION = 'tollgate.tool.definition' as const
export const ATTR_TOOL_DEFINITION_NAME = 'tollgate.tool.definition.name' as const
export const ATTR_TOOL_DEFINITION_DESCRIPTION = 'tollgate.tool.definition.description' as const
export const ATTR_TOOL_DEFINITION_DESCRIPTION_HASH = 'tollgate.tool.definition.description_hash' as const
export const ATTR_TOOL_DEFINITION_INPUT_SCHEMA = 'tollgate.tool.definition.input_schema' as const
export const ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH = 'tollgate.tool.definition.input_schema_hash' as const
export const ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA = 'tollgate.tool.definition.output_schema' as const
export const ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH = 'tollgate.tool.definition.output_schema_hash' as const
export const ATTR_TOOL_DEFINITION_ANNOTATIONS = 'tollgate.tool.definition.annotations' as const
export const ATTR_TOOL_DEFINITION_ANNOTATIONS_HASH = 'tollgate.tool.definition.annotations_hash' as const

/** JSON-RPC codes that are the caller's fault (§1.3). */
export const CALLER_FAULT_CODES: ReadonlySet<number> = new Set([-32700, -32600, -32601, -32602, -32002])
