/**
 * How the collector classifies an MCP call (SEMCONV.md, "How the collector
 * classifies a call"). Pure functions of already-read values, so the rules can
 * be tested as a table.
 */
import type { CallOutcome } from '../storage/rows'
import { CALLER_FAULT_CODES } from './semconv'

/** What the outcome rules look at, read from one span and its events. */
export interface OutcomeInputs {
  /** `tollgate.authz.outcome` ('' when absent). */
  authzOutcome: string
  /** `tollgate.authz.denial_source` ('' when absent). */
  denialSource: string
  /** Number of `tollgate.denial` events. */
  denialEvents: number
  /** Number of `tollgate.partial` events. */
  partialEvents: number
  /** The error class after fallbacks ('' when the call did not fail). */
  errorType: string
}

/**
 * First rule that matches wins: denied (authz outcome `denied`, a denial event,
 * or an auth refusal) → partial (authz outcome `partial` or a partial event) →
 * error (any error type) → ok.
 */
export function classifyOutcome(i: OutcomeInputs): CallOutcome {
  if (i.authzOutcome === 'denied' || i.denialEvents > 0 || i.denialSource === 'auth') return 'denied'
  if (i.authzOutcome === 'partial' || i.partialEvents > 0) return 'partial'
  if (i.errorType !== '') return 'error'
  return 'ok'
}

/**
 * `denial_source`: the reported one, else derived from the denial events
 * (`inferred` when any of them was inferred, else `explicit`), else ''.
 */
export function deriveDenialSource(reported: string, denialEvents: number, inferredEvents: number): string {
  switch (reported) {
    case 'explicit':
    case 'inferred':
    case 'auth':
      return reported
  }
  if (denialEvents === 0) return ''
  return inferredEvents > 0 ? 'inferred' : 'explicit'
}

/**
 * The numeric JSON-RPC code of a failed call: `rpc.response.status_code`, else
 * `error.type` when it is a code; 0 when neither is an integer.
 */
export function errorCodeOf(statusCode: string, errorType: string): number {
  const fromStatus = toInt(statusCode)
  return fromStatus !== 0 ? fromStatus : toInt(errorType)
}

/** 1 when `code` is one of the caller-fault codes (-32700, -32600, -32601, -32602, -32002). */
export function callerFault(code: number): number {
  return code !== 0 && CALLER_FAULT_CODES.includes(code) ? 1 : 0
}

function toInt(v: string): number {
  if (v === '') return 0
  const n = Number(v)
  return Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647 ? n : 0
}

/** The value when it is one of `allowed`, else ''. Keeps LowCardinality columns clean. */
export function oneOf(value: string, allowed: readonly string[]): string {
  return allowed.includes(value) ? value : ''
}
