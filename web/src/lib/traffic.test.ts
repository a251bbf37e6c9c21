import { describe, expect, it } from 'vitest'
import type { PreviousTrafficFragment, TrafficFiguresFragment } from '../graphql/generated'
import { prepareTraffic } from './traffic'

const bucket = (start: string, calls: number, errors: number, denials: number, p95Ms: number | null) => ({
  start,
  calls,
  errors,
  denials,
  p95Ms,
})

const current = (calls: number): TrafficFiguresFragment => ({
  calls,
  errors: calls > 0 ? 3 : 0,
  denials: calls > 0 ? 30 : 0,
  errorRate: calls > 0 ? 3 / calls : 0,
  denialRate: calls > 0 ? 30 / calls : 0,
  p50Ms: calls > 0 ? 12 : null,
  p95Ms: calls > 0 ? 80 : null,
  bucketSeconds: 3600,
  series:
    calls > 0
      ? [bucket('2026-11-21T10:00:00Z', calls, 3, 30, 80), bucket('2026-11-21T11:00:00Z', 0, 0, 0, null)]
      : [],
})

const previous = (calls: number): PreviousTrafficFragment => ({
  calls,
  errorRate: calls > 0 ? 0.5 : 0,
  denialRate: 0,
  p95Ms: calls > 0 ? 100 : null,
})

describe('prepareTraffic', () => {
  it('makes the four tiles with their previous-period values', () => {
    const view = prepareTraffic(current(300), previous(150))
    expect(view.kpis.map((k) => [k.label, k.value, k.current, k.previous, k.worseWhen])).toEqual([
      ['Calls', '300', 300, 150, 'neither'],
      ['Error rate', '1.0%', 0.01, 0.5, 'up'],
      ['Denial rate', '10%', 0.1, 0, 'up'],
      ['p95 latency', '80 ms', 80, 100, 'up'],
    ])
    expect(view.empty).toBe(false)
  })

  it('gives no previous rate when the previous period had no calls (no "new" from nothing)', () => {
    const view = prepareTraffic(current(300), previous(0))
    expect(view.kpis[1]!.previous).toBeNull()
    expect(view.kpis[2]!.previous).toBeNull()
    expect(view.kpis[3]!.previous).toBeNull()
  })

  it('gives no rate at all for a window without calls, and says it is empty', () => {
    const view = prepareTraffic(current(0), previous(0))
    expect(view.empty).toBe(true)
    expect(view.kpis.map((k) => k.value)).toEqual(['0', '—', '—', '—'])
    expect(view.volume).toEqual([])
  })

  it('gives each bucket its counts and rates, drawing a bucket without calls as a gap, not as zero', () => {
    const view = prepareTraffic(current(300), previous(1))
    expect(view.volume[0]).toEqual({
      t: Date.parse('2026-11-21T10:00:00Z'),
      calls: 300,
      errors: 3,
      denials: 30,
    })
    expect(view.rates[0]).toEqual({
      t: Date.parse('2026-11-21T10:00:00Z'),
      denialRate: 0.1,
      errorRate: 0.01,
      p95: 80,
    })
    expect(view.rates[1]).toEqual({
      t: Date.parse('2026-11-21T11:00:00Z'),
      denialRate: null,
      errorRate: null,
      p95: null,
    })
    expect(view.volume[1]).toMatchObject({ calls: 0, errors: 0, denials: 0 })
  })
})
