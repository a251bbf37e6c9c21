import { Field, Float, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: 'One bucket of the overview series' })
export class OverviewBucket {
  @Field(() => GraphQLISODateTime, { description: 'Start of the bucket' })
  start!: Date

  @Field(() => Int)
  calls!: number

  @Field(() => Int, { description: 'Server errors (caller faults such as invalid params excluded)' })
  errors!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Float, { nullable: true, description: 'p95 duration in ms; null for an empty bucket' })
  p95Ms!: number | null
}

@ObjectType({ description: 'Server-side MCP calls of a project over a time range' })
export class Overview {
  @Field(() => Int)
  calls!: number

  @Field(() => Int, { description: 'Server errors (caller faults such as invalid params excluded)' })
  errors!: number

  @Field(() => Int, { description: 'Calls whose outcome is denied' })
  denials!: number

  @Field(() => Float, { description: 'errors / calls; 0 when there are no calls' })
  errorRate!: number

  @Field(() => Float, { description: 'denials / calls; 0 when there are no calls' })
  denialRate!: number

  @Field(() => Float, { nullable: true, description: 'Median duration in ms; null without calls' })
  p50Ms!: number | null

  @Field(() => Float, { nullable: true, description: 'p95 duration in ms; null without calls' })
  p95Ms!: number | null

  @Field(() => Int, { description: 'Width of each series bucket in seconds, chosen from the range' })
  bucketSeconds!: number

  @Field(() => [OverviewBucket])
  series!: OverviewBucket[]
}
