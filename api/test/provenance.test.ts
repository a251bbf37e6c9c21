import 'reflect-metadata'
import { insertRows, queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const TRACE = 'a'.repeat(32)
const span = (n: number) => n.toString(16).padStart(16, '0')
let token: string
let investigator: string

/** A provenance event of call `n` (span id n), read at second `n`. */
function record(n: number, uri: string, extra: Record<string, unknown> = {}) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + n * 1000),
    kind: 'provenance',
    lookup_key: uri,
    trace_id: TRACE,
    span_id: span(n),
    session_id: 's1',
    method: 'tools/call',
    target: 'search',
    user_id: `user${n}`,
    agent_id: 'claude',
    tenant: 'acme',
    source: 'crm',
    uri,
    source_tenant: 'acme',
    as_of: ns(T0 - 3_600_000),
    excluded_count: 0,
    filter: '',
    ...extra,
  }
}

const fx = graphqlFixture('provenance', async (storage) => {
  token = await userWithToken(storage, 'pat', { p1: 'viewer' })
  investigator = await userWithToken(storage, 'ivy', { p1: 'investigator' })
  await insertRows(storage, 'mcp_events', [
    record(1, 'crm:accounts/42'),
    record(2, 'crm:accounts/42', { excluded_count: 3, as_of: ns(0) }),
    record(2, 'crm:accounts/7', { filter: "owner = 'pat'" }),
    record(3, 'crm:accounts/42', { project_id: 'p2' }),
    record(4, 'crm:accounts/42', { kind: 'denial' }),
    // Three reads in the last day of a four-day range, two before it.
    record(10, 'crm:accounts/9'),
    record(11, 'crm:accounts/9'),
    record(12, 'crm:accounts/9'),
    record(13, 'crm:accounts/9', { timestamp: ns(T0 - 2 * 86_400_000) }),
    record(14, 'crm:accounts/9', { timestamp: ns(T0 - 3 * 86_400_000) }),
  ])
  await insertRows(storage, 'mcp_calls', [
    { project_id: 'p1', timestamp: ns(T0 + 1000), trace_id: TRACE, span_id: span(1), scopes: ['crm.read'] },
    {
      project_id: 'p1',
      timestamp: ns(T0 + 2000),
      trace_id: TRACE,
      span_id: span(2),
      scopes: ['crm.read', 'crm.admin'],
    },
  ])
})

const FIELDS = 'at traceId spanId userId tenant scopes source uri asOf excludedCount'
const BY_URI = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $uri: String!, $first: Int) {
  provenanceByUri(projectId: $projectId, from: $from, to: $to, uri: $uri, first: $first) { items { ${FIELDS} } nextCursor }
}`
const OF_CALL = `query($projectId: ID!, $traceId: String!, $spanId: String!) {
  provenanceOfCall(projectId: $projectId, traceId: $traceId, spanId: $spanId) { ${FIELDS} }
}`
const RANGE = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
}

describe('provenanceByUri', () => {
  it('lists every call that read the URI, newest first, with who, scopes and freshness', async () => {
    const { data, errors } = await graphqlRequest(fx.app, BY_URI, { ...RANGE, uri: 'crm:accounts/42' }, token)
    expect(errors).toBeUndefined()
    expect(data?.provenanceByUri).toEqual({
      items: [
        {
          at: new Date(T0 + 2000).toISOString(),
          traceId: TRACE,
          spanId: span(2),
          userId: 'user2',
          tenant: 'acme',
          scopes: ['crm.read', 'crm.admin'],
          source: 'crm',
          uri: 'crm:accounts/42',
          asOf: null,
          excludedCount: 3,
        },
        {
          at: new Date(T0 + 1000).toISOString(),
          traceId: TRACE,
          spanId: span(1),
          userId: 'user1',
          tenant: 'acme',
          scopes: ['crm.read'],
          source: 'crm',
          uri: 'crm:accounts/42',
          asOf: new Date(T0 - 3_600_000).toISOString(),
          excludedCount: 0,
        },
      ],
      nextCursor: null,
    })
  })

  it('pages newest first across the last day and the days before it', async () => {
    const PAGED = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $uri: String!, $first: Int, $after: String) {
      provenanceByUri(projectId: $projectId, from: $from, to: $to, uri: $uri, first: $first, after: $after) {
        items { spanId } nextCursor
      }
    }`
    const range = {
      ...RANGE,
      from: new Date(T0 - 4 * 86_400_000).toISOString(),
      uri: 'crm:accounts/9',
      first: 2,
    }
    const pages: string[][] = []
    let after: string | null = null
    do {
      const { data, errors } = await graphqlRequest(fx.app, PAGED, { ...range, after }, token)
      expect(errors).toBeUndefined()
      const page = data?.provenanceByUri as { items: Array<{ spanId: string }>; nextCursor: string | null }
      pages.push(page.items.map((item) => item.spanId))
      after = page.nextCursor
    } while (after !== null && pages.length < 5)
    expect(pages).toEqual([[span(12), span(11)], [span(10), span(13)], [span(14)]])
  })

  it('refuses an empty or oversized URI', async () => {
    for (const uri of ['', 'x'.repeat(3000)]) {
      const { errors } = await graphqlRequest(fx.app, BY_URI, { ...RANGE, uri }, token)
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    }
  })
})

describe('provenanceOfCall', () => {
  it('lists every source behind one call', async () => {
    const { data } = await graphqlRequest(
      fx.app,
      OF_CALL,
      { projectId: 'p1', traceId: TRACE, spanId: span(2) },
      token,
    )
    const items = data?.provenanceOfCall as Array<{ uri: string; scopes: string[] }>
    expect(items.map((r) => r.uri).sort()).toEqual(['crm:accounts/42', 'crm:accounts/7'])
    expect(items.every((r) => r.scopes.includes('crm.admin'))).toBe(true)
  })

  it('refuses ids that are not hex of the right length', async () => {
    const { errors } = await graphqlRequest(
      fx.app,
      OF_CALL,
      { projectId: 'p1', traceId: "' OR 1=1", spanId: span(2) },
      token,
    )
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('provenance filter text', () => {
  const ofCall = (who: string) =>
    graphqlRequest(
      fx.app,
      `query($projectId: ID!, $traceId: String!, $spanId: String!) {
        provenanceOfCall(projectId: $projectId, traceId: $traceId, spanId: $spanId) { uri filter { state text } }
      }`,
      { projectId: 'p1', traceId: TRACE, spanId: span(2) },
      who,
    )
  const reads = async () =>
    queryRows<{ actor: string; target: string; details: string }>(
      fx.storage,
      `SELECT actor, target, details FROM ${fx.storage.database}.audit_log WHERE action = 'payload.read' ORDER BY time`,
    )

  it('is withheld from a viewer, and nothing is audited', async () => {
    const { data } = await ofCall(token)
    const items = data?.provenanceOfCall as Array<{ uri: string; filter: unknown }>
    expect(items.find((r) => r.uri === 'crm:accounts/7')?.filter).toEqual({ state: 'WITHHELD', text: null })
    expect(items.find((r) => r.uri === 'crm:accounts/42')?.filter).toEqual({ state: 'ABSENT', text: null })
    expect(await reads()).toEqual([])
  })

  it('is shown to an investigator, and the read is audited once for the call', async () => {
    const { data } = await ofCall(investigator)
    const items = data?.provenanceOfCall as Array<{ uri: string; filter: unknown }>
    expect(items.find((r) => r.uri === 'crm:accounts/7')?.filter).toEqual({
      state: 'SHOWN',
      text: "owner = 'pat'",
    })
    const rows = await reads()
    expect(rows.map((r) => [r.actor, r.target])).toEqual([['ivy', `${TRACE}/${span(2)}`]])
    expect(JSON.parse(rows[0]?.details ?? '{}')).toMatchObject({
      via: 'provenance',
      sessionId: 's1',
      target: 'search',
    })
  })
})
