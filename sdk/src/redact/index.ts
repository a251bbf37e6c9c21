/** In-process payload redaction: what the SDK exports instead of raw arguments and results. */
export { createRedactor } from './redactor.js'
export type { CaptureMode, RedactedPayload, Redaction, RedactionOptions, ValuePattern } from './types.js'
