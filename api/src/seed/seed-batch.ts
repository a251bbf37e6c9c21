/**
 * The rows of one insert batch, per table, with the batch's `tool_versions` rows
 * folded as the collector folds them per request (`mergeToolVersionRows`): one row
 * per distinct definition with first/last seen and the number of sightings.
 */
import type { CallPlan } from './call-plan'
import { appendCallRows, type SeedRows } from './call-rows'
import { type ToolDefinition, toolVersionRow } from './catalog/tool-definitions'
import { msToNanos } from './nanos'
import type { ToolVersionRow } from './rows'

interface Sightings {
  firstMs: number
  lastMs: number
  count: number
}

export class SeedBatch {
  readonly rows: SeedRows = { spans: [], mcp_calls: [], mcp_events: [] }
  /** Server-side calls in the batch (the agents' CLIENT rows not counted). */
  calls = 0
  private readonly sightings = new Map<ToolDefinition, Sightings>()

  constructor(private readonly projectId: string) {}

  add(plan: CallPlan): void {
    this.calls++
    appendCallRows(this.projectId, plan, this.rows)
    if (plan.toolList === null) return
    for (const def of plan.toolList) {
      const seen = this.sightings.get(def)
      if (seen === undefined)
        this.sightings.set(def, { firstMs: plan.startMs, lastMs: plan.startMs, count: 1 })
      else {
        seen.firstMs = Math.min(seen.firstMs, plan.startMs)
        seen.lastMs = Math.max(seen.lastMs, plan.startMs)
        seen.count++
      }
    }
  }

  /** One `tool_versions` row per definition listed in the batch. */
  toolVersions(): ToolVersionRow[] {
    const rows: ToolVersionRow[] = []
    for (const [def, seen] of this.sightings) {
      rows.push(
        toolVersionRow(this.projectId, def, msToNanos(seen.firstMs), msToNanos(seen.lastMs), seen.count),
      )
    }
    return rows
  }
}
