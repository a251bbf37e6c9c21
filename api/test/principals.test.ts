import 'reflect-metadata'
import { insertRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
let token: string

function call(second: number, extra: Record<string, unknown>) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + second * 1000),
    span_kind: 'SERVER',
    method: 'tools/call',
    target: 'search',
    outcome: 'ok',
    audience_match: 'match',
    scopes: [],
    // Every column any row sets: insertRows takes the columns from the first row.
    denial_source: '',
    ...extra,
  }
}

const fx = graphqlFixture('principals', async (storage) => {
  token = await userWithToken(storage, 'pia', { p1: 'viewer' })
  const alice = { user_id: 'alice', agent_id: 'claude', oauth_client_id: 'desktop', scopes: ['crm.read'] }
  const bob = {
    user_id: 'bob',
    agent_id: 'claude',
    oauth_client_id: 'cursor',
    scopes: ['crm.read', 'crm.write'],
  }
  await insertRows(storage, 'mcp_calls', [
    call(1, alice),
    call(2, { ...alice, target: 'read_doc' }),
    call(3, { ...alice, target: 'delete', outcome: 'denied' }),
    call(4, bob),
    call(5, { ...bob, audience_match: 'mismatch' }),
    call(6, { ...bob, target: 'delete', outcome: 'denied' }),
    call(7, { ...bob, target: 'delete', outcome: 'denied' }),
    // A refused connection: no span kind to speak of, but it is bob knocking.
    call(8, { ...bob, span_kind: '', method: '', target: '', outcome: 'denied', denial_source: 'auth' }),
    // Anonymous, client side, other project: not listed.
    call(9, { user_id: '' }),
    call(10, { ...alice, span_kind: 'CLIENT' }),
    call(11, { ...alice, project_id: 'p2' }),
  ])
})

const PRINCIPALS = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $kind: PrincipalKind, $first: Int) {
  principals(projectId: $projectId, from: $from, to: $to, kind: $kind, first: $first) {
    items { id calls denials denialRate scopes audienceMismatches targets lastSeen }
    nextCursor
  }
}`
const RANGE = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
}
const principals = async (variables: Record<string, unknown> = {}) => {
  const response = await graphqlRequest(fx.app, PRINCIPALS, { ...RANGE, ...variables }, token)
  return {
    page: response.data?.principals as
      | { items: Array<Record<string, unknown>>; nextCursor: string | null }
      | undefined,
    errors: response.errors,
  }
}

describe('principals', () => {
  it('lists users, most denied first, with scopes, mismatches and reach', async () => {
    const { page, errors } = await principals()
    expect(errors).toBeUndefined()
    expect(page?.items).toEqual([
      {
        id: 'bob',
        calls: 5,
        denials: 3,
        denialRate: 0.6,
        scopes: ['crm.read', 'crm.write'],
        audienceMismatches: 1,
        targets: 3,
        lastSeen: new Date(T0 + 8000).toISOString(),
      },
      {
        id: 'alice',
        calls: 3,
        denials: 1,
        denialRate: 1 / 3,
        scopes: ['crm.read'],
        audienceMismatches: 0,
        targets: 3,
        lastSeen: new Date(T0 + 3000).toISOString(),
      },
    ])
    expect(page?.nextCursor).toBeNull()
  })

  it('lists agents and OAuth clients the same way', async () => {
    expect((await principals({ kind: 'AGENT' })).page?.items.map((p) => [p.id, p.calls, p.denials])).toEqual([
      ['claude', 8, 4],
    ])
    expect((await principals({ kind: 'CLIENT' })).page?.items.map((p) => [p.id, p.calls])).toEqual([
      ['cursor', 5],
      ['desktop', 3],
    ])
  })

  it('pages', async () => {
    const { page } = await principals({ first: 1 })
    expect(page?.items.map((p) => p.id)).toEqual(['bob'])
    expect(page?.nextCursor).toEqual(expect.any(String))
  })
})
