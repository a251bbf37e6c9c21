export type {
  ApprovalOptions,
  DenyOptions,
  PartialOptions,
  ProvenanceOptions,
  ToolResult,
  UntrustedOptions,
} from './api.js'
export { approval, deny, partial, provenance, untrusted, withPartialNotice } from './api.js'
export type { Middleware, RefusalTracingOptions, TokenVerifier } from './auth/trace-bearer-auth.js'
export { traceBearerAuth } from './auth/trace-bearer-auth.js'
export type { InstrumentOptions } from './instrument.js'
export { instrument } from './instrument.js'
export { SUPPORTED_VERSIONS, TollgateInstrumentation } from './instrumentation.js'
export type { CaptureMode, RedactionOptions, ValuePattern } from './redact/index.js'
export type { CaptureOptions, Identity, PayloadModes, SideEffect, TollgateConfig } from './types.js'
