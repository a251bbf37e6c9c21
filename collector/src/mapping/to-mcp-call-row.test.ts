import { describe, expect, it } from 'vitest'
import type { AttributeValue, OtlpEvent } from '../otlp/types'
import { accepted, event, span } from './test-fixtures'
import { toMcpCallRow } from './to-mcp-call-row'

function call(values: Record<string, AttributeValue>, events: OtlpEvent[] = [], statusCode = 0) {
  return toMcpCallRow('p', accepted(span(values, { events, status: { code: statusCode, message: '' } })))
}

describe('toMcpCallRow', () => {
  it('returns null for a span without mcp.method.name', () => {
    expect(call({ 'http.request.method': 'POST' })).toBeNull()
  })

  it('maps a Sentry-style span with legacy keys', () => {
    const row = toMcpCallRow(
      'p',
      accepted(
        span(
          {
            'mcp.method.name': 'tools/call',
            'mcp.tool.name': 'get_weather',
            'mcp.request.id': '12',
            'mcp.session.id': 's-9',
            'mcp.transport': 'stdio',
            'mcp.server.name': 'weather',
            'mcp.server.version': '2.0.0',
            'mcp.client.name': 'cursor',
            'mcp.client.version': '1.2',
            'mcp.tool.result.is_error': true,
            'mcp.tool.result.content': '[{"type":"text","text":"boom"}]',
            'mcp.request.argument.city': 'Paris',
          },
          { kind: 2, status: { code: 2, message: 'boom' } },
        ),
        { scope: '@sentry/node' },
      ),
    )
    expect(row).toMatchObject({
      method: 'tools/call',
      target: 'get_weather',
      request_id: '12',
      session_id: 's-9',
      transport: 'pipe',
      server_name: 'weather',
      server_version: '2.0.0',
      client_name: 'cursor',
      client_version: '1.2',
      outcome: 'error',
      error_type: 'tool_error',
      caller_fault: 0,
      output: '[{"type":"text","text":"boom"}]',
      span_kind: 'SERVER',
    })
  })

  it('prefers the standard key when both standard and legacy keys are present', () => {
    const row = call({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'standard',
      'mcp.tool.name': 'legacy',
      'jsonrpc.request.id': '1',
      'mcp.request.id': '2',
      'network.transport': 'tcp',
      'mcp.transport': 'stdio',
    })
    expect(row).toMatchObject({ target: 'standard', request_id: '1', transport: 'tcp' })
  })

  it('maps a Traceloop MCP tool span (no mcp.method.name) to tools/call', () => {
    const s = span(
      {
        'traceloop.span.kind': 'tool',
        'traceloop.entity.name': 'process_data',
        'traceloop.entity.input': '{"tool_name":"process_data","arguments":{"x":5}}',
        'traceloop.entity.output': '[{"type":"text","content":"10"}]',
      },
      { name: 'process_data.tool', kind: 1 },
    )
    const row = toMcpCallRow('p', accepted(s, { scope: 'opentelemetry.instrumentation.mcp.instrumentation' }))
    expect(row).toMatchObject({
      method: 'tools/call',
      target: 'process_data',
      input: '{"tool_name":"process_data","arguments":{"x":5}}',
      output: '[{"type":"text","content":"10"}]',
      span_kind: 'INTERNAL',
      outcome: 'ok',
    })
  })

  it('maps a Traceloop `{method}.mcp` span and ignores Traceloop spans from other scopes', () => {
    const scope = 'opentelemetry.instrumentation.mcp.instrumentation'
    const listTools = span({ 'traceloop.entity.input': '{}' }, { name: 'tools/list.mcp' })
    expect(toMcpCallRow('p', accepted(listTools, { scope }))).toMatchObject({
      method: 'tools/list',
      input: '{}',
    })
    const wrapper = span(
      { 'traceloop.span.kind': 'server', 'traceloop.entity.name': 'mcp.server' },
      { name: 'mcp.server' },
    )
    expect(toMcpCallRow('p', accepted(wrapper, { scope }))).toBeNull()
    const genericTool = span(
      { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'f' },
      { name: 'f.tool' },
    )
    expect(toMcpCallRow('p', accepted(genericTool, { scope: 'traceloop.sdk' }))).toBeNull()
  })

  it('maps OpenLIT method names and keys', () => {
    const row = call({
      'mcp.method': 'calculator',
      'mcp.tool.name': 'calculator',
      'mcp.message_id': '3',
      'mcp.transport.type': 'sse',
      'mcp.tool.arguments': '{"a":1}',
      'mcp.error.code': -32602,
    })
    expect(row).toMatchObject({
      method: 'tools/call',
      target: 'calculator',
      request_id: '3',
      transport: 'tcp',
      input: '{"a":1}',
      error_type: '-32602',
      error_code: -32602,
      caller_fault: 1,
      outcome: 'error',
    })
    expect(call({ 'mcp.method': 'list_tools' })?.method).toBe('tools/list')
    expect(call({ 'mcp.method': 'some_function' })).toBeNull()
  })

  it('maps agentgateway keys', () => {
    const row = call({
      'mcp.method': 'prompts/get',
      'mcp.resource.type': 'prompt',
      'mcp.resource.name': 'summarize',
      'mcp.target': 'upstream-a',
      'jwt.sub': 'carol',
    })
    expect(row).toMatchObject({
      method: 'prompts/get',
      target: 'summarize',
      server_name: 'upstream-a',
      user_id: 'carol',
    })
  })

  it('records client spans with their kind', () => {
    const row = toMcpCallRow('p', accepted(span({ 'mcp.method.name': 'tools/list' }, { kind: 3 })))
    expect(row).toMatchObject({ span_kind: 'CLIENT', method: 'tools/list', target: '' })
  })

  it('chooses the target: tool, else prompt, else resource URI', () => {
    expect(call({ 'mcp.method.name': 'prompts/get', 'gen_ai.prompt.name': 'p1' })?.target).toBe('p1')
    expect(call({ 'mcp.method.name': 'resources/read', 'mcp.resource.uri': 'file:///a' })?.target).toBe(
      'file:///a',
    )
    expect(call({ 'mcp.method.name': 'initialize' })?.target).toBe('')
  })

  it('uses tollgate.session.id when mcp.session.id is absent', () => {
    expect(call({ 'mcp.method.name': 'ping', 'tollgate.session.id': 'conn-1' })?.session_id).toBe('conn-1')
  })

  it('keeps LowCardinality columns to their allowed values', () => {
    const row = call({
      'mcp.method.name': 'tools/call',
      'tollgate.authz.outcome': 'maybe',
      'tollgate.side_effect': 'explode',
      'tollgate.approval.status': 'whatever',
      'tollgate.oauth.scopes': 'crm.read  crm.write',
    })
    expect(row).toMatchObject({
      authz_outcome: '',
      side_effect: 'unknown',
      approval: '',
      scopes: ['crm.read', 'crm.write'],
      audience_match: '',
    })
  })

  it('turns a refused-connection span into a denied call with denial_source auth', () => {
    const s = span(
      {
        'http.response.status_code': 403,
        'tollgate.auth.refusal_reason': 'insufficient_scope',
        'tollgate.auth.required_scopes': ['crm.write'],
        'tollgate.authz.outcome': 'denied',
        'tollgate.authz.denial_source': 'auth',
        'tollgate.oauth.client_id': 'client-7',
        'tollgate.oauth.scopes': ['crm.read'],
        'tollgate.user.id': 'mallory',
        'tollgate.server.name': 'crm',
        'client.address': '203.0.113.9',
      },
      {
        name: 'tollgate.auth.refused',
        events: [
          event('tollgate.denial', {
            'tollgate.denial.resource': 'https://crm.example/mcp',
            'tollgate.denial.action': 'connect',
            'tollgate.denial.reason': 'insufficient_scope',
          }),
        ],
      },
    )
    expect(toMcpCallRow('p', accepted(s))).toMatchObject({
      method: '',
      target: '',
      outcome: 'denied',
      authz_outcome: 'denied',
      denial_source: 'auth',
      oauth_client_id: 'client-7',
      scopes: ['crm.read'],
      user_id: 'mallory',
      client_address: '203.0.113.9',
      error_type: '',
      denial_count: 1,
    })
  })
})

describe('toMcpCallRow outcome classification', () => {
  const base = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 't' }
  const deny = event('tollgate.denial', { 'tollgate.denial.resource': 'r' })
  const inferredDeny = event('tollgate.denial', {
    'tollgate.denial.resource': 'r',
    'tollgate.denial.inferred': true,
  })
  const partial = event('tollgate.partial', {
    'tollgate.partial.granted': ['a'],
    'tollgate.partial.denied': ['b'],
  })

  const cases: [string, Record<string, AttributeValue>, OtlpEvent[], number, object][] = [
    [
      'explicit deny',
      { ...base, 'tollgate.authz.outcome': 'denied', 'tollgate.authz.denial_source': 'explicit' },
      [deny],
      0,
      { outcome: 'denied', denial_source: 'explicit', error_type: '', caller_fault: 0 },
    ],
    [
      'explicit deny by event only',
      base,
      [deny],
      0,
      { outcome: 'denied', authz_outcome: '', denial_source: 'explicit', denial_count: 1 },
    ],
    [
      'inferred deny from -32602 (gateway "Unknown tool")',
      {
        ...base,
        'error.type': '-32602',
        'rpc.response.status_code': '-32602',
        'tollgate.authz.outcome': 'denied',
      },
      [inferredDeny],
      2,
      {
        outcome: 'denied',
        denial_source: 'inferred',
        error_type: '-32602',
        error_code: -32602,
        caller_fault: 1,
      },
    ],
    [
      'partial',
      { ...base, 'tollgate.authz.outcome': 'partial' },
      [partial],
      0,
      { outcome: 'partial', authz_outcome: 'partial', denial_source: '' },
    ],
    [
      'tool_error',
      { ...base, 'error.type': 'tool_error', 'tollgate.authz.outcome': 'allowed' },
      [],
      2,
      {
        outcome: 'error',
        error_type: 'tool_error',
        error_code: 0,
        caller_fault: 0,
        authz_outcome: 'allowed',
      },
    ],
    [
      'JSON-RPC error, caller fault',
      { ...base, 'error.type': '-32601', 'rpc.response.status_code': '-32601' },
      [],
      2,
      { outcome: 'error', error_type: '-32601', error_code: -32601, caller_fault: 1 },
    ],
    [
      'JSON-RPC error, resource not found is the caller’s',
      { 'mcp.method.name': 'resources/read', 'rpc.response.status_code': '-32002' },
      [],
      2,
      { outcome: 'error', error_type: '-32002', error_code: -32002, caller_fault: 1 },
    ],
    [
      'JSON-RPC error, server fault',
      { ...base, 'error.type': '-32603', 'rpc.response.status_code': '-32603' },
      [],
      2,
      { outcome: 'error', error_type: '-32603', error_code: -32603, caller_fault: 0 },
    ],
    [
      'ERROR status without error.type',
      base,
      [],
      2,
      { outcome: 'error', error_type: '_OTHER', error_code: 0, caller_fault: 0 },
    ],
    [
      'ok',
      { ...base, 'tollgate.authz.outcome': 'allowed' },
      [],
      1,
      { outcome: 'ok', error_type: '', caller_fault: 0 },
    ],
  ]

  it.each(cases)('%s', (_name, values, events, statusCode, expected) => {
    expect(call(values, events, statusCode)).toMatchObject(expected)
  })
})
