import 'reflect-metadata'
import { IngestKeyStore, insertRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, ns, userWithToken } from './graphql-helpers'
import { type ArgValues, hasArg, request, rootFields } from './schema-walk'

/**
 * The role / tenant matrix (issue 4): a viewer gets zero payload bytes from every query; a
 * token of project A reads nothing of project B; an ingest key cannot read; admin-only
 * mutations refuse everyone else; each refusal is a clear GraphQL error. Built from the
 * served schema, so every query and mutation added later is in the matrix.
 */

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
const TRACE = 'a'.repeat(32)
const SPAN = '1'.repeat(16)
/** Planted in every payload-like column: must never reach a viewer. */
const CANARY = 'CANARY-7f3a'

const tokens: Record<'viewer' | 'investigator' | 'admin' | 'otherTenant', string> = {
  viewer: '',
  investigator: '',
  admin: '',
  otherTenant: '',
}
let ingestKey: string

const VALUES: ArgValues = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
  text: 'crm:accounts/42',
  int: 20,
}
/** Argument values that find the planted call. */
const FINDS: Record<string, unknown> = {
  traceId: TRACE,
  spanId: SPAN,
  sessionId: 's1',
  uri: 'crm:accounts/42',
  after: null,
  filter: null,
  action: null,
  actor: null,
}

const fx = graphqlFixture('matrix', async (storage) => {
  tokens.viewer = await userWithToken(storage, 'vera', { p1: 'viewer' })
  tokens.investigator = await userWithToken(storage, 'ivan', { p1: 'investigator' })
  tokens.admin = await userWithToken(storage, 'ada', { p1: 'admin' })
  tokens.otherTenant = await userWithToken(storage, 'otto', { p2: 'admin' })
  ingestKey = (await new IngestKeyStore(storage).create('p1', 'sdk')).key
  const call = {
    project_id: 'p1',
    timestamp: ns(T0 + 1000),
    duration_ns: '2000000',
    trace_id: TRACE,
    span_id: SPAN,
    span_kind: 'SERVER',
    session_id: 's1',
    step: 1,
    method: 'tools/call',
    target: 'search',
    server_name: 'crm',
    user_id: 'alice',
    outcome: 'ok',
    side_effect: 'read',
    input: `{"q":"${CANARY}"}`,
    output: `{"hits":["${CANARY}"]}`,
    input_bytes: 20,
    output_bytes: 30,
    provenance_count: 1,
    approval: 'approved',
  }
  await insertRows(storage, 'mcp_calls', [call])
  await insertRows(storage, 'mcp_events', [
    {
      project_id: 'p1',
      timestamp: ns(T0 + 1001),
      kind: 'provenance',
      lookup_key: 'crm:accounts/42',
      trace_id: TRACE,
      span_id: SPAN,
      session_id: 's1',
      source: 'crm',
      uri: 'crm:accounts/42',
      filter: `owner = '${CANARY}'`,
      shown_parameters: '',
    },
    {
      project_id: 'p1',
      timestamp: ns(T0 + 1002),
      kind: 'approval',
      lookup_key: 'ap-1',
      trace_id: TRACE,
      span_id: SPAN,
      session_id: 's1',
      source: '',
      uri: '',
      filter: '',
      shown_parameters: `{"q":"${CANARY}"}`,
    },
  ])
  await insertRows(storage, 'spans', [
    {
      project_id: 'p1',
      timestamp: ns(T0 + 1000),
      trace_id: TRACE,
      span_id: SPAN,
      name: 'tools/call search',
      kind: 'SERVER',
      attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.call.arguments': `{"q":"${CANARY}"}` },
    },
  ])
})

async function send(
  kind: 'query' | 'mutation',
  name: string,
  credential: string | undefined,
  overrides = {},
) {
  const field = rootFields(kind).find((f) => f.name === name)
  if (field === undefined) throw new Error(`no ${kind} ${name}`)
  const { query, variables } = request(kind, field, VALUES, {
    ...pick(
      field.args.map((a) => a.name),
      FINDS,
    ),
    ...overrides,
  })
  const response = await fx.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: {
      'content-type': 'application/json',
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    },
    payload: JSON.stringify({ query, variables }),
  })
  const json = response.json() as {
    data?: Record<string, unknown> | null
    errors?: Array<{ message: string; extensions?: { code?: string } }>
  }
  return { body: response.body, ...json }
}

function pick(names: string[], values: Record<string, unknown>) {
  return Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]))
}

const projectQueries = rootFields('query').filter((f) => hasArg(f, 'projectId'))

describe('a viewer', () => {
  it('gets every project query answered with zero payload bytes', async () => {
    expect(projectQueries.length).toBeGreaterThanOrEqual(11)
    for (const field of projectQueries) {
      if (
        field.name === 'auditLog' ||
        field.name.startsWith('members') ||
        field.name.startsWith('ingestKeys')
      )
        continue
      const { body, errors } = await send('query', field.name, tokens.viewer)
      expect(errors, field.name).toBeUndefined()
      expect(body, field.name).not.toContain(CANARY)
    }
  })

  it('while an investigator sees the planted payloads (the canary can be seen at all)', async () => {
    for (const name of ['session', 'call', 'provenanceOfCall', 'provenanceByUri']) {
      const { body, errors } = await send('query', name, tokens.investigator)
      expect(errors, name).toBeUndefined()
      expect(body, name).toContain(CANARY)
    }
  })
})

describe('tenancy', () => {
  it('refuses every project query of project A to an admin of project B, as FORBIDDEN', async () => {
    for (const field of projectQueries) {
      const { data, errors, body } = await send('query', field.name, tokens.otherTenant)
      expect(errors?.[0]?.extensions?.code, field.name).toBe('FORBIDDEN')
      expect(errors?.[0]?.message).toMatch(/^Your role does not allow this in project "p1"/)
      expect(data?.[field.name] ?? null, field.name).toBeNull()
      expect(body).not.toContain(CANARY)
    }
  })

  it('refuses every query without a credential, and with an ingest key, as UNAUTHENTICATED', async () => {
    for (const field of projectQueries) {
      for (const credential of [undefined, ingestKey]) {
        const { errors } = await send('query', field.name, credential)
        expect(errors?.[0]?.extensions?.code, field.name).toBe('UNAUTHENTICATED')
        expect(errors?.[0]?.message).toMatch(/Sign in or send an API token/)
      }
    }
  })
})

describe('admin-only operations', () => {
  const adminOnly = [
    ...rootFields('mutation')
      .filter((f) => hasArg(f, 'projectId'))
      .map((f) => ['mutation', f.name] as const),
    ['query', 'auditLog'] as const,
  ]

  it('refuse viewers and investigators of the project, as FORBIDDEN', async () => {
    for (const [kind, name] of adminOnly) {
      for (const who of ['viewer', 'investigator'] as const) {
        const { errors } = await send(kind, name, tokens[who])
        expect(errors?.[0]?.extensions?.code, `${name} as ${who}`).toBe('FORBIDDEN')
      }
    }
  })

  it('are open to the project admin', async () => {
    const { errors } = await send('query', 'auditLog', tokens.admin)
    expect(errors).toBeUndefined()
  })
})
