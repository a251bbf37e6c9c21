import 'reflect-metadata'
import { readFileSync } from 'node:fs'
import { GraphQLSchemaHost } from '@nestjs/graphql'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { insertRows, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSchemaText, schemaText } from '../src/graphql/print-schema'
import { graphqlApp, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'
import { migratedStorage, removeDir, tempDir } from './helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)

let dir: string
let storage: Storage
let app: NestFastifyApplication
let viewerToken: string
let outsiderToken: string

function call(minute: number, durationMs: number, outcome: string, extra: Record<string, unknown> = {}) {
  return {
    project_id: 'p1',
    timestamp: ns(T0 + minute * 60_000 + durationMs),
    duration_ns: String(durationMs * 1_000_000),
    span_kind: 'SERVER',
    method: 'tools/call',
    target: 'search',
    outcome,
    caller_fault: 0,
    ...extra,
  }
}

beforeAll(async () => {
  dir = tempDir('overview')
  storage = await migratedStorage(dir)
  viewerToken = await userWithToken(storage, 'vera', { p1: 'viewer' })
  outsiderToken = await userWithToken(storage, 'otto', { p2: 'admin' })
  await insertRows(storage, 'mcp_calls', [
    // Minute 0: six calls, 1–6 ms.
    call(0, 1, 'ok'),
    call(0, 2, 'ok'),
    call(0, 3, 'ok'),
    call(0, 4, 'ok'),
    call(0, 5, 'error'),
    call(0, 6, 'error', { caller_fault: 1 }),
    // Minute 5: four calls, 7–10 ms.
    call(5, 7, 'denied'),
    call(5, 8, 'denied'),
    call(5, 9, 'ok'),
    call(5, 10, 'ok'),
    // Not counted: the client's view of a call, another project, outside the range.
    call(1, 50, 'error', { span_kind: 'CLIENT' }),
    call(1, 50, 'error', { project_id: 'p2' }),
    call(90, 50, 'error'),
  ])
  app = await graphqlApp(storage, dir)
})

afterAll(async () => {
  await app?.close()
  await storage?.close()
  removeDir(dir)
})

const graphql = (query: string, variables: Record<string, unknown>, token?: string) =>
  graphqlRequest(app, query, variables, token)

const OVERVIEW = `query($projectId: ID!, $from: DateTime!, $to: DateTime!) {
  overview(projectId: $projectId, from: $from, to: $to) {
    calls errors denials errorRate denialRate p50Ms p95Ms bucketSeconds
    series { start calls errors denials p95Ms }
  }
}`
const HOUR = { projectId: 'p1', from: new Date(T0).toISOString(), to: new Date(T0 + 3_600_000).toISOString() }

describe('overview', () => {
  it('counts the project’s server-side calls in the range, exactly', async () => {
    const { data, errors } = await graphql(OVERVIEW, HOUR, viewerToken)
    expect(errors).toBeUndefined()
    expect(data?.overview).toEqual({
      calls: 10,
      errors: 1,
      denials: 2,
      errorRate: 0.1,
      denialRate: 0.2,
      p50Ms: 5.5,
      p95Ms: 9.55,
      bucketSeconds: 60,
      series: [
        { start: new Date(T0).toISOString(), calls: 6, errors: 1, denials: 0, p95Ms: 5.75 },
        { start: new Date(T0 + 5 * 60_000).toISOString(), calls: 4, errors: 0, denials: 2, p95Ms: 9.85 },
      ],
    })
  })

  it('widens the buckets with the range', async () => {
    const week = { ...HOUR, to: new Date(T0 + 7 * 86_400_000).toISOString() }
    const { data } = await graphql(OVERVIEW, week, viewerToken)
    expect(data?.overview).toMatchObject({ bucketSeconds: 3600 })
  })

  it('answers an empty range with zeros and no latency', async () => {
    const later = {
      ...HOUR,
      from: new Date(T0 + 86_400_000).toISOString(),
      to: new Date(T0 + 90_000_000).toISOString(),
    }
    const { data } = await graphql(OVERVIEW, later, viewerToken)
    expect(data?.overview).toMatchObject({ calls: 0, errorRate: 0, p50Ms: null, p95Ms: null, series: [] })
  })
})

describe('overview refusals', () => {
  const codeOf = async (variables: Record<string, unknown>, token?: string) =>
    (await graphql(OVERVIEW, variables, token)).errors?.map((e) => e.extensions?.code)

  it('refuses a request without a token', async () => {
    expect(await codeOf(HOUR)).toEqual(['UNAUTHENTICATED'])
  })

  it('refuses a revoked-looking or unknown token the same way', async () => {
    expect(await codeOf(HOUR, 'tg_api_not-a-real-token')).toEqual(['UNAUTHENTICATED'])
  })

  it('refuses a member of another project, saying nothing of the project', async () => {
    expect(await codeOf(HOUR, outsiderToken)).toEqual(['FORBIDDEN'])
  })

  it('treats an injection attempt as a project id like any other unknown project', async () => {
    expect(await codeOf({ ...HOUR, projectId: "p1' OR 1=1 --" }, viewerToken)).toEqual(['FORBIDDEN'])
  })

  it('refuses inverted and too wide ranges', async () => {
    expect(await codeOf({ ...HOUR, from: HOUR.to, to: HOUR.from }, viewerToken)).toEqual(['BAD_USER_INPUT'])
    const year = { ...HOUR, to: new Date(T0 + 400 * 86_400_000).toISOString() }
    expect(await codeOf(year, viewerToken)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('api/schema.graphql', () => {
  it('is the schema the app serves (run `pnpm schema` after changing a resolver or model)', async () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')
    expect(schemaText(app.get(GraphQLSchemaHost).schema)).toBe(committed)
    expect(await buildSchemaText()).toBe(committed)
  })
})
