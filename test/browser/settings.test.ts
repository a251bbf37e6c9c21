import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { apiQuery } from './support/api'
import { screenshot, signIn, useBrowser } from './support/browser'

const stack = inject('stack')
const browser = useBrowser()

/** The web is started without TOLLGATE_OTLP_*, so the snippet names the default receiver. */
const OTLP_URL = 'http://127.0.0.1:4318'
const KEY_NAME = 'payments-mcp browser'
const TOKEN_NAME = 'browser-token'
const RULE_NAME = 'Denials above 5%'

interface Credential {
  id: string
  name: string
  prefix: string
  revokedAt: string | null
}

beforeAll(async () => {
  // A rule to list (disabled: the test must not send webhooks anywhere).
  await apiQuery(
    stack,
    `mutation($p: ID!, $i: AlertRuleInput!) { createAlertRule(projectId: $p, input: $i) { id } }`,
    {
      p: stack.projectId,
      i: {
        name: RULE_NAME,
        kind: 'DENIAL_RATE',
        enabled: false,
        params: { threshold: 0.05, windowMinutes: 5, minCalls: 20 },
        destinations: [{ kind: 'WEBHOOK', url: 'https://hooks.example.com/tollgate/private-path' }],
      },
    },
  )
})

const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true })

async function ingestKeys(): Promise<Credential[]> {
  const query = 'query($p: ID!) { ingestKeys(projectId: $p) { id name prefix revokedAt } }'
  return (await apiQuery<{ ingestKeys: Credential[] }>(stack, query, { p: stack.projectId })).ingestKeys
}

async function members(): Promise<{ username: string; role: string }[]> {
  const query = 'query($p: ID!) { members(projectId: $p) { username role } }'
  return (
    await apiQuery<{ members: { username: string; role: string }[] }>(stack, query, { p: stack.projectId })
  ).members
}

/** Who the api takes `token` for: a username, 'nobody' (no such token, or revoked), or a refusal's code. */
async function whoIs(token: string): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  })
  const body = (await response.json()) as {
    data?: { me: { username: string } | null }
    errors?: { extensions?: { code?: string } }[]
  }
  return body.errors?.[0]?.extensions?.code ?? body.data?.me?.username ?? 'nobody'
}

/** Creates a token or key through its section's form and returns the texts of the one-time panel. */
async function create(page: Page, title: string, name: string, button: string): Promise<string[]> {
  const region = section(page, title)
  await region.getByLabel('Name', { exact: true }).fill(name)
  await region.getByRole('button', { name: button }).click()
  const panel = region.getByRole('region', { name: /^New / })
  await panel.waitFor()
  await expect(panel.textContent()).resolves.toContain('it will not be shown again')
  return panel.locator('pre').allTextContents()
}

/** Revokes the row named `name` (two clicks: ask, confirm) and waits for its revoked badge. */
async function revoke(table: Locator, name: string): Promise<void> {
  const row = table.locator('tr', { hasText: name })
  await row.getByRole('button', { name: `Revoke ${name}` }).click()
  await row.getByRole('button', { name: /^Yes, revoke/ }).click()
  await row.locator('.badge', { hasText: 'revoked' }).waitFor()
}

describe('Settings as an admin', () => {
  let page: Page
  let key = ''

  beforeAll(async () => {
    page = await browser.newPage()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.webUrl })
    await signIn(page, stack, 'admin', `/${stack.projectId}/settings`)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
  })

  it('creates an ingest key and shows it once, with the SDK snippet filled in', async () => {
    const [shownKey, snippet] = await create(page, 'Ingest keys', KEY_NAME, 'Create ingest key')
    key = shownKey ?? ''
    expect(key).toMatch(/^tg_ingest_[A-Za-z0-9_-]{20,}$/)
    expect(snippet).toBe(
      `TOLLGATE_ENDPOINT=${OTLP_URL} TOLLGATE_API_KEY=${key} \\\n  node --import @tollgate/sdk/register server.js`,
    )
    const listed = (await ingestKeys()).filter((k) => k.name === KEY_NAME)
    expect(listed).toHaveLength(1)
    expect(listed[0]?.revokedAt).toBeNull()
    expect(key.startsWith(listed[0]?.prefix ?? '?')).toBe(true)

    await section(page, 'Ingest keys').getByRole('button', { name: 'Copy SDK snippet' }).click()
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(snippet)
  })

  it('does not show the key again after a reload, and lists it by name and prefix', async () => {
    await page.reload()
    const region = section(page, 'Ingest keys')
    const row = region.getByRole('table', { name: 'Ingest keys' }).locator('tr', { hasText: KEY_NAME })
    await row.waitFor()
    const prefix = (await ingestKeys()).find((k) => k.name === KEY_NAME)?.prefix ?? '?'
    await expect(row.locator('code').textContent()).resolves.toBe(`${prefix}…`)
    await expect(row.locator('.badge').textContent()).resolves.toBe('active')
    await expect(region.getByRole('region', { name: /^New / }).count()).resolves.toBe(0)
    expect(await page.content()).not.toContain(key)
    expect(page.url()).not.toContain(key)
    const cookies = await page.context().cookies()
    expect(cookies.some((c) => c.value.includes(key))).toBe(false)
  })

  it('revokes the ingest key', async () => {
    await revoke(page.getByRole('table', { name: 'Ingest keys' }), KEY_NAME)
    const revoked = (await ingestKeys()).find((k) => k.name === KEY_NAME)
    expect(revoked?.revokedAt).not.toBeNull()
  })

  it('creates an API token that works, then revokes it', async () => {
    const [token] = await create(page, 'Your API tokens', TOKEN_NAME, 'Create API token')
    expect(token).toMatch(/^tg_api_/)
    await expect(whoIs(token ?? '')).resolves.toBe('admin')
    await revoke(page.getByRole('table', { name: 'API tokens' }), TOKEN_NAME)
    await expect(whoIs(token ?? '')).resolves.toBe('nobody')
  })

  it('invites a member and changes their role', async () => {
    const form = section(page, 'Members').getByRole('form', { name: 'Invite a member' })
    await form.getByLabel('Username').fill('ivan')
    await form.getByLabel('Password').fill('ivan-password-12')
    await form.getByLabel('Role').selectOption('VIEWER')
    await form.getByRole('button', { name: 'Invite' }).click()
    await expect(form.getByRole('status').filter({ hasText: 'ivan' }).textContent()).resolves.toBe(
      'ivan can now sign in as viewer.',
    )
    expect((await members()).find((m) => m.username === 'ivan')?.role).toBe('VIEWER')

    const row = page.getByRole('table', { name: 'Members' }).locator('tr[data-username="ivan"]')
    await row.getByLabel('Role of ivan', { exact: true }).selectOption('INVESTIGATOR')
    await row.getByRole('button', { name: 'Change role of ivan' }).click()
    await expect
      .poll(async () => (await members()).find((m) => m.username === 'ivan')?.role)
      .toBe('INVESTIGATOR')
    await expect.poll(() => row.getByLabel('Role of ivan', { exact: true }).inputValue()).toBe('INVESTIGATOR')
    await screenshot(page, 'settings')
  })

  it('shows the api’s refusal to demote the last admin', async () => {
    const row = page.getByRole('table', { name: 'Members' }).locator('tr[data-username="admin"]')
    await row.getByLabel('Role of admin', { exact: true }).selectOption('VIEWER')
    await row.getByRole('button', { name: 'Change role of admin' }).click()
    await expect(row.getByRole('alert').textContent()).resolves.toBe(
      '"admin" is the last admin of project "default": make another member ADMIN first',
    )
    expect((await members()).find((m) => m.username === 'admin')?.role).toBe('ADMIN')
  })

  it('removes the invited member', async () => {
    const row = page.getByRole('table', { name: 'Members' }).locator('tr[data-username="ivan"]')
    await row.getByRole('button', { name: 'Remove ivan' }).click()
    await row.getByRole('button', { name: /^Yes, remove/ }).click()
    await expect.poll(async () => (await members()).map((m) => m.username)).not.toContain('ivan')
    await expect.poll(() => row.count()).toBe(0)
  })

  it('lists the alert rules with their settings and destinations', async () => {
    const row = page.getByRole('table', { name: 'Alert rules' }).locator('tr', { hasText: RULE_NAME })
    const cells = await row.locator('td').allTextContents()
    expect(cells.slice(0, 6)).toEqual([
      RULE_NAME,
      'Denial rate',
      'above 5.0% · window 5 min · at least 20 calls',
      'webhook https://hooks.example.com/tollgate/private-path',
      'disabled',
      'admin',
    ])
  })
})

describe('Settings before its scripts run', () => {
  it('offers no button that would post a form natively (a reload would post it again)', async () => {
    const page = await browser.newPage({ javaScript: false })
    // Sign-in alone works without scripts: a plain POST to its server action.
    await signIn(page, stack, 'admin', `/${stack.projectId}/settings`)
    const buttons = [
      'Create ingest key',
      'Create API token',
      'Invite',
      'New alert rule',
      'Change role of admin',
      `Enable ${RULE_NAME}`,
      `Delete ${RULE_NAME}`,
    ]
    // Streamed sections stay in hidden templates without scripts: read the markup, not the view.
    for (const name of buttons) {
      const button = page.locator(`button:text-is("${name}"), button[aria-label="${name}"]`).first()
      await button.waitFor({ state: 'attached' })
      expect(await button.getAttribute('disabled'), `${name} is disabled`).not.toBeNull()
    }
    await page.context().close()
  })
})

describe('Settings as a viewer', () => {
  let page: Page

  beforeAll(async () => {
    page = await browser.newPage()
    await signIn(page, stack, 'viewer', `/${stack.projectId}/settings`)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
  })

  it('says members and ingest keys are for admins, without an error page', async () => {
    for (const title of ['Members', 'Ingest keys']) {
      const region = section(page, title)
      await expect(region.textContent()).resolves.toContain('admins only')
      await expect(region.getByRole('table').count()).resolves.toBe(0)
      await expect(region.getByRole('button').count()).resolves.toBe(0)
    }
    await expect(page.getByText('This view could not be loaded').count()).resolves.toBe(0)
  })

  it('manages her own API tokens', async () => {
    const [token] = await create(page, 'Your API tokens', 'vera-notebook', 'Create API token')
    await expect(whoIs(token ?? '')).resolves.toBe(stack.users.viewer.username)
    await screenshot(page, 'settings-viewer')
    await revoke(page.getByRole('table', { name: 'API tokens' }), 'vera-notebook')
    await expect(whoIs(token ?? '')).resolves.toBe('nobody')
  })

  it('sees the alert rules with destinations cut to their origin', async () => {
    const row = page.getByRole('table', { name: 'Alert rules' }).locator('tr', { hasText: RULE_NAME })
    await expect(row.textContent()).resolves.toContain('https://hooks.example.com/…')
    await expect(row.textContent()).resolves.not.toContain('private-path')
  })
})
