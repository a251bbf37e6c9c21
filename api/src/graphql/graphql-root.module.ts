import { Module } from '@nestjs/common'
import { APP_FILTER } from '@nestjs/core'
import { GraphQLModule } from '@nestjs/graphql'
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius'
import mercurius from 'mercurius'
import type { Logger } from 'pino'
import type { AuthRefusal } from '../auth/csrf'
import { type HttpReplyLike, type HttpRequestLike, httpExchange } from '../auth/http-exchange'
import { type CredentialHeaders, RequestAuthenticator } from '../auth/request-authenticator'
import { apiError } from '../auth/viewer'
import { LOGGER } from '../tokens'
import { ApiErrorFilter } from './api-error.filter'
import { maskInternalError } from './mask-internal-errors'
import { queryCostRule } from './query-cost'
import type { RequestContext } from './request-context'

/** The context built per request: what resolvers see, plus a refusal checked before they run. */
type GraphqlContext = RequestContext & { refusal: AuthRefusal | null }

/**
 * `/graphql` on the api's Fastify server, code first. Mercurius, not Apollo: it is the
 * Fastify-native driver (the measured comparison is in the issue notes). The schema is
 * built in memory; `api/schema.graphql` is its printed copy, checked by a test.
 */
const graphqlModule = GraphQLModule.forRootAsync<MercuriusDriverConfig>({
  driver: MercuriusDriver,
  inject: [RequestAuthenticator, LOGGER],
  useFactory: (authenticator: RequestAuthenticator, logger: Logger) => {
    const log = logger.child({ component: 'graphql' })
    return {
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      graphiql: false,
      // Deeper queries are refused before they run; the schema needs far less.
      queryDepth: 10,
      validationRules: [queryCostRule],
      errorFormatter: (execution, context) =>
        mercurius.defaultErrorFormatter(
          { ...execution, errors: execution.errors?.map((error) => maskInternalError(error, log)) },
          context,
        ),
      context: async (
        request: HttpRequestLike & { headers: CredentialHeaders },
        reply: HttpReplyLike,
      ): Promise<GraphqlContext> => {
        const { viewer, session, refusal } = await authenticator.identify(request.headers)
        return { viewer, session, refusal, http: httpExchange(request, reply) }
      },
      hooks: {
        // A refused credential (CSRF, a foreign Origin: see auth/csrf.ts) refuses the whole
        // operation with its reason, before any resolver runs.
        preExecution: [
          async (_schema, _document, context) => {
            const { refusal } = context as unknown as GraphqlContext
            if (refusal !== null) throw apiError(refusal.code, refusal.message)
          },
        ],
      },
    }
  },
})

@Module({ imports: [graphqlModule], providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }] })
export class GraphqlRootModule {}
