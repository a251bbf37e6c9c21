import 'reflect-metadata'
import { insertRows, queryRows } from '@tollgate/collector'
import type { GraphQLField } from 'graphql'
import { getNamedType, isInputObjectType, isNonNullType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { API_BODY_LIMIT } from '../src/create-app'
import { MAX_QUERY_COST, ROOT_FIELD_COST } from '../src/graphql/query-cost'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'
import { type ArgValues, hasArg, request, rootFields } from './schema-walk'

/**
 * The abuse acceptance test (issue 4): SQL-injection strings in every string argument, huge
 * page sizes, wide time ranges, deep and costly queries: all refused or bounded, none run as
 * SQL. Built from the served schema, so a new query is covered without editing this file.
 */

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE mcp_calls; --",
  "x') UNION ALL SELECT name, name FROM system.tables --",
  '{projectId:String}',
  '\\',
  "crm' AND sleep(3) = 0 --",
]
/** Answers that refuse: anything else (above all INTERNAL, a failed SQL) means the input reached the engine as code. */
const REFUSALS = ['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED']

let admin: string

/** Valid values per argument name, so that each test varies one argument at a time. */
const VALID: Record<string, unknown> = {
  traceId: 'a'.repeat(32),
  spanId: '1'.repeat(16),
  sessionId: 's1',
  uri: 'crm:accounts/1',
  after: null,
  action: null,
  actor: null,
  serverName: null,
  tool: null,
  filter: null,
}
const BASE: ArgValues = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
  text: 'search',
  int: 10,
}

/** Every table of the database with the rows of the data tables (mutations may add users and tokens). */
async function counts() {
  return queryRows<{ name: string; total_rows: string }>(
    fx.storage,
    `SELECT name, if(name IN ('mcp_calls', 'spans', 'mcp_events'), toString(total_rows), '') AS total_rows
     FROM system.tables WHERE database = {db:String} ORDER BY name`,
    { db: fx.storage.database },
  )
}

const fx = graphqlFixture('abuse', async (storage) => {
  admin = await userWithToken(storage, 'ada', { p1: 'admin' })
  await insertRows(storage, 'mcp_calls', [
    {
      project_id: 'p1',
      timestamp: ns(T0 + 1000),
      trace_id: 'a'.repeat(32),
      span_id: '1'.repeat(16),
      session_id: 's1',
    },
  ])
})

type Field = GraphQLField<unknown, unknown>
const fields = (['query', 'mutation'] as const).flatMap((kind) =>
  rootFields(kind).map((field) => ({ kind, field })),
)

/** Every string-typed argument path of a field: `name`, or `filter.tool` inside an input object. */
function stringArgs(field: Field): string[][] {
  const paths: string[][] = []
  for (const arg of field.args) {
    const named = getNamedType(arg.type)
    if (isInputObjectType(named)) {
      for (const inner of Object.values(named.getFields())) {
        if (['String', 'ID'].includes(getNamedType(inner.type).name)) paths.push([arg.name, inner.name])
      }
    } else if (['String', 'ID'].includes(named.name)) {
      paths.push([arg.name])
    }
  }
  return paths
}

function validOverrides(field: Field): Record<string, unknown> {
  return Object.fromEntries(
    field.args
      .filter((a) => a.name in VALID && !(isNonNullType(a.type) && VALID[a.name] === null))
      .map((a) => [a.name, VALID[a.name]]),
  )
}

describe('SQL injection in every string argument', () => {
  it('is refused or answered as data, never run', async () => {
    const before = await counts()
    let answered = 0
    let tried = 0
    for (const { kind, field } of fields) {
      for (const path of stringArgs(field)) {
        for (const injection of INJECTIONS) {
          const [arg, inner] = path as [string, string | undefined]
          const overrides = validOverrides(field)
          if (inner === undefined) overrides[arg] = injection
          else delete overrides[arg]
          const { query, variables } = request(kind, field, BASE, overrides)
          // Inside an input object: a complete valid object with one field poisoned.
          if (inner !== undefined) variables[arg] = { ...(variables[arg] as object), [inner]: injection }
          const { errors } = await graphqlRequest(fx.app, query, variables, admin)
          tried++
          const codes = (errors ?? []).map((e) => e.extensions?.code)
          expect(
            codes.every((code) => REFUSALS.includes(code as string)),
            `${field.name}(${path.join('.')}) = ${injection}: ${JSON.stringify(errors)}`,
          ).toBe(true)
          if (errors === undefined) answered++
        }
      }
    }
    // Most injections reached a query as a bound value and were answered, not just refused up front.
    expect(tried).toBeGreaterThan(100)
    expect(answered).toBeGreaterThan(tried / 5)
    expect(await counts()).toEqual(before)
  })
})

describe('bounds', () => {
  const queries = rootFields('query')

  it('refuses page sizes and tops out of range in every query that pages', async () => {
    const paged = queries.filter((f) => f.args.some((a) => getNamedType(a.type).name === 'Int'))
    expect(paged.map((f) => f.name)).toEqual(
      expect.arrayContaining(['sessions', 'tools', 'provenanceByUri', 'auditLog', 'denials']),
    )
    for (const field of paged) {
      for (const huge of [1_000_000, 0, -1]) {
        const overrides = validOverrides(field)
        for (const arg of field.args) if (getNamedType(arg.type).name === 'Int') overrides[arg.name] = huge
        const { query, variables } = request('query', field, BASE, overrides)
        const { errors } = await graphqlRequest(fx.app, query, variables, admin)
        expect(errors?.[0]?.extensions?.code, `${field.name} with ${huge}`).toBe('BAD_USER_INPUT')
      }
    }
  })

  it('refuses inverted and too-wide time ranges in every query that takes one', async () => {
    const ranged = queries.filter((f) => hasArg(f, 'from') && hasArg(f, 'to'))
    expect(ranged.length).toBeGreaterThanOrEqual(7)
    for (const field of ranged) {
      for (const range of [
        { from: new Date(T0).toISOString(), to: new Date(T0 + 10 * 365 * 86_400_000).toISOString() },
        { from: BASE.to, to: BASE.from },
      ]) {
        const { query, variables } = request('query', field, BASE, { ...validOverrides(field), ...range })
        const { errors } = await graphqlRequest(fx.app, query, variables, admin)
        expect(errors?.[0]?.extensions?.code, field.name).toBe('BAD_USER_INPUT')
        expect(errors?.[0]?.message).toMatch(/at most 92 days|must be after/)
      }
    }
  })

  it('refuses queries deeper than 10 levels', async () => {
    const deep = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }`
    const { errors } = await graphqlRequest(fx.app, deep, {}, admin)
    expect(errors?.[0]?.message).toMatch(/depth/i)
  })

  it('refuses a request that fans out through aliases, and allows a dashboard page of queries', async () => {
    const overview = (alias: string) =>
      `${alias}: overview(projectId: "p1", from: "${BASE.from}", to: "${BASE.to}") { calls }`
    const tooMany = Math.floor(MAX_QUERY_COST / (ROOT_FIELD_COST + 1)) + 1
    const fanOut = `{ ${Array.from({ length: tooMany }, (_, i) => overview(`o${i}`)).join(' ')} }`
    const refused = await graphqlRequest(fx.app, fanOut, {}, admin)
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COSTLY' } })
    expect(refused.data ?? null).toBeNull()
    const page = `{ ${Array.from({ length: 8 }, (_, i) => overview(`o${i}`)).join(' ')} }`
    const allowed = await graphqlRequest(fx.app, page, {}, admin)
    expect(allowed.errors).toBeUndefined()
  })

  it('counts fragments where they are spread, and survives a fragment cycle', async () => {
    const spread = Array.from(
      { length: 60 },
      (_, i) => `a${i}: overview(projectId: "p1", from: "${BASE.from}", to: "${BASE.to}") { ...F }`,
    )
    const viaFragments = await graphqlRequest(
      fx.app,
      `{ ${spread.join(' ')} } fragment F on Overview { calls }`,
      {},
      admin,
    )
    expect(viaFragments.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY')
    const cycle = await graphqlRequest(
      fx.app,
      '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
      {},
      admin,
    )
    expect(cycle.errors?.[0]?.message).toMatch(/cannot spread fragment/i)
  })

  it('refuses an oversized body and batched operations', async () => {
    const big = await fx.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      payload: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(API_BODY_LIMIT) } }),
    })
    expect(big.statusCode).toBe(413)
    expect(big.json().errors[0]).toMatchObject({
      message: 'Request body is too large',
      extensions: { code: 'BAD_REQUEST' },
    })
    const batch = await fx.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      payload: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    })
    expect(batch.statusCode).toBeGreaterThanOrEqual(400)
  })
})
