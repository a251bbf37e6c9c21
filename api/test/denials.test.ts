import 'reflect-metadata'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { insertRows, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphqlApp, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'
import { migratedStorage, removeDir, tempDir } from './helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
let dir: string
let storage: Storage
let app: NestFastifyApplication
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

beforeAll(async () => {
  dir = tempDir('denials')
  storage = await migratedStorage(dir)
  token = await userWithToken(storage, 'dora', { p1: 'viewer' })
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
  app = await graphqlApp(storage, dir)
})

afterAll(async () => {
  await app?.close()
  await storage?.close()
  removeDir(dir)
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
  const response = await graphqlRequest(app, DENIALS, { ...RANGE, ...variables }, token)
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
