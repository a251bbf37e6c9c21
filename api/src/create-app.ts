import { NestFactory } from '@nestjs/core'
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify'
import { type AppDeps, createAppModule } from './app.module'
import { PinoNestLogger } from './logging/nest-logger'

/**
 * Largest request body the api reads (GraphQL operations and their variables; OTLP has its
 * own server and limits). The longest real operation is a few kilobytes.
 */
export const API_BODY_LIMIT = 256 * 1024

/**
 * Builds (does not start) the Nest application on Fastify for `deps`. The
 * caller decides between `app.listen()` (the server) and `app.init()` +
 * `inject` (tests).
 *
 * NB: the entry point must `import 'reflect-metadata'` before this runs.
 */
export async function createApp(deps: AppDeps): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(
    createAppModule(deps),
    // Fastify's own logger stays off: requests are not logged per line, and errors reach pino through Nest.
    new FastifyAdapter({ logger: false, bodyLimit: API_BODY_LIMIT }),
    { logger: new PinoNestLogger(deps.logger.child({ component: 'nest' })), abortOnError: false },
  )
}
