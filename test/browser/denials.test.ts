import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { apiQuery, seededWindow } from './support/api'
import { screenshot, signIn, useBrowser, waitForChart } from './support/browser'

// The Denials, Provenance and Audit log pages against the api's own answers for the same window.

const stack = inject('stack')
const window = seededWindow()
const browser = useBrowser()

interface ApiDenials {
  denials: {
    denials: number
    bucketSeconds: number
    series: { start: string; calls: number; denials: number; spike: boolean }[]
    groups: { key: string; denials: number }[]
  }
}

const denialsOf = (by: string) =>
  apiQuery<ApiDenials>(
    stack,
    `query($p: ID!, $f: DateTime!, $t: DateTime!, $by: DenialDimension!) {
      denials(projectId: $p, from: $f, to: $t, by: $by, top: 20) {
        denials bucketSeconds series { start calls denials spike } groups { key denials }
      }
    }`,
    { p: stack.projectId, f: window.from, t: window.to, by },
  )

/** The breakdown table's rows as [key cell text, denials]. */
async function breakdownRows(page: Page): Promise<[string, number][]> {
  return page.locator('table[data-by] tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll('td')
      return [cells[0]?.textContent ?? '', Number((cells[1]?.textContent ?? '').replaceAll(',', ''))]
    }),
  )
}

const shownKey = (key: string) => (key === '' ? '(not on the call)' : key)

describe('Denials', () => {
  let page: Page

  beforeAll(async () => {
    page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/denials?${window.query}`)
  })

  it('shows the api’s total and draws the rate with a marker on every spike', async () => {
    const { denials } = await denialsOf('REASON')
    const spikes = denials.series.filter((b) => b.spike)
    expect(spikes.length, 'the seeded traffic has denial spikes').toBeGreaterThan(0)
    const tile = page.locator('.kpi', { hasText: 'Denials' }).locator('.kpi-value')
    await expect(tile.textContent()).resolves.toBe(denials.denials.toLocaleString('en-US'))
    expect(await waitForChart(page)).toBeGreaterThan(0)
    const drawn = await page
      .locator('.recharts-surface path.recharts-curve')
      .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 20).length)
    expect(drawn).toBeGreaterThanOrEqual(1)
    await expect(page.locator('.recharts-surface .spike-marker circle').count()).resolves.toBe(spikes.length)
  })

  it('lists each spike as a link to the denied sessions of exactly that bucket', async () => {
    const { denials } = await denialsOf('REASON')
    const expected = denials.series
      .filter((b) => b.spike)
      .reverse()
      .map((b) => {
        const from = new Date(Date.parse(b.start))
        const to = new Date(from.getTime() + denials.bucketSeconds * 1000)
        const query = new URLSearchParams({
          from: from.toISOString(),
          to: to.toISOString(),
          outcome: 'DENIED',
        })
        return `/${stack.projectId}/sessions?${query}`
      })
    const hrefs = await page
      .locator('a.spike-link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(hrefs).toEqual(expected)
  })

  it('breaks denials down by reason by default, then by user after the switch, as the api does', async () => {
    const byReason = await denialsOf('REASON')
    expect(byReason.denials.groups.length).toBeGreaterThan(0)
    expect(await breakdownRows(page)).toEqual(
      byReason.denials.groups.map((g) => [shownKey(g.key), g.denials]),
    )
    await page.mouse.move(0, 0) // no chart tooltip in the picture
    await screenshot(page, 'denials')

    await page
      .getByRole('navigation', { name: 'Break denials down by' })
      .getByRole('link', { name: 'User', exact: true })
      .click()
    await page.waitForURL(/[?&]by=USER/)
    await page.locator('table[data-by="USER"]').waitFor()
    const byUser = await denialsOf('USER')
    expect(await breakdownRows(page)).toEqual(byUser.denials.groups.map((g) => [shownKey(g.key), g.denials]))
    const named = byUser.denials.groups.find((g) => g.key !== '')!
    const href = await page.getByRole('link', { name: named.key, exact: true }).getAttribute('href')
    const url = new URL(href!, stack.webUrl)
    expect(url.pathname).toBe(`/${stack.projectId}/sessions`)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: window.from,
      to: window.to,
      user: named.key,
      outcome: 'DENIED',
    })
    await page.close()
  })
})

interface ProvenanceItem {
  traceId: string
  spanId: string
  sessionId: string
  uri: string
}

/** A URI some seeded call read, found through the api (a session's steps and their sources). */
async function seededSource(): Promise<ProvenanceItem> {
  const { sessions } = await apiQuery<{ sessions: { items: { sessionId: string }[] } }>(
    stack,
    'query($p: ID!, $f: DateTime!, $t: DateTime!) { sessions(projectId: $p, from: $f, to: $t, first: 20) { items { sessionId } } }',
    { p: stack.projectId, f: window.from, t: window.to },
  )
  for (const { sessionId } of sessions.items) {
    const { session } = await apiQuery<{
      session: {
        steps: { traceId: string; spanId: string; sources: { uri: string; filter: { state: string } }[] }[]
      } | null
    }>(
      stack,
      'query($p: ID!, $s: String!) { session(projectId: $p, sessionId: $s, first: 100) { steps { traceId spanId sources { uri filter { state } } } } }',
      { p: stack.projectId, s: sessionId },
    )
    // A source with a recorded filter, so a viewer has something withheld to see.
    const readable = (source: { uri: string; filter: { state: string } }) =>
      source.uri !== '' && source.filter.state === 'SHOWN'
    const step = session?.steps.find((s) => s.sources.some(readable))
    if (step !== undefined) {
      return {
        traceId: step.traceId,
        spanId: step.spanId,
        sessionId,
        uri: step.sources.find(readable)!.uri,
      }
    }
  }
  throw new Error('no seeded call with a source URI in the first 20 sessions')
}

describe('Provenance', () => {
  let source: ProvenanceItem

  beforeAll(async () => {
    source = await seededSource()
  })

  it('finds the same calls for a URI as the api, each linking to its session step', async () => {
    const { provenanceByUri } = await apiQuery<{
      provenanceByUri: { items: ProvenanceItem[]; nextCursor: string | null }
    }>(
      stack,
      `query($p: ID!, $f: DateTime!, $t: DateTime!, $u: String!) {
        provenanceByUri(projectId: $p, from: $f, to: $t, uri: $u, first: 50) { items { traceId spanId sessionId uri } nextCursor }
      }`,
      { p: stack.projectId, f: window.from, t: window.to, u: source.uri },
    )
    expect(provenanceByUri.items.length).toBeGreaterThan(0)
    const page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/provenance?${window.query}`)
    await page.getByLabel('Source URI').fill(source.uri)
    await page.getByRole('button', { name: 'Find calls' }).click()
    await page.locator('.provenance-table').waitFor()
    expect(new URL(page.url()).searchParams.get('uri')).toBe(source.uri)
    const rows = page.locator('.provenance-table tbody tr')
    await expect(rows.count()).resolves.toBe(provenanceByUri.items.length)
    const first = provenanceByUri.items[0]!
    const href = await rows.first().getByRole('link').first().getAttribute('href')
    expect(href).toBe(
      `/${stack.projectId}/sessions/${encodeURIComponent(first.sessionId)}?${window.query}#step-${first.spanId}`,
    )
    await expect(page.getByRole('link', { name: 'Older reads' }).count()).resolves.toBe(
      provenanceByUri.nextCursor === null ? 0 : 1,
    )
    await screenshot(page, 'provenance')
    await page.close()
  })

  it('lists one call’s sources, as the api does', async () => {
    const { provenanceOfCall } = await apiQuery<{ provenanceOfCall: { uri: string }[] }>(
      stack,
      'query($p: ID!, $tr: String!, $sp: String!) { provenanceOfCall(projectId: $p, traceId: $tr, spanId: $sp) { uri } }',
      { p: stack.projectId, tr: source.traceId, sp: source.spanId },
    )
    const page = await browser.newPage()
    await signIn(
      page,
      stack,
      'admin',
      `/${stack.projectId}/provenance?trace=${source.traceId}&span=${source.spanId}`,
    )
    await page.locator('.provenance-table').waitFor()
    const uris = await page
      .locator('.provenance-table tbody tr td:nth-child(2)')
      .evaluateAll((cells) => cells.map((c) => c.textContent))
    expect(uris).toEqual(provenanceOfCall.map((r) => r.uri))
    await page.close()
  })

  it('shows a viewer that a filter exists but is withheld, never a blank', async () => {
    const page = await browser.newPage()
    await signIn(
      page,
      stack,
      'viewer',
      `/${stack.projectId}/provenance?uri=${encodeURIComponent(source.uri)}&${window.query}`,
    )
    const { provenanceByUri } = await apiQuery<{
      provenanceByUri: { items: { filter: { state: string } }[] }
    }>(
      stack,
      `query($p: ID!, $f: DateTime!, $t: DateTime!, $u: String!) {
        provenanceByUri(projectId: $p, from: $f, to: $t, uri: $u, first: 50) { items { filter { state } } }
      }`,
      { p: stack.projectId, f: window.from, t: window.to, u: source.uri },
    )
    const states = provenanceByUri.items.map((r) => r.filter.state)
    expect(states).toContain('SHOWN')
    await page.locator('.provenance-table').waitFor()
    const filters = await page.locator('.provenance-table tbody tr td:last-child').allTextContents()
    expect(filters.length).toBe(states.length)
    // What the admin reads, the viewer sees as withheld (with its size); nothing recorded stays so.
    const withheld = filters.filter((t) => /^Withheld for your role( · [\d.]+ (B|KiB))?$/.test(t))
    expect(withheld.length).toBe(states.filter((s) => s === 'SHOWN').length)
    expect(filters.filter((t) => t === 'not recorded').length).toBe(
      states.filter((s) => s === 'ABSENT').length,
    )
    await page.close()
  })
})

interface AuditItem {
  actor: string
  action: string
  target: string
}

describe('Audit log', () => {
  it('shows an admin the api’s records, filters by actor in the URL, and downloads the range', async () => {
    const page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/audit?${window.query}`)
    await page.locator('.audit-table').waitFor()
    const { auditLog } = await apiQuery<{ auditLog: { items: AuditItem[] } }>(
      stack,
      'query($p: ID!, $f: DateTime!, $t: DateTime!) { auditLog(projectId: $p, from: $f, to: $t, first: 50) { items { actor action target } } }',
      { p: stack.projectId, f: window.from, t: window.to },
    )
    expect(auditLog.items.some((r) => r.actor === 'admin')).toBe(true)
    const shown = await page.locator('.audit-table tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const cells = row.querySelectorAll('td')
        return { actor: cells[1]?.textContent, action: cells[2]?.textContent, target: cells[3]?.textContent }
      }),
    )
    expect(shown).toEqual(auditLog.items)
    await screenshot(page, 'audit')

    const download = await page.request.get(
      `${stack.webUrl}${await page.getByRole('link', { name: 'CSV' }).getAttribute('href')}`,
    )
    expect(download.status()).toBe(200)
    expect(download.headers()['content-type']).toContain('text/csv')
    expect(download.headers()['content-disposition']).toMatch(
      /^attachment; filename="tollgate-audit-default-/,
    )
    const lines = (await download.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,at,actor,action,target,details')
    expect(lines.length - 1).toBeGreaterThanOrEqual(auditLog.items.length)

    await page.locator('.audit-table tbody').getByRole('link', { name: 'admin', exact: true }).first().click()
    await page.waitForURL(/[?&]actor=admin/)
    // The filtered page streams in after the URL changes: poll until its rows are there.
    const actors = () => page.locator('.audit-table tbody tr td:nth-child(2)').allTextContents()
    await expect.poll(async () => [...new Set(await actors())], { timeout: 10_000 }).toEqual(['admin'])
    // The action filter: the admin adding the viewer, as the api has it.
    await page.getByLabel('Action').selectOption('member.set')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL(/[?&]action=member\.set/)
    const memberSet = await apiQuery<{ auditLog: { items: AuditItem[] } }>(
      stack,
      'query($p: ID!, $f: DateTime!, $t: DateTime!) { auditLog(projectId: $p, from: $f, to: $t, action: "member.set", actor: "admin") { items { actor action target } } }',
      { p: stack.projectId, f: window.from, t: window.to },
    )
    expect(memberSet.auditLog.items).toContainEqual({
      actor: 'admin',
      action: 'member.set',
      target: stack.users.viewer.username,
    })
    const rowsOf = () =>
      page.locator('.audit-table tbody tr').evaluateAll((rows) =>
        rows.map((row) => {
          const cells = row.querySelectorAll('td')
          return {
            actor: cells[1]?.textContent,
            action: cells[2]?.textContent,
            target: cells[3]?.textContent,
          }
        }),
      )
    await expect.poll(rowsOf, { timeout: 10_000 }).toEqual(memberSet.auditLog.items)
    await page.close()
  })

  it('tells a viewer the log is for admins only, not an error page', async () => {
    const page = await browser.newPage()
    await signIn(page, stack, 'viewer', `/${stack.projectId}/audit?${window.query}`)
    await expect(page.getByRole('heading', { name: 'Admins only' }).isVisible()).resolves.toBe(true)
    await expect(page.locator('.audit-table').count()).resolves.toBe(0)
    await expect(page.locator('.error-panel').count()).resolves.toBe(0)
    const refused = await page.request.get(
      `${stack.webUrl}/${stack.projectId}/audit/export?${window.query}&format=csv`,
    )
    expect(refused.status()).toBe(403)
    await page.close()
  })
})
