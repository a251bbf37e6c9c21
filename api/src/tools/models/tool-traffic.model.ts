import { Field, Int, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: 'One tool of one server: its calls, errors and denials over a range' })
export class ToolTraffic {
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
}
