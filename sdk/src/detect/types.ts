/** Configuration of the untrusted-content detector (SEMCONV.md §3.7). */
export interface DetectorOptions {
  /**
   * Hosts that markdown links and images (and `<img src>`) may point at without a flag:
   * an exact host name (`docs.example.com`) or `*.example.com` for every subdomain of
   * `example.com` (not `example.com` itself). Compared case-insensitively, without port.
   * @default []
   */
  allowedHosts?: readonly string[]
  /** `false` turns the detector off: it then never reports anything. @default true */
  enabled?: boolean
}

/** What the detector found in a call's texts. */
export interface Detection {
  /** Ids of the rules that fired, sorted and unique (for `tollgate.flag.rules`). */
  rules: string[]
  /** Whether any rule fired (for `tollgate.flag.injection_suspected`). */
  injectionSuspected: boolean
}

/** Scans texts (see `textsOf`) for signs of prompt injection. Never throws. */
export type Detector = (texts: readonly string[]) => Detection
