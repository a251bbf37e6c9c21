import { describe, expect, it } from 'vitest'
import { LoginBrake } from './login-brake'

describe('LoginBrake', () => {
  it('locks a key after maxFailures within the window, for the window', () => {
    let now = 1_000_000
    const brake = new LoginBrake({ maxFailures: 3, windowMs: 60_000, now: () => now })
    expect(brake.fail('k')).toBe(false)
    expect(brake.fail('k')).toBe(false)
    expect(brake.retryAfterMs('k')).toBe(0)
    expect(brake.fail('k')).toBe(true)
    expect(brake.retryAfterMs('k')).toBe(60_000)
    expect(brake.retryAfterMs('other')).toBe(0)
    now += 59_999
    expect(brake.retryAfterMs('k')).toBe(1)
    now += 1
    expect(brake.retryAfterMs('k')).toBe(0)
    // A fresh window: one failure does not lock again.
    expect(brake.fail('k')).toBe(false)
    expect(brake.retryAfterMs('k')).toBe(0)
  })

  it('forgets failures spread wider than the window, and on success', () => {
    let now = 0
    const brake = new LoginBrake({ maxFailures: 2, windowMs: 1_000, now: () => now })
    brake.fail('k')
    now = 1_000
    expect(brake.fail('k')).toBe(false)
    brake.succeed('k')
    expect(brake.fail('k')).toBe(false)
  })

  it('stays within maxEntries under a flood of keys, keeping locked keys', () => {
    const brake = new LoginBrake({ maxFailures: 1, windowMs: 60_000, maxEntries: 100, now: () => 5 })
    brake.fail('victim')
    for (let i = 0; i < 10_000; i++) brake.fail(`flood-${i}`)
    expect(brake.size).toBeLessThanOrEqual(100)
    // Every flood key locks too (maxFailures 1), so eviction had to take the oldest: still bounded.
    const mixed = new LoginBrake({ maxFailures: 2, windowMs: 60_000, maxEntries: 100, now: () => 5 })
    mixed.fail('victim')
    mixed.fail('victim')
    for (let i = 0; i < 10_000; i++) mixed.fail(`flood-${i}`)
    expect(mixed.size).toBeLessThanOrEqual(100)
    expect(mixed.retryAfterMs('victim')).toBe(60_000)
  })
})
