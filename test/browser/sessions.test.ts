import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { apiQuery, seededWindow } from './support/api'
import { screenshot, signIn, useBrowser } from './support/browser'

const stack = inject('stack')
const window = seededWindow()
const browser = useBrowser()

interface SessionsAnswer {
  sessions: { items: { sessionId: string; denials: number }[]; nextCursor: string | null }
}
interface Step {
  traceId: string
  spanId: string
  step: number
  sources: { uri: string }[]
  input: { state: string; text: string | null }
}
interface SessionAnswer {
  session: { calls: number; steps: Step[] }
}

const SESSIONS = `query($p: ID!, $f: DateTime!, $t: DateTime!, $filter: SessionFilter) {
  sessions(projectId: $p, from: $f, to: $t, first: 50, filter: $filter) { items { sessionId denials } nextCursor } }`
const SESSION = `query($p: ID!, $s: String!) { session(projectId: $p, sessionId: $s, first: 100) {
  calls steps { traceId spanId step sources { uri } input { state text } } } }`

const sessions = (filter: Record<string, string> = {}) =>
  apiQuery<SessionsAnswer>(stack, SESSIONS, { p: stack.projectId, f: window.from, t: window.to, filter })
const session = (id: string) => apiQuery<SessionAnswer>(stack, SESSION, { p: stack.projectId, s: id })

/** A session of the seeded data with a denial and a step that read a source. */
async function sessionWithSources(): Promise<{ id: string; step: Step }> {
  const { items } = (await sessions({ outcome: 'DENIED' })).sessions
  for (const { sessionId } of items) {
    const found = (await session(sessionId)).session.steps.find(
      (s) => s.sources.length > 0 && s.input.state === 'SHOWN',
    )
    if (found !== undefined) return { id: sessionId, step: found }
  }
  throw new Error('the seeded data has no denied session with sources')
}

describe('Sessions list', () => {
  let page: Page
  beforeAll(async () => {
    page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/sessions?${window.query}`)
  })

  it('lists the api’s sessions, latest first, each linking to its timeline', async () => {
    const expected = (await sessions()).sessions
    const rows = page.getByRole('table', { name: 'Sessions' }).locator('tbody tr')
    await rows.first().waitFor()
    await expect(rows.count()).resolves.toBe(expected.items.length)
    const firstLink = rows.first().getByRole('link').first()
    await expect(firstLink.textContent()).resolves.toBe(expected.items[0]!.sessionId)
    await expect(page.getByRole('link', { name: 'Next page' }).count()).resolves.toBe(
      expected.nextCursor ? 1 : 0,
    )
    await screenshot(page, 'sessions')
  })

  it('filters by outcome through the URL', async () => {
    await page.getByLabel('Outcome').selectOption('DENIED')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/outcome=DENIED/)
    expect(new URL(page.url()).searchParams.get('from')).toBe(window.from)
    const expected = (await sessions({ outcome: 'DENIED' })).sessions.items
    expect(expected.length).toBeGreaterThan(0)
    await page.getByRole('table', { name: 'Sessions' }).waitFor()
    const ids = await page
      .getByRole('table', { name: 'Sessions' })
      .locator('tbody tr td:nth-child(2) a')
      .allTextContents()
    expect(ids).toEqual(expected.map((s) => s.sessionId))
  })
})

describe('Session timeline', () => {
  it('shows every step in order; a step opens to its arguments, result and sources', async () => {
    const { id, step } = await sessionWithSources()
    const expected = (await session(id)).session
    const page = await browser.newPage()
    // Signed in first: a URL fragment does not survive the login redirect (browsers never send it).
    await signIn(page, stack, 'admin')
    await page.goto(
      `${stack.webUrl}/${stack.projectId}/sessions/${encodeURIComponent(id)}#step-${step.spanId}`,
    )
    const steps = page.getByRole('list', { name: 'Steps' }).locator(':scope > li')
    await steps.first().waitFor()
    await expect(steps.count()).resolves.toBe(expected.steps.length)
    // The linked step opens itself (#step-<span id>) once the page is interactive.
    const opened = page.locator(`#step-${step.spanId}`)
    await opened.locator('.step-detail').waitFor({ state: 'visible' })
    const provenance = opened.getByRole('region', { name: 'Provenance' })
    await expect(provenance.locator('tbody tr').count()).resolves.toBe(step.sources.length)
    const args = await opened.locator('pre.payload').first().textContent()
    expect(JSON.parse(args ?? '')).toEqual(JSON.parse(step.input.text ?? ''))
    await screenshot(page, 'session')

    await opened.getByRole('link', { name: 'waterfall' }).click()
    await page.waitForURL(new RegExp(`/traces/${step.traceId}`))
    const bars = page.locator('.span-bar')
    await bars.first().waitFor({ state: 'attached' })
    const trace = await apiQuery<{ trace: { spans: unknown[] } }>(
      stack,
      'query($p: ID!, $t: String!) { trace(projectId: $p, traceId: $t) { spans { spanId } } }',
      { p: stack.projectId, t: step.traceId },
    )
    await expect(bars.count()).resolves.toBe(trace.trace.spans.length)
    await screenshot(page, 'trace')
    await page.close()
  })

  it('shows a viewer that payloads are withheld, never blank', async () => {
    const { id, step } = await sessionWithSources()
    const page = await browser.newPage()
    // Signed in first: a URL fragment does not survive the login redirect (browsers never send it).
    await signIn(page, stack, 'viewer')
    await page.goto(
      `${stack.webUrl}/${stack.projectId}/sessions/${encodeURIComponent(id)}#step-${step.spanId}`,
    )
    const opened = page.locator(`#step-${step.spanId}`)
    await opened.locator('.step-detail').waitFor({ state: 'visible' })
    expect(await opened.locator('pre.payload').count()).toBe(0)
    const withheld = opened.locator('[data-payload="withheld"]')
    expect(await withheld.count()).toBeGreaterThanOrEqual(2)
    await expect(withheld.first().textContent()).resolves.toContain('Withheld for your role')
    await screenshot(page, 'session-viewer')
    await page.close()
  })

  it('answers an unknown session with the not-found page', async () => {
    const page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/sessions/no-such-session`)
    await expect(page.getByRole('heading', { name: 'Not found' }).isVisible()).resolves.toBe(true)
    await page.close()
  })
})
