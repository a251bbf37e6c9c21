import type { Attributes, Span } from '@opentelemetry/api'
import { trace } from '@opentelemetry/api'
import type { RedactedPayload } from './redact/index.js'
import * as sc from './semconv.js'

/** Redacts one value under a field path root (`arguments`, `filter`, …). */
export type Redact = (value: unknown, root: string) => RedactedPayload

/** Authorization outcome of a call (SEMCONV.md §3.4). */
export type AuthzOutcome = 'allowed' | 'denied' | 'partial'

/** What a handler reported about its call while it ran; read once when the call ends. */
export class CallState {
  outcome: AuthzOutcome | undefined
  denialSource: 'explicit' | 'inferred' | undefined
  approval: { status: 'approved' | 'rejected'; approvedBy: string } | undefined
  untrusted = false
  readonly flagRules = new Set<string>()

  constructor(
    readonly span: Span,
    private readonly redact: Redact,
  ) {}

  /** A free-text value (a provenance filter) as the capture rules allow it to leave the process. */
  redactText(text: string): string {
    const out = this.redact(text, 'filter').text
    if (out === undefined) return ''
    try {
      const parsed: unknown = JSON.parse(out)
      return typeof parsed === 'string' ? parsed : out
    } catch {
      return out
    }
  }

  /** A structured value as redacted JSON text ('' when capture is off). */
  redactJson(value: unknown): string {
    return this.redact(value, 'shown_parameters').text ?? ''
  }

  deny(attributes: Attributes, inferred: boolean): void {
    this.outcome = 'denied'
    // An explicit deny() is authoritative; an inference never overrides it.
    if (this.denialSource !== 'explicit') this.denialSource = inferred ? 'inferred' : 'explicit'
    this.span.addEvent(sc.EVENT_DENIAL, attributes)
  }

  partial(attributes: Attributes): void {
    if (this.outcome !== 'denied') this.outcome = 'partial'
    this.span.addEvent(sc.EVENT_PARTIAL, attributes)
  }
}

// A property on the span rather than a WeakMap: one WeakMap entry per call costs the
// garbage collector more than the whole lookup is worth.
const STATE = Symbol('tollgate.callState')
type WithState = Span & { [STATE]?: CallState }

/** Registers the state of a call span so the helpers below find it from the active context. */
export function attachCallState(span: Span, redact: Redact): CallState {
  const state = new CallState(span, redact)
  ;(span as WithState)[STATE] = state
  return state
}

/** The state of the MCP call running in the active context, if any. */
export function activeCallState(): CallState | undefined {
  const span = trace.getActiveSpan()
  return (span as WithState | undefined)?.[STATE]
}
