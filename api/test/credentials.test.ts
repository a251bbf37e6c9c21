import { type IngestKeyStore, queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { INGEST_KEYS } from '../src/tokens'
import { graphql, graphqlFixture, userWithToken } from './graphql-helpers'

/** A GraphQL answer: its shape is what the exact `toEqual` checks below assert. */
// biome-ignore lint/suspicious/noExplicitAny: loosely typed on purpose, every value read is compared exactly
type Answer = Record<string, any>

const t: Record<string, string> = {}

const fx = graphqlFixture('credentials', async (storage) => {
  t.ada = await userWithToken(storage, 'ada', { p1: 'admin' })
  t.oz = await userWithToken(storage, 'oz', { p2: 'admin' })
})

async function ok(query: string, variables: Record<string, unknown>, token: string | undefined) {
  const response = await graphql(fx.app, query, variables, token)
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
  return response.data as Answer
}

async function audit(action: string) {
  return queryRows<{ actor: string; project_id: string; target: string; details: string }>(
    fx.storage,
    `SELECT actor, project_id, target, details FROM ${fx.storage.database}.audit_log WHERE action = {action:String} ORDER BY time`,
    { action },
  )
}

describe('API tokens', () => {
  it('creates a token shown once that works as a bearer, lists it by prefix, and revokes it at once', async () => {
    const created = await ok(
      'mutation { createApiToken(name: "ci job") { token apiToken { id name prefix revokedAt } } }',
      {},
      t.ada,
    )
    const { token, apiToken } = created.createApiToken
    expect(token).toMatch(/^tg_api_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toEqual({ id: apiToken.id, name: 'ci job', prefix: token.slice(0, 15), revokedAt: null })
    expect((await ok('{ me { username } }', {}, token)).me).toEqual({ username: 'ada' })

    const listed = await ok('{ apiTokens { id name prefix revokedAt } }', {}, t.ada)
    expect(listed.apiTokens).toEqual([
      { id: 't_ada', name: 'ada', prefix: t.ada!.slice(0, 15), revokedAt: null },
      { id: apiToken.id, name: 'ci job', prefix: token.slice(0, 15), revokedAt: null },
    ])
    expect(JSON.stringify(listed)).not.toContain(token)

    // Another user can neither see nor revoke it.
    expect((await ok('{ apiTokens { id } }', {}, t.oz)).apiTokens).toEqual([{ id: 't_oz' }])
    const foreign = await graphql(
      fx.app,
      'mutation($id: ID!) { revokeApiToken(id: $id) { id } }',
      { id: apiToken.id },
      t.oz,
    )
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')

    const revoked = await ok(
      'mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }',
      { id: apiToken.id },
      t.ada,
    )
    expect(revoked.revokeApiToken.revokedAt).not.toBeNull()
    // No 10 s wait: the revocation evicted the cached viewer.
    expect((await ok('{ me { username } }', {}, token)).me).toBeNull()
    const refused = await graphql(fx.app, '{ apiTokens { id } }', {}, token)
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    const details = JSON.stringify({ userId: 'u_ada', name: 'ci job', prefix: token.slice(0, 15) })
    expect(await audit('api_token.created')).toEqual([
      { actor: 'ada', project_id: '', target: apiToken.id, details },
    ])
    expect(await audit('api_token.revoked')).toEqual([
      { actor: 'ada', project_id: '', target: apiToken.id, details },
    ])
  })

  it('needs a signed-in user and a sensible name', async () => {
    const anonymous = await graphql(fx.app, 'mutation { createApiToken(name: "x") { token } }', {})
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const blank = await graphql(fx.app, 'mutation { createApiToken(name: "  ") { token } }', {}, t.ada)
    expect(blank.errors?.[0]).toMatchObject({
      message: 'name must be 1–100 characters',
      extensions: { code: 'BAD_USER_INPUT' },
    })
  })
})

describe('ingest keys', () => {
  it('creates a key shown once, lists it by prefix, and a revocation stops the receiver at once', async () => {
    const keys = fx.app.get<IngestKeyStore>(INGEST_KEYS)
    const created = await ok(
      'mutation { createIngestKey(projectId: "p1", name: "prod exporter") { key ingestKey { id name prefix revokedAt } } }',
      {},
      t.ada,
    )
    const { key, ingestKey } = created.createIngestKey
    expect(key).toMatch(/^tg_ingest_[0-9A-Za-z]{32}$/)
    expect(ingestKey).toEqual({
      id: ingestKey.id,
      name: 'prod exporter',
      prefix: key.slice(0, 18),
      revokedAt: null,
    })
    expect(await keys.verify(key)).toEqual({ projectId: 'p1', keyId: ingestKey.id })

    const listed = await ok('{ ingestKeys(projectId: "p1") { id name prefix revokedAt } }', {}, t.ada)
    expect(listed.ingestKeys).toEqual([
      { id: ingestKey.id, name: 'prod exporter', prefix: key.slice(0, 18), revokedAt: null },
    ])
    expect(JSON.stringify(listed)).not.toContain(key)

    // An admin of another project cannot revoke it by id, even in their own project's name.
    const foreign = await graphql(
      fx.app,
      'mutation($id: ID!) { revokeIngestKey(projectId: "p2", id: $id) { id } }',
      { id: ingestKey.id },
      t.oz,
    )
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } })
    expect(await keys.verify(key)).toEqual({ projectId: 'p1', keyId: ingestKey.id })

    const revoked = await ok(
      'mutation($id: ID!) { revokeIngestKey(projectId: "p1", id: $id) { id revokedAt } }',
      { id: ingestKey.id },
      t.ada,
    )
    expect(revoked.revokeIngestKey.revokedAt).not.toBeNull()
    expect(await keys.verify(key)).toBe('revoked')

    const details = JSON.stringify({ userId: 'u_ada', name: 'prod exporter', prefix: key.slice(0, 18) })
    expect(await audit('ingest_key.created')).toEqual([
      { actor: 'ada', project_id: 'p1', target: ingestKey.id, details },
    ])
    expect(await audit('ingest_key.revoked')).toEqual([
      { actor: 'ada', project_id: 'p1', target: ingestKey.id, details },
    ])
  })
})
