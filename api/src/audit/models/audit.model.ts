import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql'

@ObjectType({ description: 'One audit record: a payload read or an admin change' })
export class AuditRecord {
  @Field(() => String)
  id!: string

  @Field(() => GraphQLISODateTime)
  at!: Date

  @Field(() => String, { description: 'Username of who did it' })
  actor!: string

  @Field(() => String, { description: 'payload.read, member.set, ingest_key.created, …' })
  action!: string

  @Field(() => String, { description: 'What was read or changed: a call (trace/span), a member, a key id' })
  target!: string

  @Field(() => String, { description: 'More context, as a JSON object (never a secret or a payload)' })
  details!: string
}

@ObjectType()
export class AuditPage {
  @Field(() => [AuditRecord], { description: 'Newest first' })
  items!: AuditRecord[]

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  nextCursor!: string | null
}
