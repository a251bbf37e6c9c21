import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: 'One distinct definition of a tool, as tools/list reported it' })
export class ToolDefinitionVersion {
  @Field(() => String)
  descriptionHash!: string

  @Field(() => String)
  inputSchemaHash!: string

  @Field(() => String, { description: "'' when the tool has no output schema" })
  outputSchemaHash!: string

  @Field(() => String, { description: "'' when the tool has no annotations" })
  annotationsHash!: string

  @Field(() => String)
  description!: string

  @Field(() => String, { description: 'Canonical JSON' })
  inputSchema!: string

  @Field(() => String, { description: 'Canonical JSON' })
  outputSchema!: string

  @Field(() => String, { description: 'Canonical JSON' })
  annotations!: string

  @Field(() => GraphQLISODateTime)
  firstSeen!: Date

  @Field(() => GraphQLISODateTime)
  lastSeen!: Date

  @Field(() => Int, { description: 'How many tools/list answers carried this definition' })
  seenCount!: number
}

@ObjectType({ description: 'The definitions one tool of one server has had, oldest first' })
export class ToolHistory {
  @Field(() => String)
  serverName!: string

  @Field(() => String)
  tool!: string

  @Field(() => Boolean, { description: 'More than one definition was seen: the tool changed' })
  changed!: boolean

  @Field(() => [ToolDefinitionVersion])
  versions!: ToolDefinitionVersion[]
}
