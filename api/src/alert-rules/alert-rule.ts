/**
 * Alert rules as stored in `alert_rules` (collector schema `alerts.ts`) and read by the
 * evaluator. The JSON shapes here are the contract:
 * - `kind`: `denial_spike | denial_rate | error_rate | misuse | tool_definition_change`;
 * - `params` (JSON object, only the kind's fields, defaults filled in):
 *   - denial_spike: `{ windowMinutes, baselineWindows, factor, minCount }` — fire when the
 *     denials of the last window exceed `factor` × the mean of the `baselineWindows` windows
 *     before it, and are at least `minCount`;
 *   - denial_rate / error_rate: `{ threshold, windowMinutes, minCalls }` — fire when the rate
 *     (0–1) over the window reaches `threshold`, with at least `minCalls` calls;
 *   - misuse: `{ minScore }` — fire when a tool's misuse score reaches it;
 *   - tool_definition_change: `{}` — fire when a tool's definition hash changes;
 * - `destinations` (JSON array): `[{ "kind": "webhook" | "slack", "url": "https://…" }]`, ≤ 10.
 */

/** Stored rule kinds. */
export const RULE_KINDS = [
  'denial_spike',
  'denial_rate',
  'error_rate',
  'misuse',
  'tool_definition_change',
] as const
export type RuleKind = (typeof RULE_KINDS)[number]

/** Stored destination kinds. */
export type DestinationKind = 'webhook' | 'slack'

/** Where an alert is delivered. */
export interface Destination {
  kind: DestinationKind
  url: string
}

/** The settings of a rule (those of its kind only). */
export interface RuleParams {
  windowMinutes?: number
  baselineWindows?: number
  factor?: number
  minCount?: number
  threshold?: number
  minCalls?: number
  minScore?: number
}

/** A rule as the api handles it. */
export interface AlertRuleRecord {
  id: string
  projectId: string
  name: string
  kind: RuleKind
  params: RuleParams
  destinations: Destination[]
  enabled: boolean
  /** Username of the admin who created it. */
  createdBy: string
  /** Unix milliseconds. */
  createdAt: number
  /** Unix milliseconds: the last change. */
  updatedAt: number
}
