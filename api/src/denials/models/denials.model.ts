import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql'

/** What a denial breakdown groups by. */
export enum DenialDimension {
  TOOL = 'TOOL',
  USER = 'USER',
  AGENT = 'AGENT',
  CLIENT = 'CLIENT',
  SCOPE = 'SCOPE',
  SOURCE = 'SOURCE',
  RESOURCE = 'RESOURCE',
  REASON = 'REASON',
}

registerEnumType(DenialDimension, {
  name: 'DenialDimension',
  description:
    'TOOL, USER, AGENT, CLIENT (OAuth client), SCOPE (granted scopes of denied calls), SOURCE (explicit, inferred, auth), RESOURCE and REASON (from the denial events)',
})

@ObjectType({ description: 'One bucket of the denial series' })
export class DenialBucket {
  @Field(() => GraphQLISODateTime)
  start!: Date

  @Field(() => Int)
  calls!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Boolean, { description: 'Denials far above the range’s other buckets (see the api docs)' })
  spike!: boolean
}

@ObjectType({ description: 'Denied calls of one group' })
export class DenialGroup {
  @Field(() => String, { description: "The group's value; '' when the calls did not carry it" })
  key!: string

  @Field(() => Int)
  denials!: number
}

@ObjectType({ description: 'Denied calls of a project over a time range' })
export class Denials {
  @Field(() => Int)
  calls!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Float, { description: 'denials / calls; 0 without calls' })
  denialRate!: number

  @Field(() => Int, { description: 'Denied by the tool itself (deny())' })
  explicit!: number

  @Field(() => Int, { description: 'Errors a classifier read as denials' })
  inferred!: number

  @Field(() => Int, { description: 'Refused by the bearer-auth layer before MCP' })
  auth!: number

  @Field(() => Int)
  bucketSeconds!: number

  @Field(() => [DenialBucket])
  series!: DenialBucket[]

  @Field(() => DenialDimension)
  by!: DenialDimension

  @Field(() => [DenialGroup], { description: 'Largest groups first, at most `top`' })
  groups!: DenialGroup[]
}
