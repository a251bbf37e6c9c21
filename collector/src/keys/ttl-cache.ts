/**
 * A small map whose entries expire `ttlMs` after they were set, holding at most
 * `maxEntries` (then expired entries go first, else the oldest). Bounded so that
 * a flood of distinct unknown keys cannot grow memory.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The live value for `key`, or undefined (expired entries are dropped on read). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry.value
  }

  /** Stores `value` for `ttlMs`. */
  set(key: K, value: V): void {
    this.entries.delete(key) // re-insert at the end: Map order is age order
    if (this.entries.size >= this.maxEntries) this.evict()
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs })
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.entries.delete(key)
  }

  /** Number of entries held, expired ones included until evicted. */
  get size(): number {
    return this.entries.size
  }

  private evict(): void {
    const now = this.now()
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key)
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next()
      if (oldest.done === true) break
      this.entries.delete(oldest.value)
    }
  }
}
