import { Module } from '@nestjs/common'
import { APP_FILTER } from '@nestjs/core'
import { GraphQLModule } from '@nestjs/graphql'
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius'
import mercurius from 'mercurius'
import type { Logger } from 'pino'
import { type CredentialHeaders, RequestAuthenticator } from '../auth/request-authenticator'
import { LOGGER } from '../tokens'
import { ApiErrorFilter } from './api-error.filter'
import { maskInternalError } from './mask-internal-errors'
import { queryCostRule } from './query-cost'
import type { RequestContext } from './request-context'

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
      context: async (request: { headers: CredentialHeaders }): Promise<RequestContext> => ({
        viewer: await authenticator.authenticate(request.headers),
      }),
    }
  },
})

@Module({ imports: [graphqlModule], providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }] })
export class GraphqlRootModule {}
