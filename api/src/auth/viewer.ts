import type { GraphQLError as GraphQLErrorType } from 'graphql'
import { GraphQLError } from '../graphql/graphql-runtime'
import type { ProjectRole } from './auth.repository'

/** Who is asking, as established from their credential: a user and their role per project. */
export interface Viewer {
  userId: string
  username: string
  roles: ReadonlyMap<string, ProjectRole>
}

const RANK: Readonly<Record<ProjectRole, number>> = { viewer: 1, investigator: 2, admin: 3 }

/** GraphQL error codes the api answers with (in `extensions.code`). */
export type ApiErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'RATE_LIMITED'

/** A refusal the client should see as is: a clear message and a stable code, nothing internal. */
export function apiError(code: ApiErrorCode, message: string): GraphQLErrorType {
  return new GraphQLError(message, { extensions: { code } })
}

const SIGN_IN = 'Sign in or send an API token (Authorization: Bearer …)'

/** The viewer; an UNAUTHENTICATED error when there is none. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (viewer === null) throw apiError('UNAUTHENTICATED', SIGN_IN)
  return viewer
}

/**
 * The viewer's role in `projectId` when it is at least `least`; else a FORBIDDEN error.
 * NB: an unknown project and a project the viewer may not see get the same answer, so
 * project ids cannot be probed.
 */
export function requireRole(viewer: Viewer | null, projectId: string, least: ProjectRole): ProjectRole {
  if (viewer === null) throw apiError('UNAUTHENTICATED', SIGN_IN)
  const role = viewer.roles.get(projectId)
  if (role === undefined || RANK[role] < RANK[least]) {
    throw apiError(
      'FORBIDDEN',
      `Your role does not allow this in project ${JSON.stringify(projectId.slice(0, 64))}`,
    )
  }
  return role
}
