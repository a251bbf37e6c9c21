import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { apiQuery, seededWindow } from './support/api'
import { screenshot, signIn, useBrowser, waitForChart } from './support/browser'

const stack = inject('stack')
const window = seededWindow()
const browser = useBrowser()

/** The seed changes this tool's input schema (adds `include_archived`) part-way through the range. */
const CHANGED = { server: 'crm', tool: 'search_accounts' }

interface ApiTool {
  serverName: string
  tool: string
  calls: number
  denials: number
  misuseScore: number
}

/** The api's first page of tools over the seeded window, in its order. */
async function apiTools(): Promise<ApiTool[]> {
  const data = await apiQuery<{ tools: { items: ApiTool[] } }>(
    stack,
    'query($p: ID!, $f: DateTime!, $t: DateTime!) { tools(projectId: $p, from: $f, to: $t, first: 100) { items { serverName tool calls denials misuseScore } } }',
    { p: stack.projectId, f: window.from, t: window.to },
  )
  return data.tools.items
}

const count = (n: number) => n.toLocaleString('en-US')
const parseCount = (text: string | null) => Number((text ?? '').replace(/,/g, ''))

/** The text of column `index` (0-based) of every body row of the page's first table. */
async function column(page: Page, index: number): Promise<string[]> {
  return page
    .locator('table.table')
    .first()
    .locator('tbody tr')
    .evaluateAll((rows, i) => rows.map((r) => (r.children[i]?.textContent ?? '').trim()), index)
}

describe('Tools list', () => {
  let page: Page
  let tools: ApiTool[]

  beforeAll(async () => {
    tools = await apiTools()
    page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/tools?${window.query}`)
    await page.locator('table.table tbody tr').first().waitFor()
  })

  it('lists every tool of the api’s page in its order, with its figures', async () => {
    expect(tools.length).toBeGreaterThan(5)
    const names = await column(page, 0)
    expect(names).toEqual(tools.map((t) => `${t.tool} ${t.serverName}`))
    expect(await column(page, 1)).toEqual(tools.map((t) => count(t.calls)))
    expect(await column(page, 3)).toEqual(tools.map((t) => count(t.denials)))
    const href = await page
      .getByRole('link', { name: tools[0]!.tool, exact: true })
      .first()
      .getAttribute('href')
    expect(href).toBe(
      `/${stack.projectId}/tools/${encodeURIComponent(tools[0]!.tool)}?${window.query}&server=${encodeURIComponent(tools[0]!.serverName)}`,
    )
    await screenshot(page, 'tools')
  })

  it('sorts by a column from its header button, in the URL, and flips on a second click', async () => {
    const header = page.locator('th', { hasText: 'Calls' })
    await expect(header.getAttribute('aria-sort')).resolves.toBe('none')
    await header.getByRole('button').click()
    await page.waitForURL(/sort=calls&dir=desc/)
    await page.locator('th[aria-sort="descending"]').waitFor()
    await expect(page.locator('th', { hasText: 'Calls' }).getAttribute('aria-sort')).resolves.toBe(
      'descending',
    )
    const desc = (await column(page, 1)).map(parseCount)
    expect(desc).toEqual(tools.map((t) => t.calls).sort((a, b) => b - a))
    expect(desc).not.toEqual(tools.map((t) => t.calls))
    await page.locator('th', { hasText: 'Calls' }).getByRole('button').click()
    await page.waitForURL(/sort=calls&dir=asc/)
    await page.locator('th[aria-sort="ascending"]').waitFor()
    expect((await column(page, 1)).map(parseCount)).toEqual(tools.map((t) => t.calls).sort((a, b) => a - b))
  })

  it('opens a sorted list straight from a link', async () => {
    const other = await browser.newPage()
    await signIn(other, stack, 'viewer', `/${stack.projectId}/tools?${window.query}&sort=tool&dir=asc`)
    await other.locator('table.table tbody tr').first().waitFor()
    const names = (await column(other, 0)).map((text) => text.split(' ')[0] ?? '')
    expect(names).toEqual(tools.map((t) => t.tool).sort((a, b) => a.localeCompare(b, 'en')))
    await other.close()
  })
})

describe('Tool page', () => {
  let page: Page

  beforeAll(async () => {
    page = await browser.newPage()
    const path = `/${stack.projectId}/tools/${CHANGED.tool}?${window.query}&server=${CHANGED.server}`
    await signIn(page, stack, 'admin', path)
  })

  it('shows the tool’s own figures: the api’s overview filtered to it', async () => {
    const { one, all } = await apiQuery<{ one: { calls: number }; all: { calls: number } }>(
      stack,
      `query($p: ID!, $f: DateTime!, $t: DateTime!, $s: String, $tool: String) {
        one: overview(projectId: $p, from: $f, to: $t, serverName: $s, tool: $tool) { calls }
        all: overview(projectId: $p, from: $f, to: $t) { calls }
      }`,
      { p: stack.projectId, f: window.from, t: window.to, s: CHANGED.server, tool: CHANGED.tool },
    )
    expect(one.calls).toBeGreaterThan(0)
    expect(one.calls).toBeLessThan(all.calls)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(CHANGED.tool)
    const tile = page.locator('.kpi', { hasText: 'Calls' }).locator('.kpi-value')
    await expect(tile.textContent()).resolves.toBe(count(one.calls))
  })

  it('draws its series', async () => {
    expect(await waitForChart(page)).toBeGreaterThanOrEqual(3)
    const drawn = await page
      .locator('.recharts-surface path.recharts-curve')
      .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 20).length)
    expect(drawn).toBeGreaterThanOrEqual(3)
  })

  it('shows its definition history with the schema change as a diff', async () => {
    const versions = page.getByTestId('tool-version')
    await versions.first().waitFor()
    expect(await versions.count()).toBe(2)
    const added = page.locator('[data-kind="added"]')
    await expect(added.allInnerTexts()).resolves.toContainEqual(
      expect.stringContaining('"include_archived": {'),
    )
    await expect(page.locator('#tool-history').textContent()).resolves.toContain('changed 1×')
    await screenshot(page, 'tool')
  })

  it('links to sessions in which the tool was denied, as the sessions query finds them', async () => {
    // Which tools the seed's denials hit depends on the time of day it ran: ask the api for the
    // most denied one rather than assume it.
    const denied = (await apiTools()).reduce((a, b) => (b.denials > a.denials ? b : a))
    expect(denied.denials, 'the seeded traffic has denials').toBeGreaterThan(0)
    const { sessions } = await apiQuery<{ sessions: { items: { sessionId: string }[] } }>(
      stack,
      `query($p: ID!, $f: DateTime!, $t: DateTime!, $tool: String) {
        sessions(projectId: $p, from: $f, to: $t, first: 5, filter: { tool: $tool, outcome: DENIED }) { items { sessionId } }
      }`,
      { p: stack.projectId, f: window.from, t: window.to, tool: denied.tool },
    )
    expect(sessions.items.length).toBeGreaterThan(0)
    const other = await browser.newPage()
    const path = `/${stack.projectId}/tools/${encodeURIComponent(denied.tool)}?${window.query}&server=${encodeURIComponent(denied.serverName)}`
    await signIn(other, stack, 'admin', path)
    const card = other.locator('.card', { hasText: 'Sessions where it was denied' })
    await card.waitFor()
    const links = card.locator('tbody tr td:first-child a')
    await links.first().waitFor()
    const ids = await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-session-id')))
    expect(ids).toEqual(sessions.items.map((s) => s.sessionId))
    await expect(links.first().getAttribute('href')).resolves.toBe(
      `/${stack.projectId}/sessions/${encodeURIComponent(sessions.items[0]!.sessionId)}?${window.query}`,
    )
    await other.close()
  })

  it('says so for a tool nobody called or listed', async () => {
    const other = await browser.newPage()
    await signIn(other, stack, 'admin', `/${stack.projectId}/tools/no_such_tool?${window.query}&server=crm`)
    // The sections stream in after the page shell: wait for them rather than look once.
    await other.getByText('No calls of no_such_tool on crm in this time range').waitFor()
    await other.getByText('No definition recorded').waitFor()
    await expect(other.getByTestId('tool-version').count()).resolves.toBe(0)
    // A tool is named by server and tool: a link without the server finds nothing.
    await other.goto(`${stack.webUrl}/${stack.projectId}/tools/search_accounts`)
    await other.getByRole('heading', { name: 'Not found' }).waitFor()
    await other.close()
  })
})

interface ApiPrincipal {
  id: string
  calls: number
  denials: number
  audienceMismatches: number
}

describe('Principals', () => {
  let page: Page

  beforeAll(async () => {
    page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/principals?${window.query}`)
  })

  for (const kind of ['USER', 'AGENT', 'CLIENT'] as const) {
    it(`lists ${kind.toLowerCase()}s as the api ranks them, with their figures`, async () => {
      const { principals } = await apiQuery<{ principals: { items: ApiPrincipal[] } }>(
        stack,
        `query($p: ID!, $f: DateTime!, $t: DateTime!, $k: PrincipalKind!) {
          principals(projectId: $p, from: $f, to: $t, kind: $k, first: 50) { items { id calls denials audienceMismatches } }
        }`,
        { p: stack.projectId, f: window.from, t: window.to, k: kind },
      )
      expect(principals.items.length).toBeGreaterThan(0)
      await page.goto(`${stack.webUrl}/${stack.projectId}/principals?${window.query}&kind=${kind}`)
      await page.locator('table.table tbody tr').first().waitFor()
      const label = { USER: 'Users', AGENT: 'Agents', CLIENT: 'OAuth clients' }[kind]
      await expect(
        page.getByRole('link', { name: label, exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('true')
      const shown = (id: string) => (id === '' ? '(none on the call)' : id)
      expect(await column(page, 0)).toEqual(principals.items.map((p) => shown(p.id)))
      expect(await column(page, 1)).toEqual(principals.items.map((p) => count(p.calls)))
      expect(await column(page, 2)).toEqual(principals.items.map((p) => count(p.denials)))
      expect(await column(page, 4)).toEqual(principals.items.map((p) => count(p.audienceMismatches)))
      const named = principals.items.find((p) => p.id !== '')!
      const filter = { USER: 'user', AGENT: 'agent', CLIENT: 'client' }[kind]
      await expect(
        page.getByRole('link', { name: named.id, exact: true }).first().getAttribute('href'),
      ).resolves.toBe(
        `/${stack.projectId}/sessions?${window.query}&${filter}=${encodeURIComponent(named.id)}`,
      )
      if (kind === 'USER') await screenshot(page, 'principals')
    })
  }

  it('switches kind from the chips, keeping the range', async () => {
    await page.goto(`${stack.webUrl}/${stack.projectId}/principals?${window.query}`)
    await page.getByRole('link', { name: 'Agents', exact: true }).click()
    await page.waitForURL(/kind=AGENT/)
    expect(new URL(page.url()).searchParams.get('from')).toBe(window.from)
    await page.locator('th', { hasText: 'Agent' }).first().waitFor()
  })
})
