import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { IngestKeyStore, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll } from 'vitest'
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from '../src/auth/api-token'
import { AuthRepository, type ProjectRole } from '../src/auth/auth.repository'
import { createApp } from '../src/create-app'
import { createMetricsRegistry } from '../src/metrics/metrics-registry'
import { migratedStorage, removeDir, silentLogger, tempDir, testConfig } from './helpers'

/** A DateTime64(9) value for `ms` (unix milliseconds, to the microsecond), as the storage takes it. */
export const ns = (ms: number) => `${BigInt(Math.round(ms * 1000)) * 1000n}`.padStart(19, '0')

/** Creates user `name` with an API token and the given roles; returns the token. */
export async function userWithToken(storage: Storage, name: string, roles: Record<string, ProjectRole>) {
  const auth = new AuthRepository(storage)
  const token = generateApiToken()
  await auth.saveUser({ id: `u_${name}`, username: name, passwordHash: 'unused' })
  await auth.saveApiToken({
    id: `t_${name}`,
    userId: `u_${name}`,
    name,
    prefix: apiTokenDisplayPrefix(token),
    tokenHash: hashApiToken(token),
  })
  for (const [projectId, role] of Object.entries(roles))
    await auth.saveMember({ projectId, userId: `u_${name}`, role })
  return token
}

/** A started (not listening) app over `storage`, ready for `inject`. */
export async function graphqlApp(storage: Storage, dataDir: string): Promise<NestFastifyApplication> {
  const app = await createApp({
    config: testConfig(dataDir),
    storage,
    logger: silentLogger(),
    registry: createMetricsRegistry(),
    keys: new IngestKeyStore(storage),
  })
  await app.init()
  await app.getHttpAdapter().getInstance().ready()
  return app
}

export interface GraphqlResponse {
  data?: Record<string, unknown> | null
  errors?: Array<{ message: string; extensions?: { code?: string } }>
}

/** POSTs one GraphQL operation to `/graphql`, with a bearer token when given. */
export async function graphql(
  app: NestFastifyApplication,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GraphqlResponse> {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify({ query, variables }),
  })
  return response.json() as GraphqlResponse
}

/** What a test file's GraphQL fixture holds once its `beforeAll` has run. */
export interface GraphqlFixture {
  dir: string
  storage: Storage
  app: NestFastifyApplication
}

/**
 * One fresh storage and app for a test file: registers the `beforeAll` that builds them (running
 * `seed` before the app starts) and the `afterAll` that closes and removes them. Read its fields
 * inside tests and hooks, not at the file's top level.
 */
export function graphqlFixture(
  label: string,
  seed: (storage: Storage) => Promise<void> = async () => {},
): GraphqlFixture {
  const fixture = {} as GraphqlFixture
  beforeAll(async () => {
    fixture.dir = tempDir(label)
    fixture.storage = await migratedStorage(fixture.dir)
    await seed(fixture.storage)
    fixture.app = await graphqlApp(fixture.storage, fixture.dir)
  })
  afterAll(async () => {
    await fixture.app?.close()
    await fixture.storage?.close()
    if (fixture.dir !== undefined) removeDir(fixture.dir)
  })
  return fixture
}
