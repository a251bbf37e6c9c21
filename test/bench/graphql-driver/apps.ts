import type { AddressInfo } from 'node:net'
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo'
import { type DynamicModule, Module } from '@nestjs/common'
import { APP_FILTER, NestFactory } from '@nestjs/core'
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql'
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius'
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify'
import type { Storage } from '@tollgate/collector'
import { AuthRepository } from '../../../api/src/auth/auth.repository'
import { authenticateBearer } from '../../../api/src/auth/authenticate'
import { ApiErrorFilter } from '../../../api/src/graphql/api-error.filter'
import type { RequestContext } from '../../../api/src/graphql/request-context'
import { OverviewModule } from '../../../api/src/overview/overview.module'
import { STORAGE } from '../../../api/src/tokens'

/** The GraphQL drivers compared. */
export type DriverName = 'mercurius' | 'apollo'

/** A running app: its driver and where it listens. */
export interface BenchApp {
  driver: DriverName
  origin: string
  close(): Promise<void>
}

/**
 * A query that touches neither the engine nor the viewer: what is left is the HTTP server,
 * the driver (parse, validate, execute, serialize) and Nest's resolver wrapping.
 */
@Resolver()
class BenchPingResolver {
  @Query(() => String, { description: 'Bench only: answers without reading anything' })
  benchPing(): string {
    return 'pong'
  }
}

/** The driver-independent part of the api's `GraphqlRootModule` options, context function included. */
function commonOptions(storage: Storage) {
  const auth = new AuthRepository(storage)
  return {
    path: '/graphql',
    autoSchemaFile: true as const,
    sortSchema: true,
    // Both drivers call it with the Fastify request first (Mercurius: (request, reply); Apollo's
    // Fastify integration: (request, reply)), so the api's function serves both unchanged.
    context: async (request: { headers: { authorization?: string } }): Promise<RequestContext> => ({
      viewer: await authenticateBearer(request.headers.authorization, auth),
    }),
  }
}

/** `GraphQLModule` as `api/src/graphql/graphql-root.module.ts` configures it, on `driver`. */
function graphqlModule(driver: DriverName): DynamicModule {
  if (driver === 'mercurius') {
    return GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [STORAGE],
      useFactory: (storage: Storage) => ({ ...commonOptions(storage), graphiql: false, queryDepth: 10 }),
    })
  }
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    inject: [STORAGE],
    // `playground: false` is Apollo's counterpart of `graphiql: false` (its landing page disabled).
    // Apollo has no query-depth option; Mercurius's check is a walk of the (cached) document.
    useFactory: (storage: Storage) => ({ ...commonOptions(storage), playground: false }),
  })
}

@Module({})
class BenchStorageModule {}

@Module({})
class BenchAppModule {}

/** The app's module: shared storage, the real `OverviewModule`, the ping resolver, the api's error filter. */
function benchAppModule(driver: DriverName, storage: Storage): DynamicModule {
  const storageModule: DynamicModule = {
    module: BenchStorageModule,
    global: true,
    providers: [{ provide: STORAGE, useValue: storage }],
    exports: [STORAGE],
  }
  return {
    module: BenchAppModule,
    imports: [storageModule, graphqlModule(driver), OverviewModule],
    providers: [BenchPingResolver, { provide: APP_FILTER, useClass: ApiErrorFilter }],
  }
}

/**
 * Builds the Nest Fastify app for `driver` over `storage` and listens on a free loopback port.
 * NB: both apps share one `storage`: the embedded engine allows one instance per process.
 */
export async function startApp(driver: DriverName, storage: Storage): Promise<BenchApp> {
  const app = await NestFactory.create<NestFastifyApplication>(
    benchAppModule(driver, storage),
    new FastifyAdapter({ logger: false }),
    { logger: false, abortOnError: false },
  )
  await app.listen(0, '127.0.0.1')
  const { port } = app.getHttpServer().address() as AddressInfo
  return { driver, origin: `http://127.0.0.1:${port}`, close: () => app.close() }
}
