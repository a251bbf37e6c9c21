import { describe, expect, inject, it } from 'vitest'
import { apiQuery, seededWindow } from './support/api'
import { screenshot, signIn, useBrowser, waitForChart } from './support/browser'

const stack = inject('stack')
const window = seededWindow()
const browser = useBrowser()

describe('an investigation: denial spike → session → step → provenance', () => {
  it('follows one thread from a spike on Denials to the sources behind a step', async () => {
    const { denials } = await apiQuery<{
      denials: { bucketSeconds: number; series: { start: string; spike: boolean }[] }
    }>(
      stack,
      'query($p: ID!, $f: DateTime!, $t: DateTime!) { denials(projectId: $p, from: $f, to: $t) { bucketSeconds series { start spike } } }',
      { p: stack.projectId, f: window.from, t: window.to },
    )
    // Newest first, as the page lists them.
    const spikes = denials.series.filter((b) => b.spike).reverse()
    expect(spikes.length, 'the seeded traffic has a denial spike').toBeGreaterThan(0)
    const target = await spikeWithSources(spikes, denials.bucketSeconds)

    const page = await browser.newPage()
    await signIn(page, stack, 'admin', `/${stack.projectId}/denials?${window.query}`)
    expect(await waitForChart(page)).toBeGreaterThan(0)
    const spikeLinks = page.locator('a.spike-link')
    await spikeLinks.first().waitFor()
    await expect(spikeLinks.count()).resolves.toBe(spikes.length)

    // 1. The spike → the denied sessions of that bucket.
    await spikeLinks.nth(target.spike).click()
    await page.waitForURL(/\/sessions\?.*outcome=DENIED/)
    const sessionLinks = page.getByRole('table', { name: 'Sessions' }).locator('tbody tr td:nth-child(2) a')
    await sessionLinks.first().waitFor()
    await expect(sessionLinks.allTextContents()).resolves.toContain(target.sessionId)

    // 2. One of them → its timeline.
    await page.getByRole('link', { name: target.sessionId, exact: true }).click()
    await page.waitForURL(new RegExp(`/sessions/${target.sessionId}`))

    // 3. The step opens to its sources.
    const step = page.locator(`#step-${target.spanId}`)
    await step.locator('summary').click()
    const sources = step.getByRole('region', { name: 'Provenance' }).locator('tbody tr')
    await sources.first().waitFor({ state: 'visible' })
    await screenshot(page, 'investigation-step')

    // 4. A source → every call that read it.
    const uriLink = sources.first().getByRole('link').first()
    const uri = await uriLink.textContent()
    await uriLink.click()
    await page.waitForURL(/\/provenance\?/)
    expect(new URL(page.url()).searchParams.get('uri')).toBe(uri)
    await page.getByRole('table').first().locator('tbody tr').first().waitFor()
    expect(await page.getByRole('table').first().locator('tbody tr').count()).toBeGreaterThan(0)
    await screenshot(page, 'investigation-provenance')
    await page.close()
  })
})

/**
 * Which spike (index, newest first) holds a denied session with a step that read a source,
 * and which: asked of the api, so the walk through the pages can be checked against it.
 */
async function spikeWithSources(spikes: { start: string }[], bucketSeconds: number) {
  for (const [spike, bucket] of spikes.entries()) {
    const to = new Date(Date.parse(bucket.start) + bucketSeconds * 1000).toISOString()
    const { sessions } = await apiQuery<{ sessions: { items: { sessionId: string }[] } }>(
      stack,
      'query($p: ID!, $f: DateTime!, $t: DateTime!) { sessions(projectId: $p, from: $f, to: $t, first: 50, filter: { outcome: DENIED }) { items { sessionId } } }',
      { p: stack.projectId, f: bucket.start, t: to },
    )
    for (const { sessionId } of sessions.items) {
      const { session } = await apiQuery<{ session: { steps: { spanId: string; sources: unknown[] }[] } }>(
        stack,
        'query($p: ID!, $s: String!) { session(projectId: $p, sessionId: $s, first: 100) { steps { spanId sources { uri } } } }',
        { p: stack.projectId, s: sessionId },
      )
      const step = session.steps.find((s) => s.sources.length > 0)
      if (step !== undefined) return { spike, sessionId, spanId: step.spanId }
    }
  }
  throw new Error('no denial spike of the seeded data holds a denied session that read a source')
}
