import 'reflect-metadata'
import { insertRows, queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const TRACE_A = 'a'.repeat(32)
const TRACE_B = 'b'.repeat(32)
const span = (n: number) => n.toString(16).padStart(16, '0')

let viewer: string
let investigator: string
let outsider: string

/** A complete `mcp_calls` row (every row must carry the same keys). */
function call(n: number, extra: Record<string, unknown>) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + n * 1000),
    duration_ns: String(n * 1_000_000),
    trace_id: TRACE_A,
    span_id: span(n),
    span_kind: 'SERVER',
    session_id: 's-alpha',
    step: n,
    method: 'tools/call',
    target: 'search',
    server_name: 'crm',
    client_name: 'claude-ai',
    user_id: 'alice',
    agent_id: 'claude',
    oauth_client_id: 'c1',
    tenant: 'acme',
    scopes: ['crm.read'],
    audience_match: 'match',
    outcome: 'ok',
    denial_source: '',
    error_type: '',
    caller_fault: 0,
    side_effect: 'read',
    approval: '',
    input: '',
    output: '',
    input_bytes: 0,
    output_bytes: 0,
    untrusted: 0,
    injection_suspected: 0,
    flag_rules: [],
    denial_count: 0,
    provenance_count: 0,
    redaction_count: 0,
    ...extra,
  }
}

/** A complete `mcp_events` row of call `n`. */
function event(n: number, kind: string, extra: Record<string, unknown>) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + n * 1000 + 1),
    kind,
    lookup_key: '',
    trace_id: TRACE_A,
    span_id: span(n),
    session_id: 's-alpha',
    resource: '',
    reason: '',
    source: '',
    uri: '',
    filter: '',
    as_of: ns(0),
    excluded_count: 0,
    approved_by: '',
    approval_id: '',
    shown_parameters: '',
    redacted_fields: [],
    ...extra,
  }
}

/** A complete `spans` row of trace A. */
function spanRow(
  id: number,
  parent: number | null,
  startMs: number,
  durationMs: number,
  extra: Record<string, unknown>,
) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + startMs),
    end_timestamp: ns(T0 + startMs + durationMs),
    duration_ns: String(durationMs * 1_000_000),
    trace_id: TRACE_A,
    span_id: span(id),
    parent_span_id: parent === null ? '' : span(parent),
    name: 'op',
    kind: 'INTERNAL',
    status_code: 'UNSET',
    service_name: 'crm',
    attributes: {},
    event_times: [],
    event_names: [],
    ...extra,
  }
}

const fx = graphqlFixture('sessions', async (storage) => {
  viewer = await userWithToken(storage, 'vera', { p1: 'viewer' })
  investigator = await userWithToken(storage, 'ivan', { p1: 'investigator' })
  outsider = await userWithToken(storage, 'otto', { p2: 'admin' })
  await insertRows(storage, 'mcp_calls', [
    // s-alpha, inserted out of order: search (read), a denied write, an approved write.
    call(3, {
      target: 'update_account',
      side_effect: 'write',
      approval: 'approved',
      input: '{"id":42,"plan":"gold"}',
      output: '{"ok":true,"note":"[REDACTED]"}',
      input_bytes: 23,
      output_bytes: 40,
      injection_suspected: 1,
      flag_rules: ['ignore-previous'],
      redaction_count: 1,
    }),
    call(1, {
      input: '{"q":"Acme Corp"}',
      output: '{"hits":2}',
      input_bytes: 17,
      output_bytes: 10,
      provenance_count: 1,
    }),
    call(2, {
      target: 'update_account',
      side_effect: 'write',
      outcome: 'denied',
      denial_source: 'explicit',
      input: '{"id":42}',
      input_bytes: 9,
      output_bytes: 120,
    }),
    // s-beta, ten minutes later: bob's failed search.
    call(600, {
      session_id: 's-beta',
      step: 1,
      trace_id: TRACE_B,
      user_id: 'bob',
      outcome: 'error',
      error_type: 'tool_error',
    }),
    // Not listed: no session, another project.
    call(700, { session_id: '' }),
    call(800, { project_id: 'p2', session_id: 's-gamma', input: '{"q":"other tenant"}' }),
  ])
  await insertRows(storage, 'mcp_events', [
    event(1, 'provenance', {
      lookup_key: 'crm:accounts/42',
      source: 'crm',
      uri: 'crm:accounts/42',
      filter: "tenant = 'acme'",
      as_of: ns(T0 - 60_000),
      excluded_count: 2,
    }),
    event(2, 'denial', {
      lookup_key: 'crm:accounts/42',
      resource: 'crm:accounts/42',
      reason: 'missing scope crm.write',
    }),
    event(3, 'approval', {
      approved_by: 'bob',
      approval_id: 'ap-1',
      shown_parameters: '{"id":42,"plan":"gold"}',
    }),
    event(3, 'redaction', { lookup_key: 'note', redacted_fields: ['note'] }),
  ])
  await insertRows(storage, 'spans', [
    spanRow(1, 9, 1000, 1, {
      name: 'tools/call search',
      kind: 'SERVER',
      attributes: {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'search',
        'gen_ai.tool.call.arguments': '{"q":"Acme Corp"}',
      },
      event_times: [ns(T0 + 1000.5)],
      event_names: ['tollgate.provenance'],
    }),
    spanRow(9, null, 999, 3, { name: 'agent turn', kind: 'CLIENT', service_name: 'agent' }),
    spanRow(5, 1, 1000.2, 0.5, { name: 'SELECT accounts' }),
    spanRow(4, 1, 1000.1, 0.2, { name: 'cache get' }),
    // Its parent never arrived: shown as a root, not dropped.
    spanRow(7, 77, 1002, 1, { name: 'late child' }),
  ])
})

const RANGE = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
}
const LIST = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $filter: SessionFilter, $first: Int, $after: String) {
  sessions(projectId: $projectId, from: $from, to: $to, filter: $filter, first: $first, after: $after) {
    items { sessionId startedAt endedAt calls denials errors writes injectionSuspected users agents clients targets }
    nextCursor
  }
}`
const PAYLOAD = 'state text bytes'
const STEP_FIELDS = `step at durationMs traceId spanId method target userId agentId clientId tenant scopes outcome
  denialSource sideEffect approval input { ${PAYLOAD} } output { ${PAYLOAD} } injectionSuspected flagRules
  denials { kind resource reason inferred } sources { source uri asOf excludedCount filter { ${PAYLOAD} } }
  approvals { approvedBy approvalId shownParameters { ${PAYLOAD} } } redactedFields`
const ONE = `query($projectId: ID!, $sessionId: String!, $first: Int, $after: String) {
  session(projectId: $projectId, sessionId: $sessionId, first: $first, after: $after) {
    sessionId startedAt lastCallAt calls denials errors nextCursor steps { ${STEP_FIELDS} }
  }
}`

async function auditRows() {
  return queryRows<{ action: string; actor: string; project_id: string; target: string; details: string }>(
    fx.storage,
    `SELECT action, actor, project_id, target, details FROM ${fx.storage.database}.audit_log ORDER BY time, target`,
  )
}

describe('sessions', () => {
  it('lists the sessions with calls in the range, latest first, with their sums', async () => {
    const { data, errors } = await graphqlRequest(fx.app, LIST, RANGE, viewer)
    expect(errors).toBeUndefined()
    expect(data?.sessions).toEqual({
      items: [
        {
          sessionId: 's-beta',
          startedAt: new Date(T0 + 600_000).toISOString(),
          endedAt: new Date(T0 + 600_000 + 600).toISOString(),
          calls: 1,
          denials: 0,
          errors: 1,
          writes: 0,
          injectionSuspected: false,
          users: ['bob'],
          agents: ['claude'],
          clients: ['c1'],
          targets: ['search'],
        },
        {
          sessionId: 's-alpha',
          startedAt: new Date(T0 + 1000).toISOString(),
          endedAt: new Date(T0 + 3003).toISOString(),
          calls: 3,
          denials: 1,
          errors: 0,
          writes: 2,
          injectionSuspected: true,
          users: ['alice'],
          agents: ['claude'],
          clients: ['c1'],
          targets: ['search', 'update_account'],
        },
      ],
      nextCursor: null,
    })
  })

  it('filters on the calls: every given field must hold for one call', async () => {
    const ids = async (filter: Record<string, unknown>) => {
      const { data, errors } = await graphqlRequest(fx.app, LIST, { ...RANGE, filter }, viewer)
      expect(errors).toBeUndefined()
      return (data?.sessions as { items: Array<{ sessionId: string }> } | undefined)?.items.map(
        (s) => s.sessionId,
      )
    }
    expect(await ids({ tool: 'update_account' })).toEqual(['s-alpha'])
    expect(await ids({ user: 'bob' })).toEqual(['s-beta'])
    expect(await ids({ outcome: 'DENIED' })).toEqual(['s-alpha'])
    expect(await ids({ sideEffect: 'WRITE', user: 'alice' })).toEqual(['s-alpha'])
    expect(await ids({ sideEffect: 'WRITE', user: 'bob' })).toEqual([])
    expect(await ids({ agent: 'claude', client: 'c1', tenant: 'acme' })).toEqual(['s-beta', 's-alpha'])
  })

  it('sums a filtered session over all its calls in the range, not only the matching ones', async () => {
    const { data, errors } = await graphqlRequest(
      fx.app,
      LIST,
      { ...RANGE, filter: { tool: 'update_account' } },
      viewer,
    )
    expect(errors).toBeUndefined()
    expect(data?.sessions).toMatchObject({
      items: [
        { sessionId: 's-alpha', calls: 3, denials: 1, writes: 2, targets: ['search', 'update_account'] },
      ],
    })
  })

  it('pages with a cursor', async () => {
    const first = await graphqlRequest(fx.app, LIST, { ...RANGE, first: 1 }, viewer)
    const page1 = first.data?.sessions as { items: Array<{ sessionId: string }>; nextCursor: string }
    expect(page1.items.map((s) => s.sessionId)).toEqual(['s-beta'])
    const second = await graphqlRequest(fx.app, LIST, { ...RANGE, first: 1, after: page1.nextCursor }, viewer)
    expect(second.data?.sessions).toMatchObject({ items: [{ sessionId: 's-alpha' }], nextCursor: null })
  })

  it('searches payload text for investigators only, and audits the search', async () => {
    const refused = await graphqlRequest(fx.app, LIST, { ...RANGE, filter: { text: 'acme' } }, viewer)
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(refused.errors?.[0]?.message).toMatch(/investigator/)

    const before = (await auditRows()).length
    const { data, errors } = await graphqlRequest(
      fx.app,
      LIST,
      { ...RANGE, filter: { text: 'ACME corp' } },
      investigator,
    )
    expect(errors).toBeUndefined()
    expect(
      (data?.sessions as { items: Array<{ sessionId: string }> } | undefined)?.items.map((s) => s.sessionId),
    ).toEqual(['s-alpha'])
    const rows = (await auditRows()).slice(before)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'payload.search',
      actor: 'ivan',
      project_id: 'p1',
      target: 'sessions',
    })
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({
      userId: 'u_ivan',
      text: 'ACME corp',
      from: RANGE.from,
      to: RANGE.to,
    })
  })

  it('treats filter values as data, never as SQL', async () => {
    for (const value of ["' OR 1=1 --", "search') OR (1=1", '%', '\\']) {
      const { data, errors } = await graphqlRequest(
        fx.app,
        LIST,
        { ...RANGE, filter: { tool: value, text: value.padEnd(2, 'x') } },
        investigator,
      )
      expect(errors).toBeUndefined()
      expect(data?.sessions).toEqual({ items: [], nextCursor: null })
    }
  })

  it('refuses empty or oversized filter values with a clear error', async () => {
    for (const filter of [
      { tool: '' },
      { user: 'u'.repeat(257) },
      { text: 'a' },
      { text: 'a'.repeat(201) },
    ]) {
      const { errors } = await graphqlRequest(fx.app, LIST, { ...RANGE, filter }, investigator)
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(errors?.[0]?.message).toMatch(/^filter\.\w+ must be/)
    }
  })

  it('refuses a member of another project', async () => {
    const { errors } = await graphqlRequest(fx.app, LIST, RANGE, outsider)
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})

describe('session', () => {
  it('gives an investigator the steps in order with payloads, denials, sources and approvals, and audits each call read', async () => {
    const before = (await auditRows()).length
    const { data, errors } = await graphqlRequest(
      fx.app,
      ONE,
      { projectId: 'p1', sessionId: 's-alpha' },
      investigator,
    )
    expect(errors).toBeUndefined()
    const session = data?.session as Record<string, unknown> & { steps: Array<Record<string, unknown>> }
    expect({ ...session, steps: undefined }).toEqual({
      sessionId: 's-alpha',
      startedAt: new Date(T0 + 1000).toISOString(),
      lastCallAt: new Date(T0 + 3000).toISOString(),
      calls: 3,
      denials: 1,
      errors: 0,
      nextCursor: null,
      steps: undefined,
    })
    expect(session.steps.map((s) => [s.step, s.target, s.outcome])).toEqual([
      [1, 'search', 'ok'],
      [2, 'update_account', 'denied'],
      [3, 'update_account', 'ok'],
    ])
    expect(session.steps[0]).toEqual({
      step: 1,
      at: new Date(T0 + 1000).toISOString(),
      durationMs: 1,
      traceId: TRACE_A,
      spanId: span(1),
      method: 'tools/call',
      target: 'search',
      userId: 'alice',
      agentId: 'claude',
      clientId: 'c1',
      tenant: 'acme',
      scopes: ['crm.read'],
      outcome: 'ok',
      denialSource: '',
      sideEffect: 'read',
      approval: '',
      input: { state: 'SHOWN', text: '{"q":"Acme Corp"}', bytes: 17 },
      output: { state: 'SHOWN', text: '{"hits":2}', bytes: 10 },
      injectionSuspected: false,
      flagRules: [],
      denials: [],
      sources: [
        {
          source: 'crm',
          uri: 'crm:accounts/42',
          asOf: new Date(T0 - 60_000).toISOString(),
          excludedCount: 2,
          filter: { state: 'SHOWN', text: "tenant = 'acme'", bytes: 0 },
        },
      ],
      approvals: [],
      redactedFields: [],
    })
    expect(session.steps[1]).toMatchObject({
      denialSource: 'explicit',
      input: { state: 'SHOWN', text: '{"id":42}', bytes: 9 },
      output: { state: 'ABSENT', text: null, bytes: 120 },
      denials: [
        { kind: 'denial', resource: 'crm:accounts/42', reason: 'missing scope crm.write', inferred: false },
      ],
    })
    expect(session.steps[2]).toMatchObject({
      approval: 'approved',
      injectionSuspected: true,
      flagRules: ['ignore-previous'],
      approvals: [
        {
          approvedBy: 'bob',
          approvalId: 'ap-1',
          shownParameters: { state: 'SHOWN', text: '{"id":42,"plan":"gold"}' },
        },
      ],
      redactedFields: ['note'],
    })
    const rows = (await auditRows()).slice(before)
    expect(rows.map((r) => [r.action, r.actor, r.project_id, r.target])).toEqual([
      ['payload.read', 'ivan', 'p1', `${TRACE_A}/${span(1)}`],
      ['payload.read', 'ivan', 'p1', `${TRACE_A}/${span(2)}`],
      ['payload.read', 'ivan', 'p1', `${TRACE_A}/${span(3)}`],
    ])
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({
      userId: 'u_ivan',
      via: 'session',
      sessionId: 's-alpha',
      method: 'tools/call',
      target: 'search',
    })
  })

  it('withholds every payload from a viewer, in the answer itself, and audits nothing', async () => {
    const before = (await auditRows()).length
    const response = await fx.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` },
      payload: JSON.stringify({ query: ONE, variables: { projectId: 'p1', sessionId: 's-alpha' } }),
    })
    for (const secret of ['Acme Corp', 'hits', 'gold', 'REDACTED', "tenant = 'acme'", '"id":42']) {
      expect(response.body).not.toContain(secret)
    }
    const steps = (response.json().data.session as { steps: Array<Record<string, unknown>> }).steps
    expect(steps.map((s) => [s.input, s.output])).toEqual([
      [
        { state: 'WITHHELD', text: null, bytes: 17 },
        { state: 'WITHHELD', text: null, bytes: 10 },
      ],
      [
        { state: 'WITHHELD', text: null, bytes: 9 },
        { state: 'ABSENT', text: null, bytes: 120 },
      ],
      [
        { state: 'WITHHELD', text: null, bytes: 23 },
        { state: 'WITHHELD', text: null, bytes: 40 },
      ],
    ])
    expect(steps[0]?.sources).toEqual([
      expect.objectContaining({
        uri: 'crm:accounts/42',
        filter: { state: 'WITHHELD', text: null, bytes: 0 },
      }),
    ])
    expect(steps[2]?.approvals).toEqual([
      expect.objectContaining({
        approvedBy: 'bob',
        shownParameters: { state: 'WITHHELD', text: null, bytes: 0 },
      }),
    ])
    expect((await auditRows()).length).toBe(before)
  })

  it('pages through the steps', async () => {
    const first = await graphqlRequest(
      fx.app,
      ONE,
      { projectId: 'p1', sessionId: 's-alpha', first: 2 },
      viewer,
    )
    const page1 = first.data?.session as { steps: Array<{ step: number }>; nextCursor: string }
    expect(page1.steps.map((s) => s.step)).toEqual([1, 2])
    const second = await graphqlRequest(
      fx.app,
      ONE,
      { projectId: 'p1', sessionId: 's-alpha', first: 2, after: page1.nextCursor },
      viewer,
    )
    expect(second.data?.session).toMatchObject({ steps: [{ step: 3 }], nextCursor: null })
  })

  it('answers null for a session whose calls have expired while its lookup row remains', async () => {
    await insertRows(fx.storage, 'session_lookup', [
      { project_id: 'p1', session_id: 's-expired', min_time: ns(T0), max_time: ns(T0 + 1000), call_count: 2 },
    ])
    const { data, errors } = await graphqlRequest(
      fx.app,
      ONE,
      { projectId: 'p1', sessionId: 's-expired' },
      investigator,
    )
    expect(errors).toBeUndefined()
    expect(data?.session).toBeNull()
  })

  it('answers null for an unknown session and for another project’s, and refuses a bad id', async () => {
    for (const sessionId of ['nope', 's-gamma']) {
      const { data, errors } = await graphqlRequest(fx.app, ONE, { projectId: 'p1', sessionId }, investigator)
      expect(errors).toBeUndefined()
      expect(data?.session).toBeNull()
    }
    const { errors } = await graphqlRequest(
      fx.app,
      ONE,
      { projectId: 'p1', sessionId: 's'.repeat(300) },
      viewer,
    )
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const other = await graphqlRequest(fx.app, ONE, { projectId: 'p2', sessionId: 's-gamma' }, investigator)
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})

const CALL = `query($projectId: ID!, $traceId: String!, $spanId: String!) {
  call(projectId: $projectId, traceId: $traceId, spanId: $spanId) { step target input { ${PAYLOAD} } sources { uri } }
}`

describe('call', () => {
  it('opens one call by its ids, payloads by role', async () => {
    const ids = { projectId: 'p1', traceId: TRACE_A, spanId: span(1) }
    const shown = await graphqlRequest(fx.app, CALL, ids, investigator)
    expect(shown.data?.call).toEqual({
      step: 1,
      target: 'search',
      input: { state: 'SHOWN', text: '{"q":"Acme Corp"}', bytes: 17 },
      sources: [{ uri: 'crm:accounts/42' }],
    })
    const withheld = await graphqlRequest(fx.app, CALL, ids, viewer)
    expect(withheld.data?.call).toMatchObject({ input: { state: 'WITHHELD', text: null } })
    const missing = await graphqlRequest(fx.app, CALL, { ...ids, spanId: span(99) }, viewer)
    expect(missing.data?.call).toBeNull()
    const bad = await graphqlRequest(fx.app, CALL, { ...ids, spanId: 'xyz' }, viewer)
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

const TRACE = `query($projectId: ID!, $traceId: String!) {
  trace(projectId: $projectId, traceId: $traceId) {
    traceId startedAt durationMs spanCount truncated
    spans { spanId parentSpanId depth name kind offsetMs durationMs mcpMethod attributes { key value } events { name offsetMs } }
  }
}`

describe('trace', () => {
  it('gives the span tree depth first, children by start, with offsets; no payload attributes', async () => {
    const { data, errors } = await graphqlRequest(
      fx.app,
      TRACE,
      { projectId: 'p1', traceId: TRACE_A },
      viewer,
    )
    expect(errors).toBeUndefined()
    const trace = data?.trace as Record<string, unknown> & { spans: Array<Record<string, unknown>> }
    expect({ ...trace, spans: undefined }).toEqual({
      traceId: TRACE_A,
      startedAt: new Date(T0 + 999).toISOString(),
      durationMs: 4,
      spanCount: 5,
      truncated: false,
      spans: undefined,
    })
    expect(trace.spans.map((s) => [s.name, s.depth, s.offsetMs])).toEqual([
      ['agent turn', 0, 0],
      ['tools/call search', 1, 1],
      ['cache get', 2, 1.1],
      ['SELECT accounts', 2, 1.2],
      ['late child', 0, 3],
    ])
    expect(trace.spans[1]).toMatchObject({
      kind: 'SERVER',
      mcpMethod: 'tools/call',
      attributes: [
        { key: 'gen_ai.tool.name', value: 'search' },
        { key: 'mcp.method.name', value: 'tools/call' },
      ],
      events: [{ name: 'tollgate.provenance', offsetMs: 1.5 }],
    })
  })

  it('answers null for an unknown trace and refuses a malformed id', async () => {
    const missing = await graphqlRequest(fx.app, TRACE, { projectId: 'p1', traceId: 'c'.repeat(32) }, viewer)
    expect(missing.data?.trace).toBeNull()
    const bad = await graphqlRequest(fx.app, TRACE, { projectId: 'p1', traceId: "' OR 1=1" }, viewer)
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})
