import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { apiQuery } from './support/api'
import { screenshot, signIn, useBrowser } from './support/browser'

const stack = inject('stack')
const browser = useBrowser()

const RULE_NAME = 'Payments denials spiking'
/** Nothing listens there: should the rule fire during the test, its delivery fails on this machine. */
const HOOK = 'http://127.0.0.1:9/tollgate-browser-hook'
const VIEWER_RULE = 'Errors above 10% (viewer sees)'

interface ApiRule {
  id: string
  name: string
  kind: string
  enabled: boolean
  params: Record<string, number | null>
  destinations: { kind: string; url: string }[]
}

async function rules(): Promise<ApiRule[]> {
  const query = `query($p: ID!) { alertRules(projectId: $p) {
    id name kind enabled
    params { windowMinutes baselineWindows factor minCount minCalls threshold minScore }
    destinations { kind url } } }`
  return (await apiQuery<{ alertRules: ApiRule[] }>(stack, query, { p: stack.projectId })).alertRules
}

const ruleNamed = async (name: string) => (await rules()).find((r) => r.name === name)

const SPIKE_PARAMS = (factor: number) => ({
  windowMinutes: 5,
  baselineWindows: 12,
  factor,
  minCount: 10,
  minCalls: null,
  threshold: null,
  minScore: null,
})

const section = (page: Page) => page.getByRole('region', { name: 'Alert rules', exact: true })
const row = (page: Page, name: string): Locator =>
  page.getByRole('table', { name: 'Alert rules' }).locator('tbody tr', { hasText: name })

beforeAll(async () => {
  // A rule for the viewer to read (disabled: it must not deliver anywhere).
  await apiQuery(
    stack,
    `mutation($p: ID!, $i: AlertRuleInput!) { createAlertRule(projectId: $p, input: $i) { id } }`,
    {
      p: stack.projectId,
      i: {
        name: VIEWER_RULE,
        kind: 'ERROR_RATE',
        enabled: false,
        params: { threshold: 0.1 },
        destinations: [{ kind: 'WEBHOOK', url: HOOK }],
      },
    },
  )
})

describe('Alert rules as an admin', () => {
  let page: Page

  beforeAll(async () => {
    page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/settings`)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
  })

  it('refuses an out-of-bounds factor and keeps what was typed', async () => {
    await section(page).getByRole('button', { name: 'New alert rule' }).click()
    const form = page.getByRole('form', { name: 'New alert rule' })
    await form.getByLabel('Name').fill(RULE_NAME)
    await form.getByLabel('Denial spike').check()
    // Only the chosen kind's settings are offered, each naming its default.
    await expect(form.getByLabel('Threshold (rate)').count()).resolves.toBe(0)
    await expect(form.getByText('Leave empty for the default, 12.').count()).resolves.toBe(1)
    await form.getByLabel('Factor').fill('5000')
    await form.getByLabel('Destination 1 URL').fill(HOOK)
    await form.getByRole('button', { name: 'Create rule' }).click()
    await expect(form.getByRole('alert').textContent()).resolves.toBe(
      'Factor must be a number from 1 to 1000.',
    )
    await expect(form.getByLabel('Name').inputValue()).resolves.toBe(RULE_NAME)
    await expect(form.getByLabel('Destination 1 URL').inputValue()).resolves.toBe(HOOK)
    expect(await ruleNamed(RULE_NAME)).toBeUndefined()
  })

  it('creates a denial spike rule with a webhook, defaults filled in by the api', async () => {
    const form = page.getByRole('form', { name: 'New alert rule' })
    await form.getByLabel('Factor').fill('4')
    await form.getByRole('button', { name: 'Create rule' }).click()
    await expect(
      section(page).getByRole('status').filter({ hasText: RULE_NAME }).textContent(),
    ).resolves.toBe(`Alert rule “${RULE_NAME}” created.`)
    const created = await ruleNamed(RULE_NAME)
    expect(created).toMatchObject({
      kind: 'DENIAL_SPIKE',
      enabled: true,
      params: SPIKE_PARAMS(4),
      destinations: [{ kind: 'WEBHOOK', url: HOOK }],
    })
    await row(page, RULE_NAME).waitFor()
    const cells = await row(page, RULE_NAME).locator('td').allTextContents()
    expect(cells.slice(0, 6)).toEqual([
      RULE_NAME,
      'Denial spike',
      '4× baseline · window 5 min · baseline 12 windows · at least 10 denials',
      `webhook ${HOOK}`,
      'enabled',
      'admin',
    ])
  })

  it('edits the factor in the same form, filled in, leaving the rest as it was', async () => {
    await row(page, RULE_NAME)
      .getByRole('button', { name: `Edit ${RULE_NAME}` })
      .click()
    const form = page.getByRole('form', { name: `Edit “${RULE_NAME}”` })
    await expect(form.getByLabel('Name').inputValue()).resolves.toBe(RULE_NAME)
    await expect(form.getByLabel('Denial spike').isChecked()).resolves.toBe(true)
    await expect(form.getByLabel('Factor').inputValue()).resolves.toBe('4')
    await expect(form.getByLabel('Baseline windows').inputValue()).resolves.toBe('12')
    await expect(form.getByLabel('Destination 1 URL').inputValue()).resolves.toBe(HOOK)
    await form.getByLabel('Factor').fill('6.5')
    await screenshot(page, 'settings-alert-rules')
    await form.getByRole('button', { name: 'Save rule' }).click()
    await expect.poll(async () => (await ruleNamed(RULE_NAME))?.params.factor).toBe(6.5)
    expect(await ruleNamed(RULE_NAME)).toMatchObject({
      kind: 'DENIAL_SPIKE',
      enabled: true,
      params: SPIKE_PARAMS(6.5),
      destinations: [{ kind: 'WEBHOOK', url: HOOK }],
    })
    await expect.poll(() => form.count()).toBe(0)
    await expect
      .poll(() => row(page, RULE_NAME).locator('td').nth(2).textContent())
      .toBe('6.5× baseline · window 5 min · baseline 12 windows · at least 10 denials')
  })

  it('disables it, changing nothing else', async () => {
    await row(page, RULE_NAME)
      .getByRole('button', { name: `Disable ${RULE_NAME}` })
      .click()
    await expect.poll(async () => (await ruleNamed(RULE_NAME))?.enabled).toBe(false)
    expect(await ruleNamed(RULE_NAME)).toMatchObject({
      name: RULE_NAME,
      kind: 'DENIAL_SPIKE',
      params: SPIKE_PARAMS(6.5),
      destinations: [{ kind: 'WEBHOOK', url: HOOK }],
    })
    await row(page, RULE_NAME)
      .getByRole('button', { name: `Enable ${RULE_NAME}` })
      .waitFor()
    await expect(row(page, RULE_NAME).locator('td').nth(4).textContent()).resolves.toBe('disabled')
  })

  it('deletes it after a confirmation', async () => {
    const id = (await ruleNamed(RULE_NAME))?.id
    await row(page, RULE_NAME)
      .getByRole('button', { name: `Delete ${RULE_NAME}` })
      .click()
    // The first click only asks.
    expect(await ruleNamed(RULE_NAME)).toBeDefined()
    await row(page, RULE_NAME)
      .getByRole('button', { name: `Yes, delete: ${RULE_NAME}` })
      .click()
    await expect.poll(async () => (await rules()).map((r) => r.id)).not.toContain(id)
    await expect.poll(() => row(page, RULE_NAME).count()).toBe(0)
  })
})

describe('Alert rules as a viewer', () => {
  it('lists the rules without any control to change them', async () => {
    const page = await browser.newPage()
    await signIn(page, stack, 'viewer', `/${stack.projectId}/settings`)
    await row(page, VIEWER_RULE).waitFor()
    const cells = await row(page, VIEWER_RULE).locator('td').allTextContents()
    expect(cells).toHaveLength(7)
    expect(cells.slice(0, 5)).toEqual([
      VIEWER_RULE,
      'Error rate',
      'above 10% · window 5 min · at least 20 calls',
      'webhook http://127.0.0.1:9/…',
      'disabled',
    ])
    await expect(section(page).getByRole('button').count()).resolves.toBe(0)
    await expect(section(page).getByRole('form').count()).resolves.toBe(0)
    await expect(section(page).textContent()).resolves.toContain('admins only')
  })
})
