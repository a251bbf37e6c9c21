import { Field, Float, Int, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: 'Signals that a tool is being misused, counted over the range' })
export class MisuseSignals {
  @Field(() => Int, { description: 'Calls refused as invalid params (-32602) by the server' })
  invalidArguments!: number

  @Field(() => Int, { description: 'Calls of a tool the server never listed in tools/list' })
  unknownTool!: number

  @Field(() => Int, { description: 'Calls whose outcome is denied' })
  denied!: number

  @Field(() => Int, { description: 'Write calls without an approved approval' })
  writesWithoutApproval!: number

  @Field(() => Int, {
    description: 'Repeats of the same tool with the same arguments in a session, beyond the first',
  })
  retryLoops!: number

  @Field(() => Int, { description: 'Calls whose output a detector flagged as a likely prompt injection' })
  injectionSuspected!: number
}

@ObjectType({ description: 'One tool of one server over a time range' })
export class ToolStats {
  @Field(() => String)
  serverName!: string

  @Field(() => String)
  tool!: string

  @Field(() => Int)
  calls!: number

  @Field(() => Int, { description: 'Server errors (caller faults excluded)' })
  errors!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Float, { nullable: true, description: 'p95 duration in ms' })
  p95Ms!: number | null

  @Field(() => String, { description: 'read, draft, write or unknown (the most frequent seen)' })
  sideEffect!: string

  @Field(() => MisuseSignals)
  misuse!: MisuseSignals

  @Field(() => Float, {
    description: 'Weighted sum of the misuse signals: the ranking key (weights in the api docs)',
  })
  misuseScore!: number
}

@ObjectType()
export class ToolStatsPage {
  @Field(() => [ToolStats], { description: 'Most misused first, then most called' })
  items!: ToolStats[]

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  nextCursor!: string | null
}
