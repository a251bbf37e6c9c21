import type { GraphQLError as GraphQLErrorType } from 'graphql'
import type { Logger } from 'pino'
import { GraphQLError } from './graphql-runtime'

/**
 * What the client may see of an error: refusals (`apiError`), GraphQL's own validation
 * errors and Fastify's 4xx refusals of the request as they are; anything else (a storage
 * failure, a bug) as a bare "Internal error", logged here in full. An SQL error text would
 * tell a caller about the schema and the query.
 */
export function maskInternalError(error: GraphQLErrorType, logger: Logger): GraphQLErrorType {
  const original = error.originalError as (Error & { errors?: unknown }) | null | undefined
  if (original === undefined || original === null || original instanceof GraphQLError) return error
  // Mercurius wraps a request's validation errors (bad variables, unknown fields) in one
  // error with the list: the client's mistakes, to be told as they are.
  if (Array.isArray(original.errors)) return error
  // Fastify's refusals of the request itself (body too large, bad JSON, wrong content type)
  // reach here too: the client's mistakes, told as they are, with their HTTP status.
  const status = (original as { statusCode?: unknown }).statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GraphQLError(original.message, {
      originalError: original,
      extensions: { code: 'BAD_REQUEST' },
    })
  }
  logger.error({ err: original, path: error.path }, 'graphql resolver failed')
  return new GraphQLError('Internal error', {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'INTERNAL' },
  })
}
