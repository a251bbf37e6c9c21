/**
 * Versions for ReplacingMergeTree rows (`version UInt64`): wall-clock
 * microseconds, bumped so one writer never hands out the same or a smaller
 * version twice (two changes in one millisecond must still be ordered).
 * One instance per store, passed in; never a module-level counter.
 */
export class VersionClock {
  private last = 0

  constructor(private readonly now: () => number = Date.now) {}

  /** The next version, strictly greater than every earlier one from this clock. */
  next(): number {
    this.last = Math.max(this.now() * 1000, this.last + 1)
    return this.last
  }
}
