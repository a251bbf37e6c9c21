import { insertRows, queryRows, type Storage, VersionClock } from '@tollgate/collector'
import type { AlertRuleRecord, Destination, RuleKind, RuleParams } from './alert-rule'

interface RuleRow {
  id: string
  project_id: string
  name: string
  kind: RuleKind
  params: string
  destinations: string
  enabled: number
  created_by: string
  created_at: string
  updated_at: string
}

/**
 * The SQL of `alert_rules`. A change inserts the whole row again with a higher version; a
 * deletion is a version with `deleted = 1`. Reads use `FINAL` and always filter by project.
 */
export class AlertRulesRepository {
  constructor(
    private readonly storage: Storage,
    private readonly clock: VersionClock = new VersionClock(),
  ) {}

  /** The rules of `projectId`, oldest first. */
  async list(projectId: string): Promise<AlertRuleRecord[]> {
    return this.select('project_id = {projectId:String}', { projectId })
  }

  /** Rule `id` of `projectId`, or null. */
  async get(projectId: string, id: string): Promise<AlertRuleRecord | null> {
    return (
      (await this.select('project_id = {projectId:String} AND id = {id:String}', { projectId, id }))[0] ??
      null
    )
  }

  /** Inserts or replaces `rule`. */
  async save(rule: AlertRuleRecord): Promise<void> {
    await insertRows(this.storage, 'alert_rules', [{ ...this.row(rule), deleted: 0 }])
  }

  /** Deletes `rule`. */
  async delete(rule: AlertRuleRecord): Promise<void> {
    await insertRows(this.storage, 'alert_rules', [{ ...this.row(rule), deleted: 1 }])
  }

  private row(rule: AlertRuleRecord): Record<string, string | number> {
    return {
      id: rule.id,
      project_id: rule.projectId,
      name: rule.name,
      kind: rule.kind,
      params: JSON.stringify(rule.params),
      destinations: JSON.stringify(rule.destinations),
      enabled: rule.enabled ? 1 : 0,
      created_by: rule.createdBy,
      created_at: String(rule.createdAt),
      updated_at: String(rule.updatedAt),
      version: this.clock.next(),
    }
  }

  private async select(where: string, params: Record<string, string>): Promise<AlertRuleRecord[]> {
    const rows = await queryRows<RuleRow>(
      this.storage,
      `SELECT id, project_id, name, kind, params, destinations, enabled, created_by,
              toString(toUnixTimestamp64Milli(created_at)) AS created_at,
              toString(toUnixTimestamp64Milli(updated_at)) AS updated_at
       FROM ${this.storage.database}.alert_rules FINAL
       WHERE ${where}
       ORDER BY created_at, id`,
      params,
    )
    return rows.map((r) => ({
      id: r.id,
      projectId: r.project_id,
      name: r.name,
      kind: r.kind,
      params: JSON.parse(r.params) as RuleParams,
      destinations: JSON.parse(r.destinations) as Destination[],
      enabled: Number(r.enabled) === 1,
      createdBy: r.created_by,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
    }))
  }
}
