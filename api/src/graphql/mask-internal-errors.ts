import type { GraphQLError as GraphQLErrorType } from 'graphql'
import type { Logger } from 'pino'
import { GraphQLError } from './graphql-runtime'

/**
 * What the client may see of an error: refusals (`apiError`) and GraphQL's own validation
 * errors as they are; anything else — a storage failure, a bug — as a bare "Internal error",
 * logged here in full. An SQL error text would tell a caller about the schema and the query.
 */
export function maskInternalError(error: GraphQLErrorType, logger: Logger): GraphQLErrorType {
  const original = error.originalError as (Error & { errors?: unknown }) | null | undefined
  if (original === undefined || original === null || original instanceof GraphQLError) return error
  // Mercurius wraps a request's validation errors (bad variables, unknown fields) in one
  // error with the list: the client's mistakes, to be told as they are.
  if (Array.isArray(original.errors)) return error
  logger.error({ err: original, path: error.path }, 'graphql resolver failed')
  return new GraphQLError('Internal error', {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'INTERNAL' },
  })
}
