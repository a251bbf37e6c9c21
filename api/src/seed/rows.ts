/**
 * The insert-row shapes of the data tables: a copy of `collector/src/storage/rows.ts`,
 * which the collector package does not export. TODO: import them once
 * `@tollgate/collector` exports its row types. A drift cannot go unnoticed: inserts are
 * encoded by the collector's declared column types, and `api/test/seed.test.ts` reads
 * every table back.
 */

/** `Map(LowCardinality(String), String)` */
export type StringMap = Record<string, string>

/** Row of `spans`: every received span, generic OTLP. */
export interface SpanRow {
  project_id: string // LowCardinality(String)
  timestamp: string // DateTime64(9): start time
  end_timestamp: string // DateTime64(9)
  duration_ns: number // UInt64
  trace_id: string // String (32 hex)
  span_id: string // String (16 hex)
  parent_span_id: string // String
  trace_state: string // String
  flags: number // UInt32
  name: string // LowCardinality(String)
  kind: string // LowCardinality(String): UNSPECIFIED|INTERNAL|SERVER|CLIENT|PRODUCER|CONSUMER
  status_code: string // LowCardinality(String): UNSET|OK|ERROR
  status_message: string // String
  service_name: string // LowCardinality(String): resource service.name
  scope_name: string // LowCardinality(String)
  scope_version: string // LowCardinality(String)
  resource_attributes: StringMap
  attributes: StringMap
  event_times: string[] // Array(DateTime64(9))
  event_names: string[] // Array(LowCardinality(String))
  event_attributes: StringMap[] // Array(Map(LowCardinality(String), String))
  link_trace_ids: string[] // Array(String)
  link_span_ids: string[] // Array(String)
  link_trace_states: string[] // Array(String)
  link_attributes: StringMap[] // Array(Map(LowCardinality(String), String))
  dropped_attributes_count: number // UInt32
  dropped_events_count: number // UInt32
  dropped_links_count: number // UInt32
  truncated_values: number // UInt32: values cut at the value-length limit
}

/** Outcome of an MCP call as Tollgate classifies it. */
export type CallOutcome = 'ok' | 'error' | 'denied' | 'partial'

/** Side effect class of a tool call. */
export type SideEffect = 'read' | 'draft' | 'write' | 'unknown'

/** Row of `mcp_calls`: one wide row per MCP request span (server side, or client side when no server span exists). */
export interface McpCallRow {
  project_id: string // LowCardinality(String)
  timestamp: string // DateTime64(9)
  duration_ns: number // UInt64
  trace_id: string // String
  span_id: string // String
  parent_span_id: string // String
  span_kind: string // LowCardinality(String): SERVER|CLIENT|…
  service_name: string // LowCardinality(String)
  session_id: string // String: mcp.session.id / tollgate.session.id
  step: number // UInt32: tollgate.session.step, 0 = unknown
  prev_span_id: string // String: previous call of the same session (tollgate.session.prev_span_id)
  method: string // LowCardinality(String): mcp.method.name
  target: string // String: tool name, prompt name or resource URI ('' for other methods)
  request_id: string // String: jsonrpc.request.id
  protocol_version: string // LowCardinality(String)
  transport: string // LowCardinality(String): network.transport (pipe|tcp|…)
  server_name: string // LowCardinality(String)
  server_version: string // LowCardinality(String)
  client_name: string // LowCardinality(String)
  client_version: string // LowCardinality(String)
  client_address: string // String
  user_id: string // String
  agent_id: string // LowCardinality(String)
  oauth_client_id: string // LowCardinality(String)
  tenant: string // LowCardinality(String)
  scopes: string[] // Array(LowCardinality(String))
  token_audience: string // String
  audience_match: string // LowCardinality(String): match|mismatch|'' (unknown)
  outcome: CallOutcome // LowCardinality(String)
  authz_outcome: string // LowCardinality(String): allowed|denied|partial|'' (not reported)
  denial_source: string // LowCardinality(String): explicit|inferred|auth|''
  error_type: string // LowCardinality(String): JSON-RPC code as string, 'tool_error', or ''
  error_code: number // Int32: rpc.response.status_code, 0 = none
  caller_fault: number // UInt8: 1 when the error is the caller's (-32700/-32600/-32601/-32602/-32002)
  side_effect: SideEffect // LowCardinality(String)
  approval: string // LowCardinality(String): approved|none|'' (not a write / unknown)
  approved_by: string // String
  input: string // String, short column TTL: redacted arguments as sent by the SDK
  output: string // String, short column TTL: redacted result
  input_bytes: number // UInt32: size before redaction/truncation, as reported
  output_bytes: number // UInt32
  untrusted: number // UInt8
  injection_suspected: number // UInt8
  flag_rules: string[] // Array(LowCardinality(String)): detector rule ids
  denial_count: number // UInt16
  provenance_count: number // UInt16
  redaction_count: number // UInt16
}

/** Kinds of `mcp_events` rows. */
export type McpEventKind = 'denial' | 'partial' | 'provenance' | 'approval' | 'redaction' | 'untrusted'

/**
 * Row of `mcp_events`: one per denial, partial authorization, provenance record,
 * approval, redaction or untrusted-content mark reported inside a call.
 * `lookup_key` is what "every call that touched X" searches by: the denied
 * resource, the provenance source URI (or source), the approval id, the redacted field.
 */
export interface McpEventRow {
  project_id: string // LowCardinality(String)
  timestamp: string // DateTime64(9): the event's time
  kind: McpEventKind // LowCardinality(String)
  lookup_key: string // String
  trace_id: string // String
  span_id: string // String: the call's span
  session_id: string // String
  method: string // LowCardinality(String): copied from the call
  target: string // String: copied from the call
  user_id: string // String: copied from the call
  agent_id: string // LowCardinality(String)
  tenant: string // LowCardinality(String)
  resource: string // String (denial)
  action: string // LowCardinality(String) (denial)
  reason: string // String (denial, partial, exclusion, untrusted)
  policy: string // LowCardinality(String) (denial)
  inferred: number // UInt8: 1 when a classifier inferred the denial
  source: string // LowCardinality(String) (provenance, untrusted)
  uri: string // String (provenance)
  filter: string // String (provenance)
  source_tenant: string // LowCardinality(String) (provenance)
  as_of: string // DateTime64(9), 19 zeros when unknown (provenance freshness)
  excluded_count: number // UInt32 (provenance)
  approved_by: string // String (approval)
  approval_id: string // String (approval)
  shown_parameters: string // String (approval; JSON)
  granted: string[] // Array(String) (partial)
  denied: string[] // Array(String) (partial)
  redacted_fields: string[] // Array(String) (partial, redaction)
  attributes: StringMap // the event's remaining attributes
}

/** Row of `tool_versions` (AggregatingMergeTree: one row per distinct definition, first/last seen). */
export interface ToolVersionRow {
  project_id: string // LowCardinality(String)
  server_name: string // LowCardinality(String)
  tool_name: string // String
  description_hash: string // String
  input_schema_hash: string // String
  output_schema_hash: string // String
  annotations_hash: string // String
  description: string // SimpleAggregateFunction(any, String)
  input_schema: string // SimpleAggregateFunction(any, String)
  output_schema: string // SimpleAggregateFunction(any, String)
  annotations: string // SimpleAggregateFunction(any, String)
  first_seen: string // SimpleAggregateFunction(min, DateTime64(9))
  last_seen: string // SimpleAggregateFunction(max, DateTime64(9))
  seen_count: number // SimpleAggregateFunction(sum, UInt64)
}
