import { describe, expect, it } from 'vitest'
import type { OverviewQuery } from '../../graphql/generated'
import { prepareOverview } from './prepare'

const bucket = (start: string, calls: number, errors: number, denials: number, p95Ms: number | null) => ({
  start,
  calls,
  errors,
  denials,
  p95Ms,
})

const data = (previousCalls: number): OverviewQuery => ({
  current: {
    calls: 300,
    errors: 3,
    denials: 30,
    errorRate: 0.01,
    denialRate: 0.1,
    p50Ms: 12,
    p95Ms: 80,
    bucketSeconds: 3600,
    series: [bucket('2026-11-21T10:00:00Z', 300, 3, 30, 80), bucket('2026-11-21T11:00:00Z', 0, 0, 0, null)],
  },
  previous: { calls: previousCalls, errorRate: 0, denialRate: 0, p95Ms: previousCalls > 0 ? 100 : null },
  tools: { items: [] },
  deniedUsers: { groups: [] },
})

describe('prepareOverview', () => {
  it('makes the four tiles with their previous-period values', () => {
    const view = prepareOverview(data(150))
    expect(view.kpis.map((k) => [k.label, k.value, k.previous])).toEqual([
      ['Calls', '300', 150],
      ['Error rate', '1.0%', 0],
      ['Denial rate', '10%', 0],
      ['p95 latency', '80 ms', 100],
    ])
    expect(view.empty).toBe(false)
  })

  it('gives no previous rate when the previous period had no calls (no "new" from nothing)', () => {
    const view = prepareOverview(data(0))
    expect(view.kpis[1]!.previous).toBeNull()
    expect(view.kpis[2]!.previous).toBeNull()
  })

  it('draws a bucket without calls as a gap in the rates, not as zero', () => {
    const view = prepareOverview(data(1))
    expect(view.quality[0]).toEqual({
      t: Date.parse('2026-11-21T10:00:00Z'),
      denialRate: 0.1,
      errorRate: 0.01,
      p95: 80,
    })
    expect(view.quality[1]).toMatchObject({ denialRate: null, errorRate: null, p95: null })
    expect(view.volume[1]).toMatchObject({ calls: 0, denials: 0 })
  })
})
