/** Options of {@link LoginBrake}. */
export interface LoginBrakeOptions {
  /** Failures allowed within `windowMs` before sign-ins are refused. @default 5 */
  maxFailures?: number
  /** Window the failures are counted in, and how long the refusal lasts. @default 15 minutes */
  windowMs?: number
  /** Most keys tracked; past it the oldest go first. @default 10000 */
  maxEntries?: number
  /** @default Date.now */
  now?: () => number
}

interface Entry {
  failures: number
  /** When the first counted failure happened; the count restarts `windowMs` after it. */
  since: number
  /** While now < lockedUntil, sign-ins are refused without checking the password. */
  lockedUntil: number
}

/**
 * A brute-force brake on password sign-ins, per key (the api uses username + client address):
 * after `maxFailures` failures within `windowMs`, the key is refused for `windowMs` without a
 * password check (which also spares the 32 MiB scrypt). In memory, per process, and bounded:
 * a flood of distinct keys evicts expired, then unlocked, then the oldest entries and never grows
 * the map past `maxEntries`.
 */
export class LoginBrake {
  private readonly entries = new Map<string, Entry>()
  private readonly maxFailures: number
  private readonly windowMs: number
  private readonly maxEntries: number
  private readonly now: () => number

  constructor(options: LoginBrakeOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5
    this.windowMs = options.windowMs ?? 15 * 60_000
    this.maxEntries = options.maxEntries ?? 10_000
    this.now = options.now ?? Date.now
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const entry = this.entries.get(key)
    return entry === undefined ? 0 : Math.max(0, entry.lockedUntil - this.now())
  }

  /** Counts a failure of `key`; true when this failure locked it. */
  fail(key: string): boolean {
    const now = this.now()
    let entry = this.entries.get(key)
    if (entry === undefined || now - entry.since >= this.windowMs) {
      entry = { failures: 0, since: now, lockedUntil: 0 }
    }
    entry.failures++
    const locks = entry.failures >= this.maxFailures && entry.lockedUntil <= now
    if (locks) entry.lockedUntil = now + this.windowMs
    this.entries.delete(key) // re-insert at the end: Map order is age order
    if (this.entries.size >= this.maxEntries) this.evict(now)
    this.entries.set(key, entry)
    return locks
  }

  /** A success: `key`'s failures are forgotten. */
  succeed(key: string): void {
    this.entries.delete(key)
  }

  /** Keys tracked. */
  get size(): number {
    return this.entries.size
  }

  private evict(now: number): void {
    for (const [key, e] of this.entries) {
      if (now - e.since >= this.windowMs && e.lockedUntil <= now) this.entries.delete(key)
    }
    // Then the oldest keys that are not locked, so a flood of new names cannot lift a lock cheaply.
    for (const [key, e] of this.entries) {
      if (this.entries.size < this.maxEntries) return
      if (e.lockedUntil <= now) this.entries.delete(key)
    }
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next()
      if (oldest.done === true) break
      this.entries.delete(oldest.value)
    }
  }
}
