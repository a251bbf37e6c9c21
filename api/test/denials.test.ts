import 'reflect-metadata'
import { insertRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { DenialsRepository } from '../src/denials/denials.repository'
import { DenialDimension } from '../src/denials/models/denials.model'
import { spikeFlags } from '../src/denials/spikes'
import { usesRollup } from '../src/rollups/rollup-range'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'
import { callRow, inRange, LONG_RANGE, type LongRangeCall, longRangeCalls } from './long-range-calls'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const LONG_CALLS = longRangeCalls()
let token: string

function call(minute: number, extra: Record<string, unknown> = {}) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + minute * 60_000 + 1000),
    span_kind: 'SERVER',
    method: 'tools/call',
    target: 'search',
    user_id: 'u0',
    scopes: [],
    outcome: 'ok',
    denial_source: '',
    ...extra,
  }
}

const denied = (minute: number, extra: Record<string, unknown>) =>
  call(minute, { outcome: 'denied', target: 'delete', ...extra })

const fx = graphqlFixture('denials', async (storage) => {
  token = await userWithToken(storage, 'dora', {
    p1: 'viewer',
    plong: 'viewer',
    prollup: 'viewer',
    pprincipals: 'viewer',
  })
  const burst = [
    ...Array.from({ length: 5 }, () =>
      denied(40, { denial_source: 'inferred', user_id: 'u1', scopes: ['crm.read'] }),
    ),
    denied(40, { denial_source: 'explicit', user_id: 'u1', scopes: ['crm.read'] }),
    denied(40, { denial_source: 'explicit', user_id: 'u2' }),
    denied(40, { denial_source: 'explicit', user_id: 'u2' }),
  ]
  await insertRows(storage, 'mcp_calls', [
    ...Array.from({ length: 60 }, (_, minute) => call(minute)),
    denied(10, { denial_source: 'explicit', user_id: 'u3', target: 'search' }),
    denied(20, { denial_source: 'auth', user_id: '', target: '', method: '' }),
    ...burst,
    // Other project, client side, outside the range: not counted.
    denied(40, { project_id: 'p2' }),
    denied(40, { span_kind: 'CLIENT' }),
    denied(75, {}),
  ])
  const event = (minute: number, resource: string, reason: string) => ({
    project_id: 'p1',
    timestamp: ns(T0 + minute * 60_000 + 1000),
    kind: 'denial',
    lookup_key: resource,
    resource,
    reason,
  })
  await insertRows(storage, 'mcp_events', [
    event(40, 'crm:accounts/42', 'not the owner'),
    event(40, 'crm:accounts/42', 'not the owner'),
    event(40, 'crm:accounts/42', 'region policy'),
    event(10, 'crm:accounts/7', 'not the owner'),
    { ...event(40, 'crm:accounts/42', 'x'), kind: 'provenance' },
  ])
  await insertRows(
    storage,
    'mcp_calls',
    LONG_CALLS.map((c) => callRow('plong', c)),
  )
})

const DENIALS = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $by: DenialDimension, $top: Int) {
  denials(projectId: $projectId, from: $from, to: $to, by: $by, top: $top) {
    calls denials denialRate explicit inferred auth bucketSeconds by
    series { start calls denials spike }
    groups { key denials }
  }
}`
const RANGE = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
}
type Result = {
  calls: number
  denials: number
  series: Array<{ start: string; calls: number; denials: number; spike: boolean }>
  groups: Array<{ key: string; denials: number }>
} & Record<string, unknown>
const denials = async (variables: Record<string, unknown> = {}) => {
  const response = await graphqlRequest(fx.app, DENIALS, { ...RANGE, ...variables }, token)
  return { result: response.data?.denials as Result | undefined, errors: response.errors }
}

describe('denials', () => {
  it('counts denials by source over the project’s server-side calls', async () => {
    const { result, errors } = await denials()
    expect(errors).toBeUndefined()
    expect(result).toMatchObject({
      calls: 70,
      denials: 10,
      denialRate: 10 / 70,
      explicit: 4,
      inferred: 5,
      auth: 1,
      bucketSeconds: 60,
      by: 'TOOL',
    })
  })

  it('returns every bucket of the range and marks the burst as the only spike', async () => {
    const { result } = await denials()
    expect(result?.series).toHaveLength(60)
    expect(result?.series.filter((b) => b.spike).map((b) => b.start)).toEqual([
      new Date(T0 + 40 * 60_000).toISOString(),
    ])
    expect(result?.series[40]).toMatchObject({ calls: 9, denials: 8 })
    expect(result?.series[10]).toMatchObject({ calls: 2, denials: 1, spike: false })
    expect(result?.series[5]).toMatchObject({ calls: 1, denials: 0 })
  })

  it.each([
    [
      'TOOL',
      [
        { key: 'delete', denials: 8 },
        { key: '', denials: 1 },
        { key: 'search', denials: 1 },
      ],
    ],
    [
      'USER',
      [
        { key: 'u1', denials: 6 },
        { key: 'u2', denials: 2 },
        { key: '', denials: 1 },
        { key: 'u3', denials: 1 },
      ],
    ],
    [
      'SCOPE',
      [
        { key: 'crm.read', denials: 6 },
        { key: '', denials: 4 },
      ],
    ],
    [
      'SOURCE',
      [
        { key: 'inferred', denials: 5 },
        { key: 'explicit', denials: 4 },
        { key: 'auth', denials: 1 },
      ],
    ],
    [
      'RESOURCE',
      [
        { key: 'crm:accounts/42', denials: 3 },
        { key: 'crm:accounts/7', denials: 1 },
      ],
    ],
    [
      'REASON',
      [
        { key: 'not the owner', denials: 3 },
        { key: 'region policy', denials: 1 },
      ],
    ],
  ])('breaks denials down by %s', async (by, groups) => {
    const { result } = await denials({ by })
    expect(result?.groups).toEqual(groups)
  })

  it('returns the largest groups first, at most top', async () => {
    expect((await denials({ by: 'USER', top: 2 })).result?.groups.map((g) => g.key)).toEqual(['u1', 'u2'])
    expect((await denials({ top: 500 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('refuses a dimension outside the enum before anything runs', async () => {
    const { errors } = await denials({ by: 'user_id; DROP TABLE mcp_calls' })
    expect(errors?.[0]?.message).toMatch(/DenialDimension/)
  })
})

describe('denials over a long range (minute rollup + raw partial minutes)', () => {
  const long = (variables: Record<string, unknown> = {}) =>
    denials({
      projectId: 'plong',
      from: new Date(LONG_RANGE.fromMs).toISOString(),
      to: new Date(LONG_RANGE.toMs).toISOString(),
      ...variables,
    })
  // What the raw rows say, computed here: server side plus refused connections.
  const counted = LONG_CALLS.filter(
    (c) => inRange(c) && (c.spanKind === 'SERVER' || c.denialSource === 'auth'),
  )
  const denied = counted.filter((c) => c.outcome === 'denied')
  const groupsBy = (key: (c: LongRangeCall) => string, top = 10) => {
    const counts = new Map<string, number>()
    for (const c of denied) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1)
    return [...counts.entries()]
      .map(([k, n]) => ({ key: k, denials: n }))
      .sort((a, b) => b.denials - a.denials || (a.key < b.key ? -1 : 1))
      .slice(0, top)
  }

  it('takes the rollup path', () => {
    expect(usesRollup(LONG_RANGE)).toBe(true)
  })

  it('counts denials by source exactly, partial first and last minutes included', async () => {
    const { result, errors } = await long()
    expect(errors).toBeUndefined()
    const bySource = (source: string) => denied.filter((c) => c.denialSource === source).length
    expect(denied.length).toBeGreaterThan(200)
    expect(result).toMatchObject({
      calls: counted.length,
      denials: denied.length,
      denialRate: denied.length / counted.length,
      explicit: bySource('explicit'),
      inferred: bySource('inferred'),
      auth: 3,
      bucketSeconds: 3600,
    })
    expect(bySource('auth')).toBe(3)
  })

  it('gives every bucket’s calls and denials, and the spikes they imply', async () => {
    const { result } = await long()
    const width = 3_600_000
    const expected: Array<{ start: string; calls: number; denials: number }> = []
    for (let start = Math.floor(LONG_RANGE.fromMs / width) * width; start < LONG_RANGE.toMs; start += width) {
      const inBucket = counted.filter((c) => c.ms >= start && c.ms < start + width)
      expected.push({
        start: new Date(start).toISOString(),
        calls: inBucket.length,
        denials: inBucket.filter((c) => c.outcome === 'denied').length,
      })
    }
    const spikes = spikeFlags(expected.map((b) => b.denials))
    expect(result?.series).toEqual(expected.map((b, i) => ({ ...b, spike: spikes[i] })))
    expect(result?.series).toHaveLength(193)
  })

  it.each([
    ['TOOL', (c: LongRangeCall) => c.target],
    ['SOURCE', (c: LongRangeCall) => c.denialSource],
    ['USER', (c: LongRangeCall) => c.userId],
  ] as const)('breaks denials down by %s exactly', async (by, key) => {
    const { result } = await long({ by })
    expect(result?.groups).toEqual(groupsBy(key))
    expect((await long({ by, top: 2 })).result?.groups).toEqual(groupsBy(key, 2))
  })

  it('agrees with the raw path', async () => {
    const repository = fx.app.get(DenialsRepository)
    for (const by of [DenialDimension.TOOL, DenialDimension.SOURCE, DenialDimension.USER]) {
      const query = { projectId: 'plong', range: LONG_RANGE, bucketSeconds: 3600, by, top: 10 }
      const [raw, rollup] = await Promise.all([repository.fromCalls(query), repository.fromRollup(query)])
      const sorted = (rows: Array<{ start_ms: string }>) =>
        [...rows].sort((a, b) => Number(a.start_ms) - Number(b.start_ms))
      expect({ ...rollup, buckets: sorted(rollup.buckets) }).toEqual({ ...raw, buckets: sorted(raw.buckets) })
    }
  })

  it('reads the principals’ whole minutes from mcp_denials_1m and only those', async () => {
    const minute = (ms: number) =>
      new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 19).replace('T', ' ')
    const row = (ms: number, denials: number, userId: string) => ({
      project_id: 'pprincipals',
      minute: minute(ms),
      user_id: userId,
      agent_id: 'agent-1',
      oauth_client_id: 'client-1',
      denials,
    })
    // An interior minute counts; the partial first minute is read from the raw rows (none here).
    await insertRows(fx.storage, 'mcp_denials_1m', [
      row(LONG_RANGE.fromMs + 86_400_000, 4, 'mallory'),
      row(LONG_RANGE.fromMs + 2 * 86_400_000, 3, 'mallory'),
      row(LONG_RANGE.fromMs + 86_400_000, 2, 'eve'),
      row(LONG_RANGE.fromMs, 90, 'outside'),
    ])
    const user = await long({ projectId: 'pprincipals', by: 'USER' })
    expect(user.errors).toBeUndefined()
    expect(user.result?.groups).toEqual([
      { key: 'mallory', denials: 7 },
      { key: 'eve', denials: 2 },
    ])
    expect((await long({ projectId: 'pprincipals', by: 'AGENT' })).result?.groups).toEqual([
      { key: 'agent-1', denials: 9 },
    ])
    expect((await long({ projectId: 'pprincipals', by: 'CLIENT' })).result?.groups).toEqual([
      { key: 'client-1', denials: 9 },
    ])
  })

  it('reads the whole minutes from mcp_calls_1m and only those', async () => {
    // Rows only in the rollup: an interior minute counts; the partial first minute (read
    // from raw rows) and client-side rows do not.
    const minute = (ms: number) =>
      new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 19).replace('T', ' ')
    const rollupRow = (ms: number, calls: number, extra: Record<string, unknown> = {}) => ({
      project_id: 'prollup',
      minute: minute(ms),
      target: 'wipe',
      outcome: 'denied',
      denial_source: 'inferred',
      span_kind: 'SERVER',
      calls,
      ...extra,
    })
    await insertRows(fx.storage, 'mcp_calls_1m', [
      rollupRow(LONG_RANGE.fromMs + 86_400_000, 6),
      rollupRow(LONG_RANGE.fromMs + 86_400_000, 1, {
        denial_source: 'auth',
        span_kind: 'UNSPECIFIED',
        target: '',
      }),
      rollupRow(LONG_RANGE.fromMs, 50),
      rollupRow(LONG_RANGE.fromMs + 86_400_000, 50, { span_kind: 'CLIENT' }),
    ])
    const { result } = await long({ projectId: 'prollup', by: 'TOOL' })
    expect(result).toMatchObject({ calls: 7, denials: 7, inferred: 6, auth: 1 })
    expect(result?.groups).toEqual([
      { key: 'wipe', denials: 6 },
      { key: '', denials: 1 },
    ])
  })
})
