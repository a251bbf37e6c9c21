import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql'
import { Payload } from '../../calls/models/payload.model'

@ObjectType({ description: 'One source a call read, with who made the call and under which scopes' })
export class ProvenanceRecord {
  @Field(() => GraphQLISODateTime, { description: 'When the call ran' })
  at!: Date

  @Field(() => String)
  traceId!: string

  @Field(() => String)
  spanId!: string

  @Field(() => String)
  sessionId!: string

  @Field(() => String, { description: 'MCP method of the call' })
  method!: string

  @Field(() => String, { description: 'Tool, prompt or resource the call was for' })
  target!: string

  @Field(() => String)
  userId!: string

  @Field(() => String)
  agentId!: string

  @Field(() => String, { description: 'Tenant the call acted in' })
  tenant!: string

  @Field(() => [String], { description: "Scopes of the call's token" })
  scopes!: string[]

  @Field(() => String, { description: 'Logical source: crm, postgres:orders, web' })
  source!: string

  @Field(() => String, { description: 'URI of the record or document read' })
  uri!: string

  @Field(() => String, { description: 'Tenant scope the source was read in' })
  sourceTenant!: string

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Freshness of the data read; null when unknown',
  })
  asOf!: Date | null

  @Field(() => Int, { description: 'Records the filter or policy excluded' })
  excludedCount!: number

  @Field(() => Payload, {
    description:
      'The filter the source was read with: payload-like, withheld from viewers; reading it is audited',
  })
  filter!: Payload
}

@ObjectType()
export class ProvenancePage {
  @Field(() => [ProvenanceRecord], { description: 'Newest first' })
  items!: ProvenanceRecord[]

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  nextCursor!: string | null
}
