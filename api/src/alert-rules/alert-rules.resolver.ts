import { Inject } from '@nestjs/common'
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import type { AlertRuleRecord, DestinationKind, RuleKind } from './alert-rule'
import type { RuleInput } from './alert-rule-input'
import { AlertRulesService } from './alert-rules.service'
import {
  type AlertDestinationKind,
  AlertRule,
  AlertRuleInput,
  type AlertRuleKind,
} from './models/alert-rule.model'

@Resolver(() => AlertRule)
export class AlertRulesResolver {
  constructor(@Inject(AlertRulesService) private readonly service: AlertRulesService) {}

  @ParamTypes(String, Object)
  @Query(() => [AlertRule], { description: "A project's alert rules, oldest first (any member)" })
  async alertRules(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Context() context: RequestContext,
  ): Promise<AlertRule[]> {
    return (await this.service.list(context.viewer, projectId)).map(toAlertRule)
  }

  @ParamTypes(String, AlertRuleInput, Object)
  @Mutation(() => AlertRule, { description: 'Creates an alert rule (admins only)' })
  async createAlertRule(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('input', { type: () => AlertRuleInput }) input: AlertRuleInput,
    @Context() context: RequestContext,
  ): Promise<AlertRule> {
    return toAlertRule(await this.service.create(context.viewer, projectId, fromInput(input)))
  }

  @ParamTypes(String, String, AlertRuleInput, Object)
  @Mutation(() => AlertRule, { description: 'Replaces an alert rule (admins only)' })
  async updateAlertRule(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => AlertRuleInput }) input: AlertRuleInput,
    @Context() context: RequestContext,
  ): Promise<AlertRule> {
    return toAlertRule(await this.service.update(context.viewer, projectId, id, fromInput(input)))
  }

  @ParamTypes(String, String, Object)
  @Mutation(() => Boolean, { description: 'Deletes an alert rule (admins only)' })
  async deleteAlertRule(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('id', { type: () => ID }) id: string,
    @Context() context: RequestContext,
  ): Promise<boolean> {
    return this.service.delete(context.viewer, projectId, id)
  }
}

function fromInput(input: AlertRuleInput): RuleInput {
  return {
    name: input.name,
    kind: input.kind.toLowerCase() as RuleKind,
    enabled: input.enabled,
    params: { ...(input.params ?? {}) },
    destinations: input.destinations.map((d) => ({
      kind: d.kind.toLowerCase() as DestinationKind,
      url: d.url,
    })),
  }
}

function toAlertRule(rule: AlertRuleRecord): AlertRule {
  return {
    id: rule.id,
    name: rule.name,
    kind: rule.kind.toUpperCase() as AlertRuleKind,
    enabled: rule.enabled,
    params: rule.params,
    destinations: rule.destinations.map((d) => ({
      kind: d.kind.toUpperCase() as AlertDestinationKind,
      url: d.url,
    })),
    createdBy: rule.createdBy,
    createdAt: new Date(rule.createdAt),
    updatedAt: new Date(rule.updatedAt),
  }
}
