import 'reflect-metadata'
import { insertRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
let token: string

/** A server-side call of project p1 at `T0 + seconds`. */
function call(seconds: number, server: string, tool: string, extra: Record<string, unknown> = {}) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + seconds * 1000),
    duration_ns: '5000000',
    span_kind: 'SERVER',
    method: 'tools/call',
    server_name: server,
    target: tool,
    session_id: 's1',
    outcome: 'ok',
    caller_fault: 0,
    error_code: 0,
    side_effect: 'read',
    approval: '',
    injection_suspected: 0,
    input: '{}',
    ...extra,
  }
}

const fx = graphqlFixture('busiest-tools', async (storage) => {
  token = await userWithToken(storage, 'ivy', { p1: 'viewer' })
  await insertRows(storage, 'mcp_calls', [
    // Minute 0: crm/search ×3 (one denied), web/fetch ×1 (a server error).
    call(10, 'crm', 'search'),
    call(20, 'crm', 'search', { outcome: 'denied' }),
    call(30, 'crm', 'search'),
    call(40, 'web', 'fetch', { outcome: 'error' }),
    // Minute 2: web/fetch ×3, one a caller fault (not a server error); crm/search ×1.
    call(130, 'web', 'fetch'),
    call(140, 'web', 'fetch', { outcome: 'error', caller_fault: 1, error_code: -32602 }),
    call(150, 'web', 'fetch'),
    call(160, 'crm', 'search'),
    // Not counted: a client-side copy, another method, another project.
    call(170, 'crm', 'search', { span_kind: 'CLIENT' }),
    call(175, 'crm', '', { method: 'tools/list' }),
    call(180, 'crm', 'search', { project_id: 'p2' }),
  ])
})

const BUSIEST = `query($p: ID!, $from: DateTime!, $to: DateTime!, $first: Int) {
  busiestTools(projectId: $p, from: $from, to: $to, first: $first) { serverName tool calls errors denials }
}`
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()
const busiest = (from: number, to: number, first?: number) =>
  graphqlRequest(fx.app, BUSIEST, { p: 'p1', from: at(from), to: at(to), first }, token)

describe('busiestTools', () => {
  it('lists tools by calls with their server errors and denials, counting whole minutes from the rollup', async () => {
    // Whole minutes 0–2 come from mcp_calls_1m; the range starts on a minute boundary.
    const { data, errors } = await busiest(0, 3600)
    expect(errors).toBeUndefined()
    expect(data?.busiestTools).toEqual([
      { serverName: 'crm', tool: 'search', calls: 4, errors: 0, denials: 1 },
      { serverName: 'web', tool: 'fetch', calls: 4, errors: 1, denials: 0 },
    ])
  })

  it('counts the partial minutes at both ends from the raw rows, exactly', async () => {
    // [0:25, 2:35): head 0:25–1:00 raw (crm ok at 0:30, web error at 0:40), minute 1 rollup
    // (empty), tail 2:00–2:35 raw (web ok ×2, a web caller fault; crm at 2:40 is out).
    const { data } = await busiest(25, 155)
    expect(data?.busiestTools).toEqual([
      { serverName: 'web', tool: 'fetch', calls: 4, errors: 1, denials: 0 },
      { serverName: 'crm', tool: 'search', calls: 1, errors: 0, denials: 0 },
    ])
  })

  it('returns at most `first` tools and refuses a size out of bounds', async () => {
    const { data } = await busiest(0, 3600, 1)
    expect(data?.busiestTools).toEqual([
      { serverName: 'crm', tool: 'search', calls: 4, errors: 0, denials: 1 },
    ])
    const { errors } = await busiest(0, 3600, 21)
    expect(errors?.[0]?.message).toBe('first must be between 1 and 20')
  })
})
