import { Catch, type ExceptionFilter } from '@nestjs/common'
import type { GqlExceptionFilter } from '@nestjs/graphql'
import { GraphQLError } from './graphql-runtime'

/**
 * Passes refusals (`apiError`: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT) to the client as
 * they are. Without it Nest's default handler logs each one as an application error, and a
 * wrong token is not an error of Tollgate's.
 */
@Catch(GraphQLError)
export class ApiErrorFilter implements GqlExceptionFilter, ExceptionFilter {
  catch(error: InstanceType<typeof GraphQLError>): InstanceType<typeof GraphQLError> {
    return error
  }
}
