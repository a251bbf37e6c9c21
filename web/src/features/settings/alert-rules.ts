import type { SettingsAlertRulesQuery } from '../../graphql/generated'
import { formatPercent } from '../../lib/format'

/** A rule as the Settings page lists it. */
export type ListedAlertRule = SettingsAlertRulesQuery['alertRules'][number]

/** The settings of a rule as the api returns them: the fields of its kind set, others null. */
export interface RuleParams {
  windowMinutes: number | null
  baselineWindows: number | null
  factor: number | null
  minCount: number | null
  minCalls: number | null
  threshold: number | null
  minScore: number | null
}

/** What each kind of rule watches, for the rules table. */
export const KIND_LABELS: Readonly<Record<string, string>> = {
  DENIAL_SPIKE: 'Denial spike',
  DENIAL_RATE: 'Denial rate',
  ERROR_RATE: 'Error rate',
  MISUSE: 'Tool misuse',
  TOOL_DEFINITION_CHANGE: 'Tool definition change',
}

/**
 * A rule's settings in words, only those that are set, in the order a reader weighs them:
 * `above 5% · window 5 min · at least 20 calls`. Empty for kinds without settings.
 */
export function describeParams(params: RuleParams): string {
  const parts: string[] = []
  if (params.threshold !== null) parts.push(`above ${formatPercent(params.threshold)}`)
  if (params.factor !== null) parts.push(`${params.factor}× baseline`)
  if (params.minScore !== null) parts.push(`score ≥ ${params.minScore}`)
  if (params.windowMinutes !== null) parts.push(`window ${params.windowMinutes} min`)
  if (params.baselineWindows !== null) parts.push(`baseline ${params.baselineWindows} windows`)
  if (params.minCount !== null) parts.push(`at least ${params.minCount} denials`)
  if (params.minCalls !== null) parts.push(`at least ${params.minCalls} calls`)
  return parts.join(' · ')
}
