import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql'
import { Role } from '../../auth/models/role.model'

@ObjectType({ description: 'A member of a project' })
export class Member {
  @Field(() => ID)
  userId!: string

  @Field(() => String)
  username!: string

  @Field(() => Role)
  role!: Role

  @Field(() => GraphQLISODateTime, { description: 'When the current role was given' })
  since!: Date
}
