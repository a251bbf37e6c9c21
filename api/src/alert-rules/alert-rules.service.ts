import { randomUUID } from 'node:crypto'
import type { AuditEntry, AuditLog } from '../audit/audit-log'
import { apiError, requireRole, type Viewer } from '../auth/viewer'
import type { AlertRuleRecord } from './alert-rule'
import { type RuleInput, type ValidRule, validateRule } from './alert-rule-input'
import type { AlertRulesRepository } from './alert-rules.repository'

/** Most rules per project: the evaluator runs every rule every period. */
export const MAX_RULES_PER_PROJECT = 200
const RULE_ID = /^rule_[0-9a-f-]{36}$/

/**
 * Alert rules of a project: any member reads them, admins change them. Every change is
 * audited with the rule's name, kind and number of destinations, never the destination URLs
 * (a Slack webhook URL is a credential). Non-admins see destinations as their origin only.
 */
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRulesRepository,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  async list(viewer: Viewer | null, projectId: string): Promise<AlertRuleRecord[]> {
    const role = requireRole(viewer, projectId, 'viewer')
    const rules = await this.rules.list(projectId)
    return role === 'admin' ? rules : rules.map(withMaskedDestinations)
  }

  async create(viewer: Viewer | null, projectId: string, input: RuleInput): Promise<AlertRuleRecord> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    const valid = validateRule(input)
    if ((await this.rules.list(projectId)).length >= MAX_RULES_PER_PROJECT) {
      throw apiError('BAD_USER_INPUT', `A project has at most ${MAX_RULES_PER_PROJECT} alert rules`)
    }
    const now = this.now()
    const rule: AlertRuleRecord = {
      id: `rule_${randomUUID()}`,
      projectId,
      ...valid,
      createdBy: actor.username,
      createdAt: now,
      updatedAt: now,
    }
    await this.audit.record(entry(actor, 'alert_rule.created', rule, valid))
    await this.rules.save(rule)
    return rule
  }

  async update(
    viewer: Viewer | null,
    projectId: string,
    id: string,
    input: RuleInput,
  ): Promise<AlertRuleRecord> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    const valid = validateRule(input)
    const existing = await this.find(projectId, id)
    const rule: AlertRuleRecord = {
      ...existing,
      ...valid,
      updatedAt: Math.max(this.now(), existing.updatedAt + 1),
    }
    await this.audit.record(entry(actor, 'alert_rule.updated', rule, valid))
    await this.rules.save(rule)
    return rule
  }

  async delete(viewer: Viewer | null, projectId: string, id: string): Promise<boolean> {
    requireRole(viewer, projectId, 'admin')
    const actor = viewer as Viewer
    const existing = await this.find(projectId, id)
    await this.audit.record(entry(actor, 'alert_rule.deleted', existing, existing))
    await this.rules.delete(existing)
    return true
  }

  private async find(projectId: string, id: string): Promise<AlertRuleRecord> {
    const rule = RULE_ID.test(id) ? await this.rules.get(projectId, id) : null
    if (rule === null)
      throw apiError(
        'BAD_USER_INPUT',
        `No alert rule with id ${JSON.stringify(id.slice(0, 64))} in this project`,
      )
    return rule
  }
}

function entry(
  actor: Viewer,
  action: AuditEntry['action'],
  rule: AlertRuleRecord,
  valid: ValidRule,
): AuditEntry {
  return {
    actor: actor.username,
    action,
    projectId: rule.projectId,
    target: rule.id,
    details: {
      userId: actor.userId,
      name: valid.name,
      kind: valid.kind,
      enabled: valid.enabled,
      destinations: valid.destinations.length,
    },
  }
}

/** Destinations shown as `https://host/…`: enough to know where alerts go, not to post there. */
function withMaskedDestinations(rule: AlertRuleRecord): AlertRuleRecord {
  return {
    ...rule,
    destinations: rule.destinations.map((d) => ({ kind: d.kind, url: `${new URL(d.url).origin}/…` })),
  }
}
