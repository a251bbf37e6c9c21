import 'reflect-metadata'
import { insertRows, queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { EXPORT_CHUNK } from '../src/audit/audit.repository'
import { csvField } from '../src/audit/audit-export-format'
import { graphqlFixture, graphql as graphqlRequest, userWithToken } from './graphql-helpers'

// A year before the tests were written: records the app writes "now" (the export audits itself) stay out of every range.
const T0 = Date.UTC(2025, 10, 20, 12, 0, 0)
/** More than two export chunks, with two records per millisecond so keyset ties are exercised. */
const BULK = EXPORT_CHUNK * 2 + 123

let admin: string
let investigator: string

const record = (atMs: number, actor: string, action: string, target: string, projectId = 'p1') => ({
  time: String(atMs),
  actor,
  action,
  project_id: projectId,
  target,
  details: JSON.stringify({ userId: `u_${actor}` }),
})

const fx = graphqlFixture('audit', async (storage) => {
  admin = await userWithToken(storage, 'ada', { p1: 'admin', p2: 'viewer' })
  investigator = await userWithToken(storage, 'ivan', { p1: 'investigator' })
  await insertRows(storage, 'audit_log', [
    record(T0 + 1000, 'ivan', 'payload.read', `${'a'.repeat(32)}/${'1'.repeat(16)}`),
    record(T0 + 2000, 'ada', 'member.set', 'ivan'),
    record(T0 + 3000, 'ivan', 'payload.search', 'sessions'),
    record(T0 + 4000, '=HYPERLINK("x")', 'payload.read', 'a,"b"\nc'),
    record(T0 + 5000, 'ada', 'member.set', 'other project', 'p2'),
  ])
  // The bulk lies a day later, out of the first tests' range.
  await insertRows(
    storage,
    'audit_log',
    Array.from({ length: BULK }, (_, i) =>
      record(T0 + 86_400_000 + Math.floor(i / 2), 'bot', 'payload.read', `call-${i}`),
    ),
  )
})

const QUERY = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $action: String, $actor: String, $first: Int, $after: String) {
  auditLog(projectId: $projectId, from: $from, to: $to, action: $action, actor: $actor, first: $first, after: $after) {
    items { at actor action target details } nextCursor
  }
}`
const HOUR = { projectId: 'p1', from: new Date(T0).toISOString(), to: new Date(T0 + 3_600_000).toISOString() }

describe('auditLog', () => {
  it('gives an admin the project trail, newest first', async () => {
    const { data, errors } = await graphqlRequest(fx.app, QUERY, HOUR, admin)
    expect(errors).toBeUndefined()
    const page = data?.auditLog as { items: Array<Record<string, string>>; nextCursor: null }
    expect(page.items.map((r) => [r.at, r.actor, r.action])).toEqual([
      [new Date(T0 + 4000).toISOString(), '=HYPERLINK("x")', 'payload.read'],
      [new Date(T0 + 3000).toISOString(), 'ivan', 'payload.search'],
      [new Date(T0 + 2000).toISOString(), 'ada', 'member.set'],
      [new Date(T0 + 1000).toISOString(), 'ivan', 'payload.read'],
    ])
    expect(JSON.parse(page.items[1]?.details ?? '')).toEqual({ userId: 'u_ivan' })
    expect(page.nextCursor).toBeNull()
  })

  it('filters by action and actor, and pages', async () => {
    const byAction = await graphqlRequest(fx.app, QUERY, { ...HOUR, action: 'payload.read' }, admin)
    expect((byAction.data?.auditLog as { items: unknown[] } | undefined)?.items).toHaveLength(2)
    const byActor = await graphqlRequest(fx.app, QUERY, { ...HOUR, actor: 'ivan', first: 1 }, admin)
    const page1 = byActor.data?.auditLog as { items: Array<{ action: string }>; nextCursor: string }
    expect(page1.items.map((r) => r.action)).toEqual(['payload.search'])
    const page2 = await graphqlRequest(
      fx.app,
      QUERY,
      { ...HOUR, actor: 'ivan', first: 1, after: page1.nextCursor },
      admin,
    )
    expect(page2.data?.auditLog).toMatchObject({ items: [{ action: 'payload.read' }], nextCursor: null })
  })

  it('refuses non-admins, unknown actions and other projects', async () => {
    const notAdmin = await graphqlRequest(fx.app, QUERY, HOUR, investigator)
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const viewerElsewhere = await graphqlRequest(fx.app, QUERY, { ...HOUR, projectId: 'p2' }, admin)
    expect(viewerElsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const badAction = await graphqlRequest(fx.app, QUERY, { ...HOUR, action: "x' OR 1=1" }, admin)
    expect(badAction.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } })
    expect(badAction.errors?.[0]?.message).toMatch(/^action must be one of payload\.read,/)
  })
})

async function exportFile(query: Record<string, string>, token?: string) {
  return fx.app.inject({
    method: 'GET',
    url: `/audit/export?${new URLSearchParams(query)}`,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  })
}

describe('GET /audit/export', () => {
  const DAY2 = {
    projectId: 'p1',
    from: new Date(T0 + 86_400_000).toISOString(),
    to: new Date(T0 + 2 * 86_400_000).toISOString(),
  }

  it('streams every record of the range as JSON lines, newest first, across chunks, none twice', async () => {
    const response = await exportFile({ ...DAY2, format: 'jsonl' }, admin)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="tollgate-audit-p1-2025-11-21.jsonl"',
    )
    const lines = response.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toHaveLength(BULK)
    expect(new Set(lines.map((l) => l.target)).size).toBe(BULK)
    expect(lines[0]).toMatchObject({ actor: 'bot', action: 'payload.read', details: { userId: 'u_bot' } })
    const times = lines.map((l) => Date.parse(l.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(times[0]).toBe(T0 + 86_400_000 + Math.floor((BULK - 1) / 2))
  })

  it('writes CSV that a spreadsheet cannot mistake for formulas, and audits the export', async () => {
    const response = await exportFile({ ...HOUR, format: 'csv', action: 'payload.read' }, admin)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    // Records end in CRLF; the LF inside the quoted target is data.
    const [header, first, last] = response.body.split('\r\n')
    expect(header).toBe('id,at,actor,action,target,details')
    expect(first?.replace(/^[0-9a-f-]{36},/, '')).toBe(
      `2025-11-20T12:00:04.000Z,"'=HYPERLINK(""x"")",payload.read,"a,""b""\nc","{""userId"":""u_=HYPERLINK(\\""x\\"")""}"`,
    )
    expect(last).toMatch(/,ivan,payload\.read,a{32}\/1{16},/)
    const exported = await queryRows<{ actor: string; details: string }>(
      fx.storage,
      `SELECT actor, details FROM ${fx.storage.database}.audit_log WHERE action = 'audit.exported' ORDER BY time`,
    )
    expect(exported.at(-1)?.actor).toBe('ada')
    expect(JSON.parse(exported.at(-1)?.details ?? '')).toMatchObject({
      format: 'csv',
      action: 'payload.read',
    })
  })

  it('refuses without a credential, for a non-admin, and with bad parameters', async () => {
    expect((await exportFile(HOUR)).statusCode).toBe(401)
    const notAdmin = await exportFile(HOUR, investigator)
    expect(notAdmin.statusCode).toBe(403)
    for (const bad of [
      { ...HOUR, format: 'xml' },
      { ...HOUR, from: 'yesterday' },
      { ...HOUR, to: new Date(T0 + 200 * 86_400_000).toISOString() },
      { ...HOUR, action: 'drop table' },
    ]) {
      const response = await exportFile(bad, admin)
      expect(response.statusCode).toBe(400)
      expect(response.json().message).toMatch(/format|time|range|action/)
    }
  })
})

describe('csvField', () => {
  it('quotes separators and neutralises formula starts', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('@cmd')).toBe("'@cmd")
    expect(csvField('-2,3')).toBe(`"'-2,3"`)
  })
})
