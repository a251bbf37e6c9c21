import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: 'One of your API tokens, as lists show it: never the token' })
export class ApiToken {
  @Field(() => ID)
  id!: string

  @Field(() => String)
  name!: string

  @Field(() => String, { description: 'Display prefix (tg_api_AbCd1234): enough to recognise, not to use' })
  prefix!: string

  @Field(() => GraphQLISODateTime)
  createdAt!: Date

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null while the token works' })
  revokedAt!: Date | null
}

@ObjectType({ description: 'A token just created: the only time the token itself is shown' })
export class NewApiToken {
  @Field(() => String, { description: 'Authorization: Bearer <token>. Shown once, stored only as a hash.' })
  token!: string

  @Field(() => ApiToken)
  apiToken!: ApiToken
}
