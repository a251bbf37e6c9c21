import { describe, expect, it } from 'vitest'
import type { DenialsQuery } from '../../graphql/generated'
import { denialKpis, prepareDenials } from './prepare'

type Denials = DenialsQuery['denials']

const denials = (over: Partial<Denials> = {}): Denials => ({
  by: 'USER',
  calls: 1000,
  denials: 100,
  denialRate: 0.1,
  explicit: 60,
  inferred: 30,
  auth: 10,
  bucketSeconds: 3600,
  series: [
    { start: '2026-11-21T10:00:00Z', calls: 400, denials: 20, spike: false },
    { start: '2026-11-21T11:00:00Z', calls: 0, denials: 0, spike: false },
    { start: '2026-11-21T12:00:00Z', calls: 200, denials: 50, spike: true },
    { start: '2026-11-21T13:00:00Z', calls: 400, denials: 30, spike: true },
  ],
  groups: [
    { key: 'alice', denials: 70 },
    { key: '', denials: 20 },
  ],
  ...over,
})

describe('prepareDenials', () => {
  it('draws the rate with a gap where a bucket had no calls, not a zero', () => {
    const view = prepareDenials(denials())
    expect(view.points.map((p) => p.denialRate)).toEqual([0.05, null, 0.25, 0.075])
    expect(view.points.map((p) => p.denials)).toEqual([20, 0, 50, 30])
    expect(view.points[0]!.t).toBe(Date.parse('2026-11-21T10:00:00Z'))
  })

  it('marks spike buckets on the rate line and lists them newest first with their own window', () => {
    const view = prepareDenials(denials())
    expect(view.markers).toEqual([
      { t: Date.parse('2026-11-21T12:00:00Z'), value: 0.25 },
      { t: Date.parse('2026-11-21T13:00:00Z'), value: 0.075 },
    ])
    expect(view.spikes).toEqual([
      {
        from: '2026-11-21T13:00:00.000Z',
        to: '2026-11-21T14:00:00.000Z',
        denials: 30,
        calls: 400,
        rate: 0.075,
      },
      {
        from: '2026-11-21T12:00:00.000Z',
        to: '2026-11-21T13:00:00.000Z',
        denials: 50,
        calls: 200,
        rate: 0.25,
      },
    ])
  })

  it('splits denials by how they were decided', () => {
    expect(prepareDenials(denials()).sources.map((s) => [s.key, s.count, s.share])).toEqual([
      ['explicit', 60, 0.6],
      ['inferred', 30, 0.3],
      ['auth', 10, 0.1],
    ])
    const none = prepareDenials(denials({ denials: 0, explicit: 0, inferred: 0, auth: 0 }))
    expect(none.sources.map((s) => s.share)).toEqual([0, 0, 0])
  })

  it('gives each group its share of the denials and what the top groups leave out', () => {
    const view = prepareDenials(denials())
    expect(view.groups).toEqual([
      { key: 'alice', denials: 70, share: 0.7 },
      { key: '', denials: 20, share: 0.2 },
    ])
    expect(view.rest).toBe(10)
    expect(view.overlapping).toBe(false)
  })

  it('gives no remainder where a call counts in several groups (scopes, reasons, resources)', () => {
    const view = prepareDenials(
      denials({
        by: 'SCOPE',
        groups: [
          { key: 'crm.read', denials: 90 },
          { key: 'crm.write', denials: 80 },
        ],
      }),
    )
    expect(view.rest).toBeNull()
    expect(view.overlapping).toBe(true)
  })

  it('is empty only without calls', () => {
    expect(prepareDenials(denials()).empty).toBe(false)
    expect(prepareDenials(denials({ calls: 0, series: [] })).empty).toBe(true)
  })
})

describe('denialKpis', () => {
  it('compares denials, rate and calls with the previous period', () => {
    const kpis = denialKpis(denials(), { calls: 500, denials: 25, denialRate: 0.05 })
    expect(kpis.map((k) => [k.label, k.value, k.current, k.previous, k.worseWhen])).toEqual([
      ['Denials', '100', 100, 25, 'up'],
      ['Denial rate', '10%', 0.1, 0.05, 'up'],
      ['Calls', '1,000', 1000, 500, 'neither'],
    ])
  })

  it('gives no previous rate when the previous period had no calls', () => {
    expect(denialKpis(denials(), { calls: 0, denials: 0, denialRate: 0 })[1]!.previous).toBeNull()
  })
})
