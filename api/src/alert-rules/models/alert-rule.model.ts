import {
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql'

/** What a rule watches (stored lower case, see `alert-rule.ts`). */
export enum AlertRuleKind {
  DENIAL_SPIKE = 'DENIAL_SPIKE',
  DENIAL_RATE = 'DENIAL_RATE',
  ERROR_RATE = 'ERROR_RATE',
  MISUSE = 'MISUSE',
  TOOL_DEFINITION_CHANGE = 'TOOL_DEFINITION_CHANGE',
}

registerEnumType(AlertRuleKind, {
  name: 'AlertRuleKind',
  description:
    'DENIAL_SPIKE (denials vs a baseline), DENIAL_RATE / ERROR_RATE (a rate over a window), MISUSE (a tool misuse score), TOOL_DEFINITION_CHANGE',
})

/** Where alerts go. */
export enum AlertDestinationKind {
  WEBHOOK = 'WEBHOOK',
  SLACK = 'SLACK',
}

registerEnumType(AlertDestinationKind, { name: 'AlertDestinationKind' })

@ObjectType({ description: "A rule's settings: the fields of its kind are set, the others null" })
export class AlertRuleParams {
  @Field(() => Int, {
    nullable: true,
    description: 'DENIAL_SPIKE, DENIAL_RATE, ERROR_RATE: window length, 1–1440 min',
  })
  windowMinutes?: number

  @Field(() => Int, {
    nullable: true,
    description: 'DENIAL_SPIKE: windows before it that form the baseline, 1–288',
  })
  baselineWindows?: number

  @Field(() => Float, { nullable: true, description: 'DENIAL_SPIKE: fire above factor × baseline, 1–1000' })
  factor?: number

  @Field(() => Int, { nullable: true, description: 'DENIAL_SPIKE: fewest denials in the window to fire' })
  minCount?: number

  @Field(() => Float, {
    nullable: true,
    description: 'DENIAL_RATE, ERROR_RATE: rate that fires, above 0 and at most 1',
  })
  threshold?: number

  @Field(() => Int, {
    nullable: true,
    description: 'DENIAL_RATE, ERROR_RATE: fewest calls in the window to judge',
  })
  minCalls?: number

  @Field(() => Float, { nullable: true, description: 'MISUSE: misuse score that fires' })
  minScore?: number
}

@InputType({ description: "A rule's settings: give only those of its kind; left out = the default" })
export class AlertRuleParamsInput {
  @Field(() => Int, { nullable: true, description: '1–1440 (default 5)' })
  windowMinutes?: number | null

  @Field(() => Int, { nullable: true, description: '1–288 (default 12)' })
  baselineWindows?: number | null

  @Field(() => Float, { nullable: true, description: '1–1000 (default 3)' })
  factor?: number | null

  @Field(() => Int, { nullable: true, description: '1–1000000 (default 10)' })
  minCount?: number | null

  @Field(() => Float, { nullable: true, description: 'Above 0, at most 1 (required for the rates)' })
  threshold?: number | null

  @Field(() => Int, { nullable: true, description: '1–1000000 (default 20)' })
  minCalls?: number | null

  @Field(() => Float, { nullable: true, description: 'Above 0 (required for MISUSE)' })
  minScore?: number | null
}

@ObjectType({ description: 'Where a rule delivers' })
export class AlertDestination {
  @Field(() => AlertDestinationKind)
  kind!: AlertDestinationKind

  @Field(() => String, {
    description: 'The URL for admins; its origin only (https://host/…) for other members',
  })
  url!: string
}

@InputType()
export class AlertDestinationInput {
  @Field(() => AlertDestinationKind)
  kind!: AlertDestinationKind

  @Field(() => String, {
    description: 'http(s) URL, at most 2048 characters; SLACK: https://hooks.slack.com/…',
  })
  url!: string
}

@InputType({ description: 'A whole rule (an update replaces every field)' })
export class AlertRuleInput {
  @Field(() => String, { description: '1–200 characters' })
  name!: string

  @Field(() => AlertRuleKind)
  kind!: AlertRuleKind

  @Field(() => Boolean, { defaultValue: true })
  enabled!: boolean

  @Field(() => AlertRuleParamsInput, { nullable: true })
  params?: AlertRuleParamsInput | null

  @Field(() => [AlertDestinationInput], { description: 'At most 10' })
  destinations!: AlertDestinationInput[]
}

@ObjectType({ description: 'An alert rule of a project' })
export class AlertRule {
  @Field(() => ID)
  id!: string

  @Field(() => String)
  name!: string

  @Field(() => AlertRuleKind)
  kind!: AlertRuleKind

  @Field(() => Boolean)
  enabled!: boolean

  @Field(() => AlertRuleParams)
  params!: AlertRuleParams

  @Field(() => [AlertDestination])
  destinations!: AlertDestination[]

  @Field(() => String, { description: 'Username of the admin who created it' })
  createdBy!: string

  @Field(() => GraphQLISODateTime)
  createdAt!: Date

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date
}
