import { queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphql, graphqlFixture, userWithToken } from './graphql-helpers'

/** A GraphQL answer: its shape is what the exact `toEqual` checks below assert. */
// biome-ignore lint/suspicious/noExplicitAny: loosely typed on purpose, every value read is compared exactly
type Answer = Record<string, any>

/** Tokens: ada admin of p1, vic viewer of p1, ivy investigator of p1, oz admin of p2, bo admin of p1 later. */
const t: Record<string, string> = {}

const fx = graphqlFixture('admin', async (storage) => {
  t.ada = await userWithToken(storage, 'ada', { p1: 'admin' })
  t.vic = await userWithToken(storage, 'vic', { p1: 'viewer' })
  t.ivy = await userWithToken(storage, 'ivy', { p1: 'investigator' })
  t.oz = await userWithToken(storage, 'oz', { p2: 'admin' })
  t.cy = await userWithToken(storage, 'cy', {})
})

interface AuditRow {
  actor: string
  action: string
  project_id: string
  target: string
  details: string
}

async function auditRows(action: string): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    fx.storage,
    `SELECT actor, action, project_id, target, details FROM ${fx.storage.database}.audit_log
     WHERE action = {action:String} ORDER BY time, target`,
    { action },
  )
}

async function auditCount(): Promise<number> {
  const rows = await queryRows<{ n: string }>(
    fx.storage,
    `SELECT count() AS n FROM ${fx.storage.database}.audit_log`,
    {},
  )
  return Number(rows[0]?.n)
}

async function ok(query: string, variables: Record<string, unknown>, token: string): Promise<Answer> {
  const response = await graphql(fx.app, query, variables, token)
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
  return response.data as Answer
}

async function refused(query: string, variables: Record<string, unknown>, token: string | undefined) {
  const response = await graphql(fx.app, query, variables, token)
  expect(response.data ?? null, query).toBeNull()
  return response.errors?.[0]
}

const RULE = {
  name: 'denial spike',
  kind: 'DENIAL_SPIKE',
  destinations: [{ kind: 'SLACK', url: 'https://hooks.slack.com/services/T000/B000/secretpart' }],
}

describe('admin mutations refuse non-admins', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['members', 'query($p: ID!) { members(projectId: $p) { username } }', { p: 'p1' }],
    [
      'setMember',
      'mutation($p: ID!) { setMember(projectId: $p, username: "vic", role: ADMIN) { role } }',
      { p: 'p1' },
    ],
    ['removeMember', 'mutation($p: ID!) { removeMember(projectId: $p, username: "vic") }', { p: 'p1' }],
    [
      'inviteMember',
      'mutation($p: ID!) { inviteMember(projectId: $p, username: "mal", password: "long enough pw", role: ADMIN) { role } }',
      { p: 'p1' },
    ],
    ['ingestKeys', 'query($p: ID!) { ingestKeys(projectId: $p) { id } }', { p: 'p1' }],
    [
      'createIngestKey',
      'mutation($p: ID!) { createIngestKey(projectId: $p, name: "k") { key } }',
      { p: 'p1' },
    ],
    ['revokeIngestKey', 'mutation($p: ID!) { revokeIngestKey(projectId: $p, id: "x") { id } }', { p: 'p1' }],
    [
      'createAlertRule',
      'mutation($p: ID!, $i: AlertRuleInput!) { createAlertRule(projectId: $p, input: $i) { id } }',
      { p: 'p1', i: RULE },
    ],
    [
      'updateAlertRule',
      'mutation($p: ID!, $i: AlertRuleInput!) { updateAlertRule(projectId: $p, id: "rule_x", input: $i) { id } }',
      { p: 'p1', i: RULE },
    ],
    ['deleteAlertRule', 'mutation($p: ID!) { deleteAlertRule(projectId: $p, id: "rule_x") }', { p: 'p1' }],
  ]

  it.each(cases)(
    '%s: FORBIDDEN for a viewer, an investigator and an admin of another project; nothing audited',
    async (_name, query, variables) => {
      const before = await auditCount()
      for (const who of ['vic', 'ivy', 'oz', 'cy']) {
        const error = await refused(query, variables, t[who])
        expect(error?.extensions?.code, who).toBe('FORBIDDEN')
        expect(error?.message).toBe('Your role does not allow this in project "p1"')
      }
      expect((await refused(query, variables, undefined))?.extensions?.code).toBe('UNAUTHENTICATED')
      expect(await auditCount()).toBe(before)
    },
  )
})

describe('members', () => {
  it('an admin sets a role, lists members and removes one; each change audited once', async () => {
    const set = await ok(
      'mutation { setMember(projectId: "p1", username: "cy", role: INVESTIGATOR) { userId username role } }',
      {},
      t.ada!,
    )
    expect(set.setMember).toEqual({ userId: 'u_cy', username: 'cy', role: 'INVESTIGATOR' })
    const listed = await ok('{ members(projectId: "p1") { username role } }', {}, t.ada!)
    expect(listed.members).toEqual([
      { username: 'ada', role: 'ADMIN' },
      { username: 'cy', role: 'INVESTIGATOR' },
      { username: 'ivy', role: 'INVESTIGATOR' },
      { username: 'vic', role: 'VIEWER' },
    ])
    // The role works at once for the member (the viewer caches were cleared).
    expect((await ok('{ me { projects { projectId role } } }', {}, t.cy!)).me.projects).toEqual([
      { projectId: 'p1', role: 'INVESTIGATOR' },
    ])
    expect(await ok('mutation { removeMember(projectId: "p1", username: "cy") }', {}, t.ada!)).toEqual({
      removeMember: true,
    })
    expect((await ok('{ me { projects { projectId } } }', {}, t.cy!)).me.projects).toEqual([])

    expect((await auditRows('member.set')).filter((r) => r.target === 'cy')).toEqual([
      {
        actor: 'ada',
        action: 'member.set',
        project_id: 'p1',
        target: 'cy',
        details: JSON.stringify({
          userId: 'u_ada',
          memberUserId: 'u_cy',
          role: 'investigator',
          previousRole: null,
        }),
      },
    ])
    expect(await auditRows('member.removed')).toEqual([
      {
        actor: 'ada',
        action: 'member.removed',
        project_id: 'p1',
        target: 'cy',
        details: JSON.stringify({ userId: 'u_ada', memberUserId: 'u_cy', previousRole: 'investigator' }),
      },
    ])
  })

  it('refuses unknown users and non-members clearly', async () => {
    const unknown = await refused(
      'mutation { setMember(projectId: "p1", username: "nobody", role: VIEWER) { role } }',
      {},
      t.ada,
    )
    expect(unknown).toMatchObject({
      message: 'No user named "nobody"',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    const stranger = await refused('mutation { removeMember(projectId: "p1", username: "oz") }', {}, t.ada)
    expect(stranger).toMatchObject({
      message: '"oz" is not a member of this project',
      extensions: { code: 'BAD_USER_INPUT' },
    })
  })

  it('never removes or demotes the last admin of a project', async () => {
    const message = '"ada" is the last admin of project "p1": make another member ADMIN first'
    const demote = await refused(
      'mutation { setMember(projectId: "p1", username: "ada", role: VIEWER) { role } }',
      {},
      t.ada,
    )
    expect(demote).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } })
    const remove = await refused('mutation { removeMember(projectId: "p1", username: "ada") }', {}, t.ada)
    expect(remove).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } })
    // With a second admin, the first may step down.
    await ok('mutation { setMember(projectId: "p1", username: "ivy", role: ADMIN) { role } }', {}, t.ada!)
    await ok(
      'mutation { setMember(projectId: "p1", username: "ada", role: INVESTIGATOR) { role } }',
      {},
      t.ada!,
    )
    const ivyAlone = await refused('mutation { removeMember(projectId: "p1", username: "ivy") }', {}, t.ivy)
    expect(ivyAlone?.message).toBe('"ivy" is the last admin of project "p1": make another member ADMIN first')
    // Restore for the other cases.
    await ok('mutation { setMember(projectId: "p1", username: "ada", role: ADMIN) { role } }', {}, t.ivy!)
    await ok(
      'mutation { setMember(projectId: "p1", username: "ivy", role: INVESTIGATOR) { role } }',
      {},
      t.ada!,
    )
  })

  it('invites a new user who can then sign in; the password is never audited', async () => {
    const password = 'a passphrase of some length'
    const invited = await ok(
      'mutation($pw: String!) { inviteMember(projectId: "p1", username: "newbie", password: $pw, role: VIEWER) { userId username role } }',
      { pw: password },
      t.ada!,
    )
    expect(invited.inviteMember).toMatchObject({ username: 'newbie', role: 'VIEWER' })
    const userId = invited.inviteMember.userId as string
    expect(userId).toMatch(/^usr_[0-9a-f-]{36}$/)
    const login = await graphql(
      fx.app,
      'mutation($pw: String!) { login(username: "newbie", password: $pw) { me { username projects { projectId role } } } }',
      { pw: password },
    )
    expect(login.data?.login).toEqual({
      me: { username: 'newbie', projects: [{ projectId: 'p1', role: 'VIEWER' }] },
    })
    const details = JSON.stringify({ userId: 'u_ada', memberUserId: userId, role: 'viewer' })
    expect(await auditRows('user.created')).toEqual([
      { actor: 'ada', action: 'user.created', project_id: 'p1', target: 'newbie', details },
    ])
    const rows = await queryRows<{ details: string }>(
      fx.storage,
      `SELECT details FROM ${fx.storage.database}.audit_log`,
      {},
    )
    expect(rows.some((r) => r.details.includes(password))).toBe(false)

    const again = await refused(
      'mutation { inviteMember(projectId: "p1", username: "newbie", password: "another long one", role: VIEWER) { role } }',
      {},
      t.ada,
    )
    expect(again?.message).toBe('A user named "newbie" exists already; use setMember')
    const short = await refused(
      'mutation { inviteMember(projectId: "p1", username: "shorty", password: "too short", role: VIEWER) { role } }',
      {},
      t.ada,
    )
    expect(short).toMatchObject({
      message: 'password must be 12–256 characters long',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    const badName = await refused(
      `mutation { inviteMember(projectId: "p1", username: "a'; DROP TABLE users; --", password: "long enough password", role: VIEWER) { role } }`,
      {},
      t.ada,
    )
    expect(badName?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})
