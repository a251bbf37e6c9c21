import { registerEnumType } from '@nestjs/graphql'
import type { ProjectRole } from '../auth.repository'

/** A role in a project, as GraphQL spells it (stored lower case: `ProjectRole`). */
export enum Role {
  VIEWER = 'VIEWER',
  INVESTIGATOR = 'INVESTIGATOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description:
    'VIEWER (aggregates and metadata, payloads withheld), INVESTIGATOR (payloads too), ADMIN (members, tokens, ingest keys, alert rules)',
})

/** The GraphQL value of a stored role. */
export function toRole(role: ProjectRole): Role {
  return role.toUpperCase() as Role
}

/** The stored value of a GraphQL role. */
export function fromRole(role: Role): ProjectRole {
  return role.toLowerCase() as ProjectRole
}
