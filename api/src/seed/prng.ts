/**
 * The generator's one source of randomness: sfc32 seeded through splitmix32, so a
 * `--seed` integer fixes every value the generator produces (tests compare exact
 * numbers). Fast and small rather than cryptographic: ids only need to be distinct.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** A seeded pseudo-random stream with the draws the generator needs. */
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number
  /** Second value of the last Box–Muller pair, or NaN. */
  private spareNormal = Number.NaN

  constructor(seed: number) {
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    // The first outputs of sfc32 still show the seed; discard them.
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Uniform integer in [min, max]. */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Standard normal (Box–Muller, both values of each pair used). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const spare = this.spareNormal
      this.spareNormal = Number.NaN
      return spare
    }
    const u = 1 - this.next()
    const v = this.next()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spareNormal = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median and shape σ (of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** `bytes` random bytes as lower-case hex (span id: 8, trace id: 16). */
  hex(bytes: number): string {
    let out = ''
    for (let i = 0; i < bytes; i += 4) {
      const v = this.uint32()
      out += HEX[v & 0xff]! + HEX[(v >>> 8) & 0xff]! + HEX[(v >>> 16) & 0xff]! + HEX[v >>> 24]!
    }
    return bytes % 4 === 0 ? out : out.slice(0, bytes * 2)
  }

  /** A random version-4-shaped UUID (what HTTP MCP servers use as `Mcp-Session-Id`). */
  uuid(): string {
    const h = this.hex(16)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`
  }
}

/** Picks items with fixed weights in O(log n): cumulative table + binary search. */
export class Weighted<T> {
  private readonly cumulative: Float64Array
  private readonly total: number

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('Weighted: bad input')
    this.cumulative = new Float64Array(items.length)
    let sum = 0
    for (let i = 0; i < items.length; i++) {
      sum += weights[i]!
      this.cumulative[i] = sum
    }
    this.total = sum
  }

  /** Items weighted by Zipf's law: the k-th (0-based) has weight 1/(k+1)^s. */
  static zipf<T>(items: readonly T[], s: number): Weighted<T> {
    return new Weighted(
      items,
      items.map((_, k) => 1 / (k + 1) ** s),
    )
  }

  /** One item drawn from `prng`. */
  pick(prng: Prng): T {
    const x = prng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo] as T
  }
}
