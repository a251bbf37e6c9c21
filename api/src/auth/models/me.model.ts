import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql'
import { Role } from './role.model'

@ObjectType({ description: 'A project the signed-in user belongs to, with their role there' })
export class ProjectAccess {
  @Field(() => ID)
  projectId!: string

  @Field(() => String, { description: "The project's display name ('' when the project row is missing)" })
  name!: string

  @Field(() => Role)
  role!: Role
}

@ObjectType({ description: 'Who is asking: the user behind the session cookie or API token' })
export class Me {
  @Field(() => ID)
  userId!: string

  @Field(() => String)
  username!: string

  @Field(() => [ProjectAccess], { description: 'By project id' })
  projects!: ProjectAccess[]
}

@ObjectType({ description: 'A successful sign-in. The session itself is the HttpOnly tg_session cookie.' })
export class LoginResult {
  @Field(() => String, {
    description: 'Send as the x-tollgate-csrf header with every request (also in the tg_csrf cookie)',
  })
  csrfToken!: string

  @Field(() => GraphQLISODateTime, { description: 'When the session ends (12 h after sign-in)' })
  expiresAt!: Date

  @Field(() => Me)
  me!: Me
}
