import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: "A project's ingest key as lists show it: never the key" })
export class IngestKey {
  @Field(() => ID)
  id!: string

  @Field(() => String)
  name!: string

  @Field(() => String, {
    description: 'Display prefix (tg_ingest_AbCd1234): enough to recognise, not to use',
  })
  prefix!: string

  @Field(() => GraphQLISODateTime)
  createdAt!: Date

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null while the key works' })
  revokedAt!: Date | null
}

@ObjectType({ description: 'An ingest key just created: the only time the key itself is shown' })
export class NewIngestKey {
  @Field(() => String, {
    description: 'For the exporter: Authorization: Bearer <key>. Shown once, stored only as a hash.',
  })
  key!: string

  @Field(() => IngestKey)
  ingestKey!: IngestKey
}
