/**
 * Every attribute, event and span name on the wire between `@tollgate/sdk` (or
 * any other MCP instrumentation) and the collector. `SEMCONV.md` at the
 * repository root is the prose of this file; `semconv-doc.test.ts` fails when
 * the two disagree.
 *
 * NB: the OpenTelemetry MCP conventions are in Development status and their
 * JS constants are being deprecated and moved, so the strings are defined here
 * rather than imported from `@opentelemetry/semantic-conventions`.
 * See https://github.com/open-telemetry/semantic-conventions-genai/blob/main/docs/gen-ai/mcp.md
 */

// ── OpenTelemetry attributes we read ────────────────────────────────────────

/** Resource attribute: the service that emitted the span. */
export const ATTR_SERVICE_NAME = 'service.name' as const
/** Required on every MCP span: `tools/call`, `resources/read`, … */
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name' as const
/** JSON-RPC `id` as a string; absent for notifications. */
export const ATTR_JSONRPC_REQUEST_ID = 'jsonrpc.request.id' as const
/** Tool name on `tools/call`. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name' as const
/** Prompt name on `prompts/get`. */
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name' as const
/** Resource URI on `resources/read`, `resources/subscribe`, … */
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri' as const
/** `execute_tool` on tool calls only. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name' as const
/** MCP session id (Streamable HTTP `Mcp-Session-Id`). */
export const ATTR_MCP_SESSION_ID = 'mcp.session.id' as const
/** Negotiated MCP protocol revision, e.g. `2025-06-18`. */
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version' as const
/** `pipe` for stdio, `tcp` for HTTP. */
export const ATTR_NETWORK_TRANSPORT = 'network.transport' as const
/** `http` for Streamable HTTP; absent for stdio. */
export const ATTR_NETWORK_PROTOCOL_NAME = 'network.protocol.name' as const
/** Peer address as the server sees it. */
export const ATTR_CLIENT_ADDRESS = 'client.address' as const
/** JSON-RPC error code of the response, as a string (`-32602`). */
export const ATTR_RPC_RESPONSE_STATUS_CODE = 'rpc.response.status_code' as const
/** JSON-RPC code as a string, `tool_error`, or another low-cardinality error class. */
export const ATTR_ERROR_TYPE = 'error.type' as const
/** Redacted tool arguments (JSON text). */
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments' as const
/** Redacted tool result (JSON text). */
export const ATTR_GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result' as const
/** HTTP status of the refused-connection span (401 / 403). */
export const ATTR_HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code' as const

/** Value of {@link ATTR_GEN_AI_OPERATION_NAME} on tool calls. */
export const OPERATION_EXECUTE_TOOL = 'execute_tool' as const
/** Value of {@link ATTR_ERROR_TYPE} when a `CallToolResult` has `isError: true`. */
export const ERROR_TYPE_TOOL_ERROR = 'tool_error' as const
/** OTel's fallback `error.type`, used when a span has ERROR status but no `error.type`. */
export const ERROR_TYPE_OTHER = '_OTHER' as const
/**
 * JSON-RPC / MCP codes that are the caller's fault, not the server's: parse
 * error, invalid request, method not found, invalid params, resource not found.
 */
export const CALLER_FAULT_CODES: readonly number[] = [-32700, -32600, -32601, -32602, -32002]
/** Name of the OTel MCP server duration histogram (seconds). Not read by the collector. */
export const METRIC_MCP_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration' as const

// ── Tollgate span attributes ────────────────────────────────────────────────

/** End user on whose behalf the call runs (token `sub`). */
export const ATTR_TOLLGATE_USER_ID = 'tollgate.user.id' as const
/** Agent acting for the user (token `act.sub` / `azp`, or configured resolver). */
export const ATTR_TOLLGATE_AGENT_ID = 'tollgate.agent.id' as const
/** OAuth client id of the token (`client_id` / `azp`). */
export const ATTR_TOLLGATE_OAUTH_CLIENT_ID = 'tollgate.oauth.client_id' as const
/** Scopes granted to the token (string[]). */
export const ATTR_TOLLGATE_OAUTH_SCOPES = 'tollgate.oauth.scopes' as const
/** Token audience (`aud`), joined with a space when there are several. */
export const ATTR_TOLLGATE_TOKEN_AUDIENCE = 'tollgate.token.audience' as const
/** Whether the audience names this server (RFC 8707 resource indicator check). */
export const ATTR_TOLLGATE_TOKEN_AUDIENCE_MATCH = 'tollgate.token.audience_match' as const
/** Token expiry, RFC 3339. */
export const ATTR_TOLLGATE_TOKEN_EXPIRES_AT = 'tollgate.token.expires_at' as const
/** Tenant the call acts in. */
export const ATTR_TOLLGATE_TENANT = 'tollgate.tenant' as const
/** MCP server name from its `serverInfo`. */
export const ATTR_TOLLGATE_SERVER_NAME = 'tollgate.server.name' as const
/** MCP server version from its `serverInfo`. */
export const ATTR_TOLLGATE_SERVER_VERSION = 'tollgate.server.version' as const
/** MCP client name from `clientInfo` (initialize, or per request in stateless revisions). */
export const ATTR_TOLLGATE_CLIENT_NAME = 'tollgate.client.name' as const
/** MCP client version from `clientInfo`. */
export const ATTR_TOLLGATE_CLIENT_VERSION = 'tollgate.client.version' as const
/** Connection id standing in for a session where there is no `mcp.session.id` (stdio). */
export const ATTR_TOLLGATE_SESSION_ID = 'tollgate.session.id' as const
/** 1-based position of this call in its session. */
export const ATTR_TOLLGATE_SESSION_STEP = 'tollgate.session.step' as const
/** Span id of the previous call in the same session. */
export const ATTR_TOLLGATE_SESSION_PREV_SPAN_ID = 'tollgate.session.prev_span_id' as const
/** Authorization outcome: `allowed | denied | partial`. */
export const ATTR_TOLLGATE_AUTHZ_OUTCOME = 'tollgate.authz.outcome' as const
/** Where a denial came from: `explicit | inferred | auth`. */
export const ATTR_TOLLGATE_AUTHZ_DENIAL_SOURCE = 'tollgate.authz.denial_source' as const
/** Side effect class: `read | draft | write | unknown`. */
export const ATTR_TOLLGATE_SIDE_EFFECT = 'tollgate.side_effect' as const
/** Approval of a state-changing call: `approved | rejected | none`. */
export const ATTR_TOLLGATE_APPROVAL_STATUS = 'tollgate.approval.status' as const
/** Who approved (also an attribute of the `tollgate.approval` event). */
export const ATTR_TOLLGATE_APPROVAL_APPROVED_BY = 'tollgate.approval.approved_by' as const
/** Redacted request payload for methods other than `tools/call` (JSON text). */
export const ATTR_TOLLGATE_INPUT_VALUE = 'tollgate.input.value' as const
/** Redacted response payload for methods other than `tools/call` (JSON text). */
export const ATTR_TOLLGATE_OUTPUT_VALUE = 'tollgate.output.value' as const
/** UTF-8 size of the request params before redaction or truncation. */
export const ATTR_TOLLGATE_INPUT_BYTES = 'tollgate.input.bytes' as const
/** UTF-8 size of the response result before redaction or truncation. */
export const ATTR_TOLLGATE_OUTPUT_BYTES = 'tollgate.output.bytes' as const
/** The result carries content from an untrusted source. */
export const ATTR_TOLLGATE_FLAG_UNTRUSTED = 'tollgate.flag.untrusted' as const
/** A detector suspects prompt injection in the payload. */
export const ATTR_TOLLGATE_FLAG_INJECTION_SUSPECTED = 'tollgate.flag.injection_suspected' as const
/** Ids of the detector rules that fired (string[]). */
export const ATTR_TOLLGATE_FLAG_RULES = 'tollgate.flag.rules' as const
/** Why the bearer-auth layer refused a connection (refused-connection span). */
export const ATTR_TOLLGATE_AUTH_REFUSAL_REASON = 'tollgate.auth.refusal_reason' as const
/** Scopes the refused request would have needed (string[]; refused-connection span). */
export const ATTR_TOLLGATE_AUTH_REQUIRED_SCOPES = 'tollgate.auth.required_scopes' as const

/** Name of the span the SDK emits when the bearer-auth layer refuses a request. */
export const SPAN_TOLLGATE_AUTH_REFUSED = 'tollgate.auth.refused' as const

// ── Tollgate span events and their attributes ──────────────────────────────
// Rule: every attribute of event `tollgate.<kind>` is named `tollgate.<kind>.<field>`.

/** A denial decided inside the call (one event per denied resource/action). */
/** `progress` of a `notifications/progress` event on a request's span (kept in event attributes). */
export const ATTR_TOLLGATE_PROGRESS_VALUE = 'tollgate.progress.value' as const
/** `total` of a `notifications/progress` event. */
export const ATTR_TOLLGATE_PROGRESS_TOTAL = 'tollgate.progress.total' as const
/** `reason` of a `notifications/cancelled` event. */
export const ATTR_TOLLGATE_CANCEL_REASON = 'tollgate.cancel.reason' as const

export const EVENT_TOLLGATE_DENIAL = 'tollgate.denial' as const
/** What was denied (`crm:accounts/42`, a tool name, a URL). */
export const ATTR_TOLLGATE_DENIAL_RESOURCE = 'tollgate.denial.resource' as const
/** The action refused (`read`, `write`, `call`, `connect`). */
export const ATTR_TOLLGATE_DENIAL_ACTION = 'tollgate.denial.action' as const
/** Human-readable reason. */
export const ATTR_TOLLGATE_DENIAL_REASON = 'tollgate.denial.reason' as const
/** Id of the policy or rule that decided. */
export const ATTR_TOLLGATE_DENIAL_POLICY = 'tollgate.denial.policy' as const
/** True when a classifier inferred the denial from an error. */
export const ATTR_TOLLGATE_DENIAL_INFERRED = 'tollgate.denial.inferred' as const

/** A partial authorization: some of what was asked was granted. */
export const EVENT_TOLLGATE_PARTIAL = 'tollgate.partial' as const
/** The resource access was partially granted to. */
export const ATTR_TOLLGATE_PARTIAL_RESOURCE = 'tollgate.partial.resource' as const
/** What was granted (string[]). */
export const ATTR_TOLLGATE_PARTIAL_GRANTED = 'tollgate.partial.granted' as const
/** What was withheld (string[]). */
export const ATTR_TOLLGATE_PARTIAL_DENIED = 'tollgate.partial.denied' as const
/** Fields masked in what was granted (string[]). */
export const ATTR_TOLLGATE_PARTIAL_REDACTED_FIELDS = 'tollgate.partial.redacted_fields' as const
/** Human-readable reason. */
export const ATTR_TOLLGATE_PARTIAL_REASON = 'tollgate.partial.reason' as const

/** One source the answer was built from. */
export const EVENT_TOLLGATE_PROVENANCE = 'tollgate.provenance' as const
/** Logical source (`crm`, `postgres:orders`, `web`). */
export const ATTR_TOLLGATE_PROVENANCE_SOURCE = 'tollgate.provenance.source' as const
/** URI of the record or document read. */
export const ATTR_TOLLGATE_PROVENANCE_URI = 'tollgate.provenance.uri' as const
/** The filter or query applied to the source. */
export const ATTR_TOLLGATE_PROVENANCE_FILTER = 'tollgate.provenance.filter' as const
/** Tenant scope the source was read in. */
export const ATTR_TOLLGATE_PROVENANCE_TENANT = 'tollgate.provenance.tenant' as const
/** Freshness of the data read, RFC 3339. */
export const ATTR_TOLLGATE_PROVENANCE_AS_OF = 'tollgate.provenance.as_of' as const
/** How many records the filter or policy excluded. */
export const ATTR_TOLLGATE_PROVENANCE_EXCLUDED_COUNT = 'tollgate.provenance.excluded.count' as const
/** Why they were excluded. */
export const ATTR_TOLLGATE_PROVENANCE_EXCLUDED_REASON = 'tollgate.provenance.excluded.reason' as const

/** The approval a state-changing call ran under. */
export const EVENT_TOLLGATE_APPROVAL = 'tollgate.approval' as const
/** Id of the approval record. */
export const ATTR_TOLLGATE_APPROVAL_ID = 'tollgate.approval.id' as const
/** The parameters shown to the approver (JSON text). */
export const ATTR_TOLLGATE_APPROVAL_SHOWN_PARAMETERS = 'tollgate.approval.shown_parameters' as const

/** One field the SDK redacted before export. */
export const EVENT_TOLLGATE_REDACTION = 'tollgate.redaction' as const
/** Path of the redacted field (`arguments.card.number`, `result.content[0].text`). */
export const ATTR_TOLLGATE_REDACTION_FIELD = 'tollgate.redaction.field' as const
/** Id of the redaction rule that matched. */
export const ATTR_TOLLGATE_REDACTION_RULE = 'tollgate.redaction.rule' as const

/** Content from an untrusted source entered the result. */
export const EVENT_TOLLGATE_UNTRUSTED = 'tollgate.untrusted' as const
/** Where the untrusted content came from. */
export const ATTR_TOLLGATE_UNTRUSTED_SOURCE = 'tollgate.untrusted.source' as const
/** Id of the rule that marked it. */
export const ATTR_TOLLGATE_UNTRUSTED_RULE = 'tollgate.untrusted.rule' as const
/** Human-readable reason. */
export const ATTR_TOLLGATE_UNTRUSTED_REASON = 'tollgate.untrusted.reason' as const

/** One tool definition as listed by `tools/list` (one event per tool). */
export const EVENT_TOLLGATE_TOOL_DEFINITION = 'tollgate.tool.definition' as const
/** Tool name. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_NAME = 'tollgate.tool.definition.name' as const
/** Tool description text. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION = 'tollgate.tool.definition.description' as const
/** SHA-256 (hex) of the full description. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_DESCRIPTION_HASH =
  'tollgate.tool.definition.description_hash' as const
/** Input schema, canonical JSON. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA = 'tollgate.tool.definition.input_schema' as const
/** SHA-256 (hex) of the full input schema text. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_INPUT_SCHEMA_HASH =
  'tollgate.tool.definition.input_schema_hash' as const
/** Output schema, canonical JSON. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA = 'tollgate.tool.definition.output_schema' as const
/** SHA-256 (hex) of the full output schema text. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH =
  'tollgate.tool.definition.output_schema_hash' as const
/** Tool annotations, canonical JSON. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS = 'tollgate.tool.definition.annotations' as const
/** SHA-256 (hex) of the full annotations text. */
export const ATTR_TOLLGATE_TOOL_DEFINITION_ANNOTATIONS_HASH =
  'tollgate.tool.definition.annotations_hash' as const

// ── Enumerated values ───────────────────────────────────────────────────────

/** Values of {@link ATTR_TOLLGATE_AUTHZ_OUTCOME}. */
export const AUTHZ_OUTCOMES = ['allowed', 'denied', 'partial'] as const
/** Values of {@link ATTR_TOLLGATE_AUTHZ_DENIAL_SOURCE}. */
export const DENIAL_SOURCES = ['explicit', 'inferred', 'auth'] as const
/** Values of {@link ATTR_TOLLGATE_SIDE_EFFECT}. */
export const SIDE_EFFECTS = ['read', 'draft', 'write', 'unknown'] as const
/** Values of {@link ATTR_TOLLGATE_APPROVAL_STATUS}. */
export const APPROVAL_STATUSES = ['approved', 'rejected', 'none'] as const
/** Values of {@link ATTR_TOLLGATE_AUTH_REFUSAL_REASON}. */
export const AUTH_REFUSAL_REASONS = [
  'missing_token',
  'invalid_token',
  'expired_token',
  'revoked_token',
  'audience_mismatch',
  'insufficient_scope',
] as const
