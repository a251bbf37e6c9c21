import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { apiQuery, seededWindow } from './support/api'
import { screenshot, signIn, useBrowser, waitForChart } from './support/browser'

const stack = inject('stack')
const browser = useBrowser()

describe('sign-in', () => {
  it('sends a signed-out visitor to the login page and back to the page asked for', async () => {
    const page = await browser.newPage()
    await page.goto(`${stack.webUrl}/${stack.projectId}/overview?range=7d`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await screenshot(page, 'login')
    await page.getByLabel('Username').fill(stack.users.admin.username)
    await page.getByLabel('Password').fill(stack.users.admin.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/default\/overview\?range=7d$/)
    await expect(page.getByRole('heading', { name: 'Overview' }).isVisible()).resolves.toBe(true)
    await page.close()
  })

  it('says so when the password is wrong, and keeps the username', async () => {
    const page = await browser.newPage()
    await page.goto(`${stack.webUrl}/login`)
    await page.getByLabel('Username').fill('admin')
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.locator('#login-message').textContent()).resolves.toContain(
      'Wrong username or password',
    )
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe('admin')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.close()
  })

  it('signs out: the session cookie is gone and pages lead to the login page again', async () => {
    const page = await browser.newPage()
    await signIn(page, stack, 'viewer')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login/)
    const cookies = await page.context().cookies()
    expect(cookies.map((c) => c.name)).not.toContain('tg_session')
    await page.goto(`${stack.webUrl}/${stack.projectId}/overview`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.close()
  })
})

describe('Overview', () => {
  let page: Page
  const window = seededWindow()

  beforeAll(async () => {
    page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/overview?${window.query}`)
  })

  it('shows the api’s totals for the window in the KPI tiles', async () => {
    const { overview } = await apiQuery<{ overview: { calls: number } }>(
      stack,
      'query($p: ID!, $f: DateTime!, $t: DateTime!) { overview(projectId: $p, from: $f, to: $t) { calls } }',
      { p: stack.projectId, f: window.from, t: window.to },
    )
    expect(overview.calls).toBeGreaterThan(1000)
    const tile = page.locator('.kpi', { hasText: 'Calls' }).locator('.kpi-value')
    await expect(tile.textContent()).resolves.toBe(overview.calls.toLocaleString('en-US'))
    await expect(page.locator('.kpi').count()).resolves.toBe(4)
  })

  it('draws both charts', async () => {
    expect(await waitForChart(page)).toBeGreaterThanOrEqual(4)
    const drawn = await page
      .locator('.recharts-surface path.recharts-curve')
      .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 20).length)
    expect(drawn).toBeGreaterThanOrEqual(4)
  })

  it('lists the busiest tools and the most denied users as the api counts them, linking to their pages', async () => {
    const vars = { p: stack.projectId, f: window.from, t: window.to }
    const { busiestTools, denials } = await apiQuery<{
      busiestTools: { tool: string; calls: number }[]
      denials: { groups: { key: string; denials: number }[] }
    }>(
      stack,
      `query($p: ID!, $f: DateTime!, $t: DateTime!) {
        busiestTools(projectId: $p, from: $f, to: $t, first: 5) { tool calls }
        denials(projectId: $p, from: $f, to: $t, by: USER, top: 5) { groups { key denials } } }`,
      vars,
    )
    const tools = page.getByRole('table', { name: 'Busiest tools' }).locator('tbody tr')
    await tools.first().waitFor()
    const toolNames = await tools.locator('td:first-child a').allTextContents()
    expect(toolNames).toEqual(busiestTools.map((t) => t.tool))
    const href = await tools.first().getByRole('link').getAttribute('href')
    expect(href).toMatch(/^\/default\/tools\/[^?]+\?from=.*&server=/)
    const denied = page.getByRole('table', { name: 'Most denied users' }).locator('tbody tr')
    await denied.first().waitFor()
    await expect(denied.locator('td:first-child').allTextContents()).resolves.toEqual(
      denials.groups.map((g) => g.key || '(no user on the call)'),
    )
    await screenshot(page, 'overview')
  })

  it('keeps the range in the URL: a preset chip makes a shareable link', async () => {
    await page.getByRole('link', { name: '7d', exact: true }).click()
    await page.waitForURL(/\?range=7d$/)
    await expect(
      page.getByRole('link', { name: '7d', exact: true }).getAttribute('aria-current'),
    ).resolves.toBe('true')
    await expect(page.getByRole('link', { name: 'Sessions' }).getAttribute('href')).resolves.toBe(
      '/default/sessions?range=7d',
    )
  })

  it('tells a new user how to instrument a server when the range has no calls', async () => {
    const empty = new URLSearchParams({ from: '2020-01-01T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z' })
    await page.goto(`${stack.webUrl}/${stack.projectId}/overview?${empty}`)
    const state = page.getByRole('status').filter({ hasText: 'No MCP calls in this time range' })
    await state.waitFor()
    await expect(state.locator('pre').textContent()).resolves.toContain(
      'node --import @tollgate/sdk/register',
    )
  })
})

describe('themes', () => {
  it('renders the Overview in the dark theme with the dark palette', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' })
    await signIn(page, stack, 'admin', `/${stack.projectId}/overview?${seededWindow().query}`)
    await waitForChart(page)
    // A string runs in the page: this package's types have no DOM.
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
    expect(background).toBe('rgb(15, 18, 22)')
    await screenshot(page, 'overview-dark')
    await page.context().close()
  })
})
