import { Field, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql'
import { McpCall } from '../../calls/models/call.model'

/** Outcome of a call, as a filter. */
export enum CallOutcome {
  OK = 'ok',
  ERROR = 'error',
  DENIED = 'denied',
  PARTIAL = 'partial',
}
registerEnumType(CallOutcome, { name: 'CallOutcome' })

/** Side effect class of a call, as a filter. */
export enum SideEffect {
  READ = 'read',
  DRAFT = 'draft',
  WRITE = 'write',
  UNKNOWN = 'unknown',
}
registerEnumType(SideEffect, { name: 'SideEffect' })

@InputType({ description: 'Sessions with at least one call in the range matching every given field' })
export class SessionFilter {
  @Field(() => String, { nullable: true, description: 'Tool, prompt or resource' })
  tool?: string | null

  @Field(() => String, { nullable: true })
  user?: string | null

  @Field(() => String, { nullable: true })
  agent?: string | null

  @Field(() => String, { nullable: true, description: 'OAuth client id' })
  client?: string | null

  @Field(() => String, { nullable: true })
  tenant?: string | null

  @Field(() => CallOutcome, { nullable: true })
  outcome?: CallOutcome | null

  @Field(() => SideEffect, { nullable: true })
  sideEffect?: SideEffect | null

  @Field(() => String, {
    nullable: true,
    description:
      'Text in the call payloads (case-insensitive, 2–200 characters). Investigators and admins only; audited.',
  })
  text?: string | null
}

@ObjectType({ description: 'A session as listed: its calls in the range, summed' })
export class SessionSummary {
  @Field(() => String)
  sessionId!: string

  @Field(() => GraphQLISODateTime, { description: 'First call in the range' })
  startedAt!: Date

  @Field(() => GraphQLISODateTime, { description: 'End of the last call in the range' })
  endedAt!: Date

  @Field(() => Int)
  calls!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Int, { description: "Server errors (the caller's faults excluded)" })
  errors!: number

  @Field(() => Int, { description: 'Calls with side effect write' })
  writes!: number

  @Field(() => Boolean, { description: 'Some output was flagged as suspected prompt injection' })
  injectionSuspected!: boolean

  @Field(() => [String], { description: 'Users, sorted, at most 5' })
  users!: string[]

  @Field(() => [String], { description: 'Agents, sorted, at most 5' })
  agents!: string[]

  @Field(() => [String], { description: 'OAuth clients, sorted, at most 5' })
  clients!: string[]

  @Field(() => [String], { description: 'Tools, prompts and resources, sorted, at most 10' })
  targets!: string[]
}

@ObjectType()
export class SessionPage {
  @Field(() => [SessionSummary], { description: 'Latest started first' })
  items!: SessionSummary[]

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  nextCursor!: string | null
}

@ObjectType({ description: 'One session as its ordered steps' })
export class Session {
  @Field(() => String)
  sessionId!: string

  @Field(() => GraphQLISODateTime)
  startedAt!: Date

  @Field(() => GraphQLISODateTime, { description: 'Start of the last call' })
  lastCallAt!: Date

  @Field(() => Int, { description: 'Calls in the whole session' })
  calls!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Int, { description: 'Calls with outcome error (caller faults included)' })
  errors!: number

  @Field(() => [McpCall], { description: 'This page of steps, in order' })
  steps!: McpCall[]

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page of steps' })
  nextCursor!: string | null
}
