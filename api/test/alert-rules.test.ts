import { queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphql, graphqlFixture, userWithToken } from './graphql-helpers'

/** A GraphQL answer: its shape is what the exact `toEqual` checks below assert. */
// biome-ignore lint/suspicious/noExplicitAny: loosely typed on purpose, every value read is compared exactly
type Answer = Record<string, any>

const t: Record<string, string> = {}

const fx = graphqlFixture('alert-rules', async (storage) => {
  t.ada = await userWithToken(storage, 'ada', { p1: 'admin' })
  t.vic = await userWithToken(storage, 'vic', { p1: 'viewer' })
  t.oz = await userWithToken(storage, 'oz', { p2: 'admin' })
})

const FIELDS =
  'id name kind enabled params { windowMinutes baselineWindows factor minCount threshold minCalls minScore } destinations { kind url } createdBy'
const CREATE = `mutation($i: AlertRuleInput!) { createAlertRule(projectId: "p1", input: $i) { ${FIELDS} } }`
const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX'
const NO_PARAMS = {
  windowMinutes: null,
  baselineWindows: null,
  factor: null,
  minCount: null,
  threshold: null,
  minCalls: null,
  minScore: null,
}

async function ok(query: string, variables: Record<string, unknown>, token: string | undefined) {
  const response = await graphql(fx.app, query, variables, token)
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
  return response.data as Answer
}

async function invalid(input: Record<string, unknown>): Promise<string | undefined> {
  const response = await graphql(fx.app, CREATE, { i: input }, t.ada)
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  return response.errors?.[0]?.message
}

describe('alert rules', () => {
  it('an admin creates, updates and deletes a rule; members read it with destinations masked; each change audited without URLs', async () => {
    const created = await ok(
      CREATE,
      {
        i: {
          name: 'denials spike',
          kind: 'DENIAL_SPIKE',
          params: { factor: 4 },
          destinations: [{ kind: 'SLACK', url: SLACK }],
        },
      },
      t.ada,
    )
    const rule = created.createAlertRule
    expect(rule).toEqual({
      id: rule.id,
      name: 'denials spike',
      kind: 'DENIAL_SPIKE',
      enabled: true,
      params: { ...NO_PARAMS, windowMinutes: 5, baselineWindows: 12, factor: 4, minCount: 10 },
      destinations: [{ kind: 'SLACK', url: SLACK }],
      createdBy: 'ada',
    })
    const stored = await queryRows<{ kind: string; params: string; destinations: string }>(
      fx.storage,
      `SELECT kind, params, destinations FROM ${fx.storage.database}.alert_rules FINAL WHERE id = {id:String}`,
      { id: rule.id },
    )
    expect(stored).toEqual([
      {
        kind: 'denial_spike',
        params: '{"windowMinutes":5,"baselineWindows":12,"factor":4,"minCount":10}',
        destinations: `[{"kind":"slack","url":"${SLACK}"}]`,
      },
    ])

    const asViewer = await ok(`{ alertRules(projectId: "p1") { id destinations { kind url } } }`, {}, t.vic)
    expect(asViewer.alertRules).toEqual([
      { id: rule.id, destinations: [{ kind: 'SLACK', url: 'https://hooks.slack.com/…' }] },
    ])
    const foreign = await graphql(fx.app, `{ alertRules(projectId: "p1") { id } }`, {}, t.oz)
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')

    const updated = await ok(
      `mutation($id: ID!, $i: AlertRuleInput!) { updateAlertRule(projectId: "p1", id: $id, input: $i) { ${FIELDS} } }`,
      {
        id: rule.id,
        i: {
          name: 'error rate',
          kind: 'ERROR_RATE',
          enabled: false,
          params: { threshold: 0.25 },
          destinations: [{ kind: 'WEBHOOK', url: 'http://alerts.internal:8080/hook' }],
        },
      },
      t.ada,
    )
    expect(updated.updateAlertRule).toEqual({
      id: rule.id,
      name: 'error rate',
      kind: 'ERROR_RATE',
      enabled: false,
      params: { ...NO_PARAMS, threshold: 0.25, windowMinutes: 5, minCalls: 20 },
      destinations: [{ kind: 'WEBHOOK', url: 'http://alerts.internal:8080/hook' }],
      createdBy: 'ada',
    })
    expect(
      await ok('mutation($id: ID!) { deleteAlertRule(projectId: "p1", id: $id) }', { id: rule.id }, t.ada),
    ).toEqual({
      deleteAlertRule: true,
    })
    expect((await ok(`{ alertRules(projectId: "p1") { id } }`, {}, t.ada)).alertRules).toEqual([])

    const rows = await queryRows<{
      actor: string
      action: string
      project_id: string
      target: string
      details: string
    }>(
      fx.storage,
      `SELECT actor, action, project_id, target, details FROM ${fx.storage.database}.audit_log
       WHERE action LIKE 'alert_rule.%' ORDER BY time, action`,
      {},
    )
    const details = (name: string, kind: string, enabled: boolean) =>
      JSON.stringify({ userId: 'u_ada', name, kind, enabled, destinations: 1 })
    expect(rows).toEqual([
      {
        actor: 'ada',
        action: 'alert_rule.created',
        project_id: 'p1',
        target: rule.id,
        details: details('denials spike', 'denial_spike', true),
      },
      {
        actor: 'ada',
        action: 'alert_rule.updated',
        project_id: 'p1',
        target: rule.id,
        details: details('error rate', 'error_rate', false),
      },
      {
        actor: 'ada',
        action: 'alert_rule.deleted',
        project_id: 'p1',
        target: rule.id,
        details: details('error rate', 'error_rate', false),
      },
    ])
    expect(
      rows.some((r) => r.details.includes('hooks.slack.com') || r.details.includes('alerts.internal')),
    ).toBe(false)
  })

  it('explains every invalid field', async () => {
    const base = { name: 'r', destinations: [] }
    expect(await invalid({ ...base, kind: 'DENIAL_RATE', params: { threshold: 2 } })).toBe(
      'Invalid alert rule: params.threshold: must be above 0 and at most 1',
    )
    expect(await invalid({ ...base, kind: 'ERROR_RATE' })).toBe(
      'Invalid alert rule: params.threshold: is required for this kind: a rate above 0 and at most 1',
    )
    expect(
      await invalid({ ...base, kind: 'DENIAL_SPIKE', params: { threshold: 0.5, windowMinutes: 0 } }),
    ).toBe(
      'Invalid alert rule: params.windowMinutes: must be a whole number between 1 and 1440; params.threshold: does not apply to DENIAL_SPIKE',
    )
    expect(await invalid({ ...base, kind: 'MISUSE' })).toBe(
      'Invalid alert rule: params.minScore: is required for this kind: a score above 0',
    )
    expect(
      await invalid({
        name: ' ',
        kind: 'TOOL_DEFINITION_CHANGE',
        destinations: [
          { kind: 'WEBHOOK', url: 'ftp://example.com/x' },
          { kind: 'SLACK', url: 'https://example.com/services/x' },
          { kind: 'WEBHOOK', url: `https://example.com/${'a'.repeat(2048)}` },
        ],
      }),
    ).toBe(
      'Invalid alert rule: name: must be 1–200 characters; destinations[0].url: must be an http:// or https:// URL; destinations[1].url: a Slack webhook URL starts with https://hooks.slack.com/; destinations[2].url: must be at most 2048 characters',
    )
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      kind: 'WEBHOOK',
      url: `https://example.com/${i}`,
    }))
    expect(await invalid({ name: 'r', kind: 'TOOL_DEFINITION_CHANGE', destinations: eleven })).toBe(
      'Invalid alert rule: destinations: at most 10',
    )
    const unknown = await graphql(
      fx.app,
      'mutation($i: AlertRuleInput!) { updateAlertRule(projectId: "p1", id: "rule_nope", input: $i) { id } }',
      { i: { name: 'r', kind: 'TOOL_DEFINITION_CHANGE', destinations: [] } },
      t.ada,
    )
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'No alert rule with id "rule_nope" in this project',
      extensions: { code: 'BAD_USER_INPUT' },
    })
  })
})
