import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql'

/** Who a principal list is about. */
export enum PrincipalKind {
  USER = 'USER',
  AGENT = 'AGENT',
  CLIENT = 'CLIENT',
}

registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'USER (the end user), AGENT (the agent acting for them), CLIENT (the OAuth client)',
})

@ObjectType({ description: 'One user, agent or OAuth client over a time range' })
export class Principal {
  @Field(() => String)
  id!: string

  @Field(() => Int)
  calls!: number

  @Field(() => Int)
  denials!: number

  @Field(() => Float, { description: 'denials / calls' })
  denialRate!: number

  @Field(() => [String], { description: 'Scopes its tokens carried, sorted, at most 20' })
  scopes!: string[]

  @Field(() => Int, { description: 'Calls with a token minted for another server (audience mismatch)' })
  audienceMismatches!: number

  @Field(() => Int, { description: 'Distinct tools, prompts and resources it called' })
  targets!: number

  @Field(() => GraphQLISODateTime)
  lastSeen!: Date
}

@ObjectType()
export class PrincipalPage {
  @Field(() => [Principal], { description: 'Most denied first, then most active' })
  items!: Principal[]

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  nextCursor!: string | null
}
