/**
 * `spans` rows of a seeded call: the SERVER span with the attributes the SDK sets
 * (payload attributes left out, as the collector moves them to `mcp_calls`), the
 * handler's child span (a database query or an HTTP fetch), and the instrumented
 * agent's CLIENT span.
 */
import { type CallPlan, clientErrorType, PROTOCOL_VERSION, refusalAddress } from './call-plan'
import { msToDurationNs, msToNanos } from './nanos'
import type { SpanRow, StringMap } from './rows'

/** Shared empty array for rows without values (never mutated). */
const NONE: never[] = []
const SDK_SCOPE = '@tollgate/sdk'
const SDK_VERSION = '0.1.0'

const resourceCache = new Map<string, StringMap>()

/** Resource attributes of a service, one shared object per service (rows never mutate it). */
function resourceOf(serviceName: string, version: string): StringMap {
  let map = resourceCache.get(serviceName)
  if (map === undefined) {
    map = {
      'service.name': serviceName,
      'service.version': version,
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.version': '2.2.0',
    }
    resourceCache.set(serviceName, map)
  }
  return map
}

function spanRow(
  projectId: string,
  plan: CallPlan,
  fields: {
    startMs: number
    durationMs: number
    spanId: string
    parentSpanId: string
    name: string
    kind: string
    status: string
    statusMessage: string
    resource: StringMap
    scopeName: string
    scopeVersion: string
    attributes: StringMap
  },
): SpanRow {
  const events = fields.kind === 'SERVER' ? spanEvents(plan) : null
  return {
    project_id: projectId,
    timestamp: msToNanos(fields.startMs),
    end_timestamp: msToNanos(fields.startMs + fields.durationMs),
    duration_ns: msToDurationNs(fields.durationMs),
    trace_id: plan.traceId,
    span_id: fields.spanId,
    parent_span_id: fields.parentSpanId,
    trace_state: '',
    flags: 1,
    name: fields.name,
    kind: fields.kind,
    status_code: fields.status,
    status_message: fields.statusMessage,
    service_name: fields.resource['service.name']!,
    scope_name: fields.scopeName,
    scope_version: fields.scopeVersion,
    resource_attributes: fields.resource,
    attributes: fields.attributes,
    event_times: events?.times ?? NONE,
    event_names: events?.names ?? NONE,
    event_attributes: events?.attributes ?? NONE,
    link_trace_ids: NONE,
    link_span_ids: NONE,
    link_trace_states: NONE,
    link_attributes: NONE,
    dropped_attributes_count: 0,
    dropped_events_count: 0,
    dropped_links_count: 0,
    truncated_values: 0,
  }
}

function spanEvents(plan: CallPlan): { times: string[]; names: string[]; attributes: StringMap[] } | null {
  const list = plan.toolList
  const n = plan.events.length + (list?.length ?? 0)
  if (n === 0) return null
  const at = msToNanos(plan.startMs + plan.durationMs * 0.9)
  const times: string[] = []
  const names: string[] = []
  const attributes: StringMap[] = []
  for (const e of plan.events) {
    times.push(at)
    names.push(e.name)
    attributes.push(e.attributes)
  }
  for (const def of list ?? NONE) {
    times.push(at)
    names.push('tollgate.tool.definition')
    attributes.push(def.eventAttributes)
  }
  return { times, names, attributes }
}

/** Span name per SEMCONV.md §1: `{method} {tool or prompt}`, never the resource URI. */
function spanName(plan: CallPlan): string {
  if (plan.refusal !== null) return 'tollgate.auth.refused'
  return plan.method === 'tools/call' || plan.method === 'prompts/get'
    ? `${plan.method} ${plan.target}`
    : plan.method
}

/** The SERVER span of the call. */
export function serverSpanRow(projectId: string, plan: CallPlan): SpanRow {
  const failed = plan.errorType !== ''
  return spanRow(projectId, plan, {
    startMs: plan.startMs,
    durationMs: plan.durationMs,
    spanId: plan.spanId,
    parentSpanId: plan.clientSpanId,
    name: spanName(plan),
    kind: 'SERVER',
    status: failed ? 'ERROR' : 'UNSET',
    statusMessage: failed ? plan.statusMessage : '',
    resource: resourceOf(plan.server.serviceName, plan.server.version),
    scopeName: SDK_SCOPE,
    scopeVersion: SDK_VERSION,
    attributes: plan.refusal === null ? serverAttributes(plan) : refusalAttributes(plan),
  })
}

function serverAttributes(plan: CallPlan): StringMap {
  const s = plan.session!
  const a: StringMap = {
    'mcp.method.name': plan.method,
    'jsonrpc.request.id': plan.requestId,
  }
  if (plan.method === 'tools/call') {
    a['gen_ai.tool.name'] = plan.target
    a['gen_ai.operation.name'] = 'execute_tool'
  } else if (plan.method === 'prompts/get') a['gen_ai.prompt.name'] = plan.target
  else if (plan.method === 'resources/read') a['mcp.resource.uri'] = plan.target
  a['mcp.protocol.version'] = PROTOCOL_VERSION
  a['network.transport'] = plan.server.transport
  if (plan.server.transport === 'tcp') a['network.protocol.name'] = 'http'
  a['tollgate.server.name'] = plan.server.name
  a['tollgate.server.version'] = plan.server.version
  a['tollgate.client.name'] = s.agent.clientName
  a['tollgate.client.version'] = s.agent.clientVersion
  identityAttributes(a, s)
  a['tollgate.session.step'] = String(plan.step)
  a[s.idKey] = s.id
  if (plan.prevSpanId !== '') a['tollgate.session.prev_span_id'] = plan.prevSpanId
  a['tollgate.input.bytes'] = String(plan.inputBytes)
  a['tollgate.output.bytes'] = String(plan.outputBytes)
  if (plan.errorType !== '') a['error.type'] = plan.errorType
  if (plan.statusCode !== '') a['rpc.response.status_code'] = plan.statusCode
  if (plan.authzOutcome !== '') a['tollgate.authz.outcome'] = plan.authzOutcome
  if (plan.denialSource !== '') a['tollgate.authz.denial_source'] = plan.denialSource
  if (plan.method === 'tools/call' && plan.tool !== null) {
    a['tollgate.side_effect'] = plan.tool.sideEffect
    if (plan.approval !== '') a['tollgate.approval.status'] = plan.approval
    if (plan.approvedBy !== '') a['tollgate.approval.approved_by'] = plan.approvedBy
  }
  if (plan.injectionSuspected) a['tollgate.flag.injection_suspected'] = 'true'
  if (plan.untrusted) a['tollgate.flag.untrusted'] = 'true'
  if (plan.flagRules.length > 0) a['tollgate.flag.rules'] = JSON.stringify(plan.flagRules)
  return a
}

function identityAttributes(a: StringMap, who: NonNullable<CallPlan['session']>): void {
  a['tollgate.user.id'] = who.user.id
  a['tollgate.agent.id'] = who.agent.id
  a['tollgate.tenant'] = who.user.tenant
  if (who.client === null) return
  a['tollgate.oauth.client_id'] = who.client.id
  a['tollgate.oauth.scopes'] = who.client.scopesJson
  a['tollgate.token.expires_at'] = who.expiresAt
  a['tollgate.token.audience'] = who.audience
  a['tollgate.token.audience_match'] = who.audienceMatch
}

function refusalAttributes(plan: CallPlan): StringMap {
  const refusal = plan.refusal!
  const a: StringMap = {
    'tollgate.authz.outcome': 'denied',
    'tollgate.authz.denial_source': 'auth',
    'http.response.status_code': String(refusal.httpStatus),
    'tollgate.auth.refusal_reason': refusal.reason,
  }
  if (refusal.identity !== null) identityAttributes(a, refusal.identity)
  if (refusal.requiredScopes.length > 0)
    a['tollgate.auth.required_scopes'] = JSON.stringify(refusal.requiredScopes)
  a['tollgate.server.name'] = plan.server.name
  a['client.address'] = refusalAddress(plan)
  return a
}

/** The handler's own span under the SERVER span: a database query or an HTTP call upstream. */
export function childSpanRow(projectId: string, plan: CallPlan): SpanRow {
  const server = plan.server
  const db = server.child === 'db'
  const failed = plan.errorType === 'tool_error' || plan.denialSource === 'inferred'
  const httpStatus =
    plan.denialSource === 'inferred' ? '403' : plan.errorType === 'tool_error' ? '502' : '200'
  const attributes: StringMap = db
    ? {
        'db.system.name': 'postgresql',
        'db.namespace': 'prod',
        'db.operation.name': 'SELECT',
        'db.collection.name': plan.target === 'run_migration' ? 'schema_migrations' : 'orders',
        'db.query.text': 'SELECT status, count(*) FROM orders WHERE created_at > $1 GROUP BY status',
        'server.address': server.upstream,
        'server.port': '5432',
      }
    : {
        'http.request.method': plan.tool?.sideEffect === 'read' ? 'GET' : 'POST',
        'url.full': `https://${server.upstream}/v2/${plan.target}`,
        'server.address': server.upstream,
        'server.port': '443',
        'http.response.status_code': httpStatus,
      }
  return spanRow(projectId, plan, {
    startMs: plan.startMs + plan.durationMs * 0.1,
    durationMs: plan.durationMs * 0.75,
    spanId: plan.traceId.slice(8, 24),
    parentSpanId: plan.spanId,
    name: db ? 'SELECT prod.orders' : (attributes['http.request.method'] as string),
    kind: 'CLIENT',
    status: failed && !db ? 'ERROR' : 'UNSET',
    statusMessage: '',
    resource: resourceOf(server.serviceName, server.version),
    scopeName: db ? '@opentelemetry/instrumentation-pg' : '@opentelemetry/instrumentation-undici',
    scopeVersion: db ? '0.61.0' : '0.19.0',
    attributes,
  })
}

/** The instrumented agent's CLIENT span: the root of the call's trace. */
export function clientSpanRow(projectId: string, plan: CallPlan): SpanRow {
  const agent = plan.session!.agent
  const a: StringMap = { 'mcp.method.name': plan.method, 'jsonrpc.request.id': plan.requestId }
  if (plan.method === 'tools/call') {
    a['gen_ai.tool.name'] = plan.target
    a['gen_ai.operation.name'] = 'execute_tool'
  } else if (plan.method === 'prompts/get') a['gen_ai.prompt.name'] = plan.target
  else if (plan.method === 'resources/read') a['mcp.resource.uri'] = plan.target
  a['tollgate.server.name'] = plan.server.name
  a['tollgate.server.version'] = plan.server.version
  a['tollgate.client.name'] = agent.clientName
  a['tollgate.client.version'] = agent.clientVersion
  const errorType = clientErrorType(plan)
  if (errorType !== '') a['error.type'] = errorType
  if (plan.statusCode !== '') a['rpc.response.status_code'] = plan.statusCode
  return spanRow(projectId, plan, {
    startMs: plan.startMs - 1.5,
    durationMs: plan.durationMs + 4,
    spanId: plan.clientSpanId,
    parentSpanId: '',
    name: spanName(plan),
    kind: 'CLIENT',
    status: errorType === '' ? 'UNSET' : 'ERROR',
    statusMessage: plan.statusCode === '' ? '' : plan.statusMessage,
    resource: resourceOf(`agent-${agent.id}`, agent.clientVersion),
    scopeName: SDK_SCOPE,
    scopeVersion: SDK_VERSION,
    attributes: a,
  })
}
