import { Field, Float, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql'
import { Payload } from './payload.model'

@ObjectType({
  description: 'A denial (or the refused part of a partial authorization) reported inside a call',
})
export class CallDenial {
  @Field(() => GraphQLISODateTime)
  at!: Date

  @Field(() => String, { description: 'denial or partial' })
  kind!: string

  @Field(() => String, { description: 'What was refused: a record, a field, a scope' })
  resource!: string

  @Field(() => String)
  action!: string

  @Field(() => String)
  reason!: string

  @Field(() => String, { description: 'Policy that decided' })
  policy!: string

  @Field(() => Boolean, { description: 'Inferred by the classifier from an error, not reported by the tool' })
  inferred!: boolean

  @Field(() => [String], { description: 'Partial authorization: what was granted' })
  granted!: string[]

  @Field(() => [String], { description: 'Partial authorization: what was refused' })
  denied!: string[]
}

@ObjectType({ description: 'One source behind a call' })
export class CallSource {
  @Field(() => GraphQLISODateTime)
  at!: Date

  @Field(() => String)
  source!: string

  @Field(() => String)
  uri!: string

  @Field(() => String, { description: 'Tenant scope the source was read in' })
  sourceTenant!: string

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Freshness; null when unknown' })
  asOf!: Date | null

  @Field(() => Int)
  excludedCount!: number

  @Field(() => Payload, {
    description: 'The filter the source was read with: payload-like, withheld from viewers',
  })
  filter!: Payload
}

@ObjectType({ description: 'An approval of a state-changing call' })
export class CallApproval {
  @Field(() => GraphQLISODateTime)
  at!: Date

  @Field(() => String)
  approvedBy!: string

  @Field(() => String)
  approvalId!: string

  @Field(() => Payload, { description: 'Parameters the approver was shown' })
  shownParameters!: Payload
}

@ObjectType({
  description: 'One MCP request as recorded: who, under which authority, what, and what came of it',
})
export class McpCall {
  @Field(() => Int, { description: 'Position in its session (1-based; 0 when not reported)' })
  step!: number

  @Field(() => GraphQLISODateTime)
  at!: Date

  @Field(() => Float)
  durationMs!: number

  @Field(() => String)
  traceId!: string

  @Field(() => String)
  spanId!: string

  @Field(() => String)
  sessionId!: string

  @Field(() => String, { description: 'tools/call, resources/read, prompts/get, …' })
  method!: string

  @Field(() => String, { description: 'Tool, prompt or resource URI' })
  target!: string

  @Field(() => String)
  serverName!: string

  @Field(() => String)
  clientName!: string

  @Field(() => String)
  userId!: string

  @Field(() => String)
  agentId!: string

  @Field(() => String, { description: 'OAuth client id' })
  clientId!: string

  @Field(() => String)
  tenant!: string

  @Field(() => [String], { description: "Scopes of the call's token" })
  scopes!: string[]

  @Field(() => String, { description: 'match, mismatch, or empty when unknown' })
  audienceMatch!: string

  @Field(() => String, { description: 'ok, error, denied or partial' })
  outcome!: string

  @Field(() => String, { description: 'explicit, inferred, auth, or empty' })
  denialSource!: string

  @Field(() => String, { description: 'JSON-RPC code as text, tool_error, or empty' })
  errorType!: string

  @Field(() => Boolean, { description: "The error is the caller's (bad arguments, unknown method)" })
  callerFault!: boolean

  @Field(() => String, { description: 'read, draft, write or unknown' })
  sideEffect!: string

  @Field(() => String, { description: 'approved, none, or empty when not applicable' })
  approval!: string

  @Field(() => Payload)
  input!: Payload

  @Field(() => Payload)
  output!: Payload

  @Field(() => Boolean)
  untrusted!: boolean

  @Field(() => Boolean)
  injectionSuspected!: boolean

  @Field(() => [String], { description: 'Detector rules that fired on the output' })
  flagRules!: string[]

  @Field(() => [CallDenial])
  denials!: CallDenial[]

  @Field(() => [CallSource])
  sources!: CallSource[]

  @Field(() => [CallApproval])
  approvals!: CallApproval[]

  @Field(() => [String], { description: 'Fields the SDK redacted from the payloads' })
  redactedFields!: string[]
}
