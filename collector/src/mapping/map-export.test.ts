import { describe, expect, it } from 'vitest'
import type { McpCallRow, McpEventRow, SpanRow } from '../storage/rows'
import { mapSpans } from './map-export'
import { accepted, event, link, START, span } from './test-fixtures'

const ARGS = '{"id":42,"ssn":"[REDACTED]"}'
const RESULT = '{"content":[{"type":"text","text":"Access denied"}],"isError":true}'

/** A tools/call server span with every tollgate.* span attribute and every event kind. */
function fullServerSpan() {
  const s = span(
    {
      'mcp.method.name': 'tools/call',
      'jsonrpc.request.id': '7',
      'gen_ai.tool.name': 'update_account',
      'gen_ai.operation.name': 'execute_tool',
      'mcp.session.id': 'sess-1',
      'mcp.protocol.version': '2025-06-18',
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'client.address': '10.0.0.7',
      'error.type': 'tool_error',
      'gen_ai.tool.call.arguments': ARGS,
      'gen_ai.tool.call.result': RESULT,
      'tollgate.user.id': 'alice',
      'tollgate.agent.id': 'claude-desktop',
      'tollgate.oauth.client_id': 'client-123',
      'tollgate.oauth.scopes': ['crm.read', 'crm.write'],
      'tollgate.token.audience': 'https://crm.example/mcp',
      'tollgate.token.audience_match': true,
      'tollgate.token.expires_at': '2025-06-18T10:30:00Z',
      'tollgate.tenant': 'acme',
      'tollgate.server.name': 'crm',
      'tollgate.server.version': '1.4.0',
      'tollgate.client.name': 'claude-ai',
      'tollgate.client.version': '0.9.1',
      'tollgate.session.step': 3,
      'tollgate.session.prev_span_id': 'aaaaaaaaaaaaaaaa',
      'tollgate.authz.outcome': 'denied',
      'tollgate.authz.denial_source': 'explicit',
      'tollgate.side_effect': 'write',
      'tollgate.approval.status': 'approved',
      'tollgate.approval.approved_by': 'bob',
      'tollgate.input.bytes': 120,
      'tollgate.output.bytes': 2048,
      'tollgate.flag.untrusted': true,
      'tollgate.flag.injection_suspected': true,
      'tollgate.flag.rules': ['inj-1', 'url-2'],
    },
    {
      name: 'tools/call update_account',
      parentSpanId: 'bbbbbbbbbbbbbbbb',
      traceState: 'rojo=1',
      status: { code: 2, message: 'Access denied' },
      links: [link('11111111111111111111111111111111', '2222222222222222', { 'link.kind': 'http' })],
      droppedEventsCount: 1,
      events: [
        event('tollgate.denial', {
          'tollgate.denial.resource': 'crm:accounts/42',
          'tollgate.denial.action': 'write',
          'tollgate.denial.reason': 'not the owner',
          'tollgate.denial.policy': 'owner-only',
          'tollgate.denial.inferred': false,
        }),
        event('tollgate.partial', {
          'tollgate.partial.resource': 'crm:accounts',
          'tollgate.partial.granted': ['name', 'email'],
          'tollgate.partial.denied': ['ssn'],
          'tollgate.partial.redacted_fields': ['email'],
          'tollgate.partial.reason': 'pii',
        }),
        event('tollgate.provenance', {
          'tollgate.provenance.source': 'crm',
          'tollgate.provenance.uri': 'crm://accounts/42',
          'tollgate.provenance.filter': 'owner = alice',
          'tollgate.provenance.tenant': 'acme',
          'tollgate.provenance.as_of': '2025-06-18T09:00:00.123456789Z',
          'tollgate.provenance.excluded.count': 2,
          'tollgate.provenance.excluded.reason': 'other tenant',
          'custom.note': 'kept',
        }),
        event('tollgate.approval', {
          'tollgate.approval.approved_by': 'bob',
          'tollgate.approval.id': 'appr-9',
          'tollgate.approval.shown_parameters': '{"id":42}',
        }),
        event('tollgate.redaction', {
          'tollgate.redaction.field': 'arguments.ssn',
          'tollgate.redaction.rule': 'ssn',
        }),
        event('tollgate.untrusted', {
          'tollgate.untrusted.source': 'web',
          'tollgate.untrusted.rule': 'ext-content',
          'tollgate.untrusted.reason': 'fetched page',
        }),
        event('tollgate.tool.definition', {
          'tollgate.tool.definition.name': 'update_account',
          'tollgate.tool.definition.description': 'Updates an account',
          'tollgate.tool.definition.description_hash': 'd1',
          'tollgate.tool.definition.input_schema': '{"type":"object"}',
          'tollgate.tool.definition.input_schema_hash': 'i1',
        }),
      ],
    },
  )
  return accepted(s, { resource: { 'service.name': 'crm-mcp', 'host.name': 'h1' }, truncatedValues: 2 })
}

const T = (offset: bigint) => String(START + offset)

const CALL_CONTEXT = {
  project_id: 'proj-1',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  span_id: '00f067aa0ba902b7',
  session_id: 'sess-1',
  method: 'tools/call',
  target: 'update_account',
  user_id: 'alice',
  agent_id: 'claude-desktop',
  tenant: 'acme',
}

/** An `mcp_events` row of the full span with every column at its empty value, then `fields`. */
function eventRow(fields: Partial<McpEventRow>): McpEventRow {
  return {
    ...CALL_CONTEXT,
    timestamp: T(1_000n),
    kind: 'denial',
    lookup_key: '',
    resource: '',
    action: '',
    reason: '',
    policy: '',
    inferred: 0,
    source: '',
    uri: '',
    filter: '',
    source_tenant: '',
    as_of: '0000000000000000000',
    excluded_count: 0,
    approved_by: '',
    approval_id: '',
    shown_parameters: '',
    granted: [],
    denied: [],
    redacted_fields: [],
    attributes: {},
    ...fields,
  }
}

describe('mapSpans', () => {
  it('maps a full MCP server span to exactly the expected rows', () => {
    const batch = mapSpans('proj-1', [fullServerSpan()])

    const expectedSpan: SpanRow = {
      project_id: 'proj-1',
      timestamp: T(0n),
      end_timestamp: T(2_500_000n),
      duration_ns: 2_500_000,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      parent_span_id: 'bbbbbbbbbbbbbbbb',
      trace_state: 'rojo=1',
      flags: 1,
      name: 'tools/call update_account',
      kind: 'SERVER',
      status_code: 'ERROR',
      status_message: 'Access denied',
      service_name: 'crm-mcp',
      scope_name: '@tollgate/sdk',
      scope_version: '0.1.0',
      resource_attributes: { 'service.name': 'crm-mcp', 'host.name': 'h1' },
      // Payloads moved to mcp_calls.input/output; every other attribute as text.
      attributes: {
        'mcp.method.name': 'tools/call',
        'jsonrpc.request.id': '7',
        'gen_ai.tool.name': 'update_account',
        'gen_ai.operation.name': 'execute_tool',
        'mcp.session.id': 'sess-1',
        'mcp.protocol.version': '2025-06-18',
        'network.transport': 'tcp',
        'network.protocol.name': 'http',
        'client.address': '10.0.0.7',
        'error.type': 'tool_error',
        'tollgate.user.id': 'alice',
        'tollgate.agent.id': 'claude-desktop',
        'tollgate.oauth.client_id': 'client-123',
        'tollgate.oauth.scopes': '["crm.read","crm.write"]',
        'tollgate.token.audience': 'https://crm.example/mcp',
        'tollgate.token.audience_match': 'true',
        'tollgate.token.expires_at': '2025-06-18T10:30:00Z',
        'tollgate.tenant': 'acme',
        'tollgate.server.name': 'crm',
        'tollgate.server.version': '1.4.0',
        'tollgate.client.name': 'claude-ai',
        'tollgate.client.version': '0.9.1',
        'tollgate.session.step': '3',
        'tollgate.session.prev_span_id': 'aaaaaaaaaaaaaaaa',
        'tollgate.authz.outcome': 'denied',
        'tollgate.authz.denial_source': 'explicit',
        'tollgate.side_effect': 'write',
        'tollgate.approval.status': 'approved',
        'tollgate.approval.approved_by': 'bob',
        'tollgate.input.bytes': '120',
        'tollgate.output.bytes': '2048',
        'tollgate.flag.untrusted': 'true',
        'tollgate.flag.injection_suspected': 'true',
        'tollgate.flag.rules': '["inj-1","url-2"]',
      },
      event_times: Array(7).fill(T(1_000n)),
      event_names: [
        'tollgate.denial',
        'tollgate.partial',
        'tollgate.provenance',
        'tollgate.approval',
        'tollgate.redaction',
        'tollgate.untrusted',
        'tollgate.tool.definition',
      ],
      event_attributes: [
        {
          'tollgate.denial.resource': 'crm:accounts/42',
          'tollgate.denial.action': 'write',
          'tollgate.denial.reason': 'not the owner',
          'tollgate.denial.policy': 'owner-only',
          'tollgate.denial.inferred': 'false',
        },
        {
          'tollgate.partial.resource': 'crm:accounts',
          'tollgate.partial.granted': '["name","email"]',
          'tollgate.partial.denied': '["ssn"]',
          'tollgate.partial.redacted_fields': '["email"]',
          'tollgate.partial.reason': 'pii',
        },
        {
          'tollgate.provenance.source': 'crm',
          'tollgate.provenance.uri': 'crm://accounts/42',
          'tollgate.provenance.filter': 'owner = alice',
          'tollgate.provenance.tenant': 'acme',
          'tollgate.provenance.as_of': '2025-06-18T09:00:00.123456789Z',
          'tollgate.provenance.excluded.count': '2',
          'tollgate.provenance.excluded.reason': 'other tenant',
          'custom.note': 'kept',
        },
        {
          'tollgate.approval.approved_by': 'bob',
          'tollgate.approval.id': 'appr-9',
          'tollgate.approval.shown_parameters': '{"id":42}',
        },
        { 'tollgate.redaction.field': 'arguments.ssn', 'tollgate.redaction.rule': 'ssn' },
        {
          'tollgate.untrusted.source': 'web',
          'tollgate.untrusted.rule': 'ext-content',
          'tollgate.untrusted.reason': 'fetched page',
        },
        // Definition texts live in tool_versions; the span keeps name and hashes.
        {
          'tollgate.tool.definition.name': 'update_account',
          'tollgate.tool.definition.description_hash': 'd1',
          'tollgate.tool.definition.input_schema_hash': 'i1',
        },
      ],
      link_trace_ids: ['11111111111111111111111111111111'],
      link_span_ids: ['2222222222222222'],
      link_trace_states: [''],
      link_attributes: [{ 'link.kind': 'http' }],
      dropped_attributes_count: 0,
      dropped_events_count: 1,
      dropped_links_count: 0,
      truncated_values: 2,
    }

    const expectedCall: McpCallRow = {
      project_id: 'proj-1',
      timestamp: T(0n),
      duration_ns: 2_500_000,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      parent_span_id: 'bbbbbbbbbbbbbbbb',
      span_kind: 'SERVER',
      service_name: 'crm-mcp',
      session_id: 'sess-1',
      step: 3,
      prev_span_id: 'aaaaaaaaaaaaaaaa',
      method: 'tools/call',
      target: 'update_account',
      request_id: '7',
      protocol_version: '2025-06-18',
      transport: 'tcp',
      server_name: 'crm',
      server_version: '1.4.0',
      client_name: 'claude-ai',
      client_version: '0.9.1',
      client_address: '10.0.0.7',
      user_id: 'alice',
      agent_id: 'claude-desktop',
      oauth_client_id: 'client-123',
      tenant: 'acme',
      scopes: ['crm.read', 'crm.write'],
      token_audience: 'https://crm.example/mcp',
      audience_match: 'match',
      outcome: 'denied',
      authz_outcome: 'denied',
      denial_source: 'explicit',
      error_type: 'tool_error',
      error_code: 0,
      caller_fault: 0,
      side_effect: 'write',
      approval: 'approved',
      approved_by: 'bob',
      input: ARGS,
      output: RESULT,
      input_bytes: 120,
      output_bytes: 2048,
      untrusted: 1,
      injection_suspected: 1,
      flag_rules: ['inj-1', 'url-2'],
      denial_count: 1,
      provenance_count: 1,
      redaction_count: 1,
    }

    const expectedEvents: McpEventRow[] = [
      eventRow({
        kind: 'denial',
        lookup_key: 'crm:accounts/42',
        resource: 'crm:accounts/42',
        action: 'write',
        reason: 'not the owner',
        policy: 'owner-only',
        inferred: 0,
      }),
      eventRow({
        kind: 'partial',
        lookup_key: 'crm:accounts',
        resource: 'crm:accounts',
        reason: 'pii',
        granted: ['name', 'email'],
        denied: ['ssn'],
        redacted_fields: ['email'],
      }),
      eventRow({
        kind: 'provenance',
        lookup_key: 'crm://accounts/42',
        reason: 'other tenant',
        source: 'crm',
        uri: 'crm://accounts/42',
        filter: 'owner = alice',
        source_tenant: 'acme',
        as_of: '1750237200123456789',
        excluded_count: 2,
        attributes: { 'custom.note': 'kept' },
      }),
      eventRow({
        kind: 'approval',
        lookup_key: 'appr-9',
        approved_by: 'bob',
        approval_id: 'appr-9',
        shown_parameters: '{"id":42}',
      }),
      eventRow({
        kind: 'redaction',
        lookup_key: 'arguments.ssn',
        redacted_fields: ['arguments.ssn'],
        attributes: { 'tollgate.redaction.rule': 'ssn' },
      }),
      eventRow({
        kind: 'untrusted',
        lookup_key: 'web',
        source: 'web',
        reason: 'fetched page',
        attributes: { 'tollgate.untrusted.rule': 'ext-content' },
      }),
    ]

    expect(batch.spans).toEqual([expectedSpan])
    expect(batch.mcp_calls).toEqual([expectedCall])
    expect(batch.mcp_events).toEqual(expectedEvents)
    expect(batch.tool_versions).toEqual([
      {
        project_id: 'proj-1',
        server_name: 'crm',
        tool_name: 'update_account',
        description_hash: 'd1',
        input_schema_hash: 'i1',
        output_schema_hash: '',
        annotations_hash: '',
        description: 'Updates an account',
        input_schema: '{"type":"object"}',
        output_schema: '',
        annotations: '',
        first_seen: T(1_000n),
        last_seen: T(1_000n),
        seen_count: 1,
      },
    ])
  })

  it('maps a bare OTel span without mcp.method.name to a spans row only', () => {
    const bare = span(
      { 'http.request.method': 'GET', 'gen_ai.tool.call.arguments': '{"q":1}' },
      { name: 'GET /' },
    )
    const batch = mapSpans('proj-1', [accepted(bare)])
    expect(batch.spans).toHaveLength(1)
    expect(batch.mcp_calls).toEqual([])
    expect(batch.mcp_events).toEqual([])
    expect(batch.tool_versions).toEqual([])
    // Not an MCP call: its payload-looking attributes stay where they are.
    expect(batch.spans[0]?.attributes).toEqual({
      'http.request.method': 'GET',
      'gen_ai.tool.call.arguments': '{"q":1}',
    })
  })

  it('takes the project from the argument, never from attributes', () => {
    const s = span(
      { 'mcp.method.name': 'tools/call', project_id: 'evil', 'tollgate.project': 'evil' },
      { events: [event('tollgate.denial', { 'tollgate.denial.resource': 'x', project_id: 'evil' })] },
    )
    const batch = mapSpans('proj-1', [accepted(s, { resource: { project_id: 'evil', 'service.name': 'a' } })])
    expect(batch.spans[0]?.project_id).toBe('proj-1')
    expect(batch.mcp_calls[0]?.project_id).toBe('proj-1')
    expect(batch.mcp_events[0]?.project_id).toBe('proj-1')
    expect(batch.spans[0]?.attributes.project_id).toBe('evil')
  })

  it('carries truncatedValues into the spans row', () => {
    const batch = mapSpans('p', [accepted(span({}), { truncatedValues: 5 })])
    expect(batch.spans[0]?.truncated_values).toBe(5)
  })

  it('moves tollgate.input.value / output.value of a non-tool call out of spans.attributes', () => {
    const s = span({
      'mcp.method.name': 'resources/read',
      'mcp.resource.uri': 'crm://accounts/42',
      'tollgate.input.value': '{"uri":"crm://accounts/42"}',
      'tollgate.output.value': '{"contents":[]}',
    })
    const batch = mapSpans('p', [accepted(s)])
    expect(batch.mcp_calls[0]).toMatchObject({
      method: 'resources/read',
      target: 'crm://accounts/42',
      input: '{"uri":"crm://accounts/42"}',
      output: '{"contents":[]}',
    })
    expect(batch.spans[0]?.attributes).toEqual({
      'mcp.method.name': 'resources/read',
      'mcp.resource.uri': 'crm://accounts/42',
    })
  })

  it('converts each resource once and gives every span its own resource', () => {
    const a = accepted(span({}), { resource: { 'service.name': 'a' } })
    const b = accepted(span({}), { resource: { 'service.name': 'b' } })
    const a2 = { ...accepted(span({})), resource: a.resource }
    const rows = mapSpans('p', [a, a2, b]).spans
    expect(rows.map((r) => r.resource_attributes['service.name'])).toEqual(['a', 'a', 'b'])
    expect(rows[0]?.resource_attributes).toBe(rows[1]?.resource_attributes)
    expect(rows.map((r) => r.service_name)).toEqual(['a', 'a', 'b'])
  })

  it('returns empty tables for no spans', () => {
    expect(mapSpans('p', [])).toEqual({ spans: [], mcp_calls: [], mcp_events: [], tool_versions: [] })
  })
})
