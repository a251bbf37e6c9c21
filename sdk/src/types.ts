import type { InstrumentationConfig } from '@opentelemetry/instrumentation'
import type { DenialClassifierOptions } from './classify/index.js'
import type { DetectorOptions } from './detect/index.js'
import type { McpRequestExtra } from './internal-types.js'
import type { CaptureMode, RedactionOptions } from './redact/index.js'

/** Side effect class of a tool call (SEMCONV.md §3.5). */
export type SideEffect = 'read' | 'draft' | 'write' | 'unknown'

/** Who a call acts for, as the server's own auth knows it. Every field is optional. */
export interface Identity {
  userId?: string
  agentId?: string
  tenant?: string
}

/** Capture modes of one call's two payloads; each falls back to the broader setting. */
export interface PayloadModes {
  /** Arguments (`tools/call`) or params (other methods). */
  input?: CaptureMode
  /** Result or error. */
  output?: CaptureMode
}

/**
 * Payload capture: the redaction rules, a default mode, and modes per payload and per tool
 * (e.g. `{ mode: 'redacted', tools: { get_medical_record: { output: 'none' } } }`).
 */
export interface CaptureOptions extends RedactionOptions, PayloadModes {
  /** Modes for the calls of one tool, over `input` / `output` / `mode`. @default {} */
  tools?: Readonly<Record<string, PayloadModes>>
}

/** Options of {@link instrument} and the `TollgateInstrumentation` class. */
export interface TollgateConfig extends InstrumentationConfig {
  /**
   * Resolves the user, agent and tenant of a request from what the transport passed
   * (`authInfo`, HTTP headers). Runs inside a guard: an exception is reported to `diag`
   * and the call is recorded without identity.
   * @default reads `sub`, `act.sub` / `azp` and `tenant` from `authInfo.extra`
   */
  identify?: (extra: McpRequestExtra) => Identity | undefined
  /**
   * This server's resource URL (RFC 8707), compared with the token's audience to set
   * `tollgate.token.audience_match`.
   * @default unset: the audience is recorded, the match is not
   */
  resourceUrl?: string
  /**
   * Side effect per tool name, overriding the tool's annotations.
   * @default {} (annotations decide: `readOnlyHint` → read, `destructiveHint` → write)
   */
  sideEffects?: Readonly<Record<string, SideEffect>>
  /** How payloads are captured and redacted before export. @default mode `redacted` everywhere */
  capture?: CaptureOptions
  /** Maps error texts to inferred denials. @default the built-in patterns */
  denials?: DenialClassifierOptions
  /** Flags suspicious content in tool outputs. @default enabled, no allowed hosts */
  detector?: DetectorOptions
}
