import { IngestKeyStore, queryRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { AuthRepository } from '../src/auth/auth.repository'
import { hashPassword } from '../src/auth/password'
import { RequestAuthenticator } from '../src/auth/request-authenticator'
import { hashSessionToken } from '../src/auth/session-token'
import { createApp } from '../src/create-app'
import { createMetricsRegistry } from '../src/metrics/metrics-registry'
import { graphqlFixture } from './graphql-helpers'
import { silentLogger, testConfig } from './helpers'

/** A GraphQL answer: its shape is what the exact `toEqual` checks below assert. */
// biome-ignore lint/suspicious/noExplicitAny: loosely typed on purpose, every value read is compared exactly
type Answer = Record<string, any>

const PASSWORD = 'correct horse battery staple'
const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) { csrfToken expiresAt me { username projects { projectId name role } } }
}`
const ME = '{ me { userId username projects { projectId role } } }'

const fx = graphqlFixture('login', async (storage) => {
  const auth = new AuthRepository(storage)
  const passwordHash = await hashPassword(PASSWORD)
  await auth.saveUser({ id: 'u_dana', username: 'dana', passwordHash })
  await auth.saveMember({ projectId: 'p1', userId: 'u_dana', role: 'investigator' })
  await auth.saveMember({ projectId: 'p2', userId: 'u_dana', role: 'viewer' })
  await auth.saveUser({ id: 'u_erin', username: 'erin', passwordHash })
  await auth.saveUser({ id: 'u_fay', username: 'fay', passwordHash })
  await auth.saveUser({ id: 'u_gus', username: 'gus', passwordHash })
})

interface Reply {
  status: number
  body: {
    data?: Answer | null
    errors?: Array<{ message: string; extensions?: { code?: string } }>
  }
  cookies: string[]
}

async function post(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
  remoteAddress = '10.0.0.1',
): Promise<Reply> {
  const response = await fx.app.inject({
    method: 'POST',
    remoteAddress,
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ query, variables }),
  })
  const setCookie = response.headers['set-cookie']
  return {
    status: response.statusCode,
    body: response.json(),
    cookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie],
  }
}

/** Signs `username` in from `ip`; the session cookie value, the CSRF token and the raw reply. */
async function signIn(username: string, password = PASSWORD, ip = '10.0.0.1') {
  const reply = await post(LOGIN, { u: username, p: password }, {}, ip)
  const session = /^tg_session=([^;]*)/.exec(
    reply.cookies.find((c) => c.startsWith('tg_session=')) ?? '',
  )?.[1]
  return { reply, session, csrf: reply.body.data?.login?.csrfToken as string | undefined }
}

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const { reply, session, csrf } = await signIn('dana')
    expect(reply.body.errors).toBeUndefined()
    expect(reply.body.data?.login.me).toEqual({
      username: 'dana',
      projects: [
        { projectId: 'p1', name: '', role: 'INVESTIGATOR' },
        { projectId: 'p2', name: '', role: 'VIEWER' },
      ],
    })
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(reply.cookies).toEqual([
      `tg_session=${session}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict`,
      `tg_csrf=${csrf}; Path=/; Max-Age=43200; SameSite=Strict`,
    ])
  })

  it('reads data with the cookie and the CSRF header, and refuses the cookie alone', async () => {
    const { session, csrf } = await signIn('dana')
    const ok = await post(ME, {}, { cookie: `tg_session=${session}`, 'x-tollgate-csrf': csrf! })
    expect(ok.body).toEqual({
      data: {
        me: {
          userId: 'u_dana',
          username: 'dana',
          projects: [
            { projectId: 'p1', role: 'INVESTIGATOR' },
            { projectId: 'p2', role: 'VIEWER' },
          ],
        },
      },
    })
    const bare = await post(ME, {}, { cookie: `tg_session=${session}` })
    expect(bare.body.data ?? null).toBeNull()
    expect(bare.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(bare.body.errors?.[0]?.message).toContain('x-tollgate-csrf')
  })
})

describe('login refusals', () => {
  it('gives the same answer for an unknown user, a wrong password and a disabled user, and audits each without the password', async () => {
    await new AuthRepository(fx.storage).saveUser({
      id: 'u_gus',
      username: 'gus',
      passwordHash: await hashPassword(PASSWORD),
      disabled: true,
    })
    const answers = []
    for (const [u, p] of [
      ['nobody', PASSWORD],
      ['erin', 'wrong password!'],
      ['gus', PASSWORD],
    ] as const) {
      const { reply, session } = await signIn(u, p, '10.0.0.2')
      expect(session).toBeUndefined()
      answers.push(reply.body)
    }
    const expected = {
      data: null,
      errors: [
        {
          message: 'Wrong username or password',
          locations: [{ line: 2, column: 3 }],
          path: ['login'],
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    }
    expect(answers).toEqual([expected, expected, expected])
    const rows = await queryRows<{ actor: string; project_id: string; target: string; details: string }>(
      fx.storage,
      `SELECT actor, project_id, target, details FROM ${fx.storage.database}.audit_log
       WHERE action = 'login.failed' AND details LIKE '%10.0.0.2%' ORDER BY time, actor`,
      {},
    )
    expect(rows).toEqual(
      // An unknown name may be a password typed into the wrong field: it is not recorded.
      ['(unknown user)', 'erin', 'gus'].map((actor) => ({
        actor,
        project_id: '',
        target: '',
        details: '{"ip":"10.0.0.2"}',
      })),
    )
  })

  it('brakes after 5 failures for a username from one address, without checking the password', async () => {
    for (let i = 0; i < 5; i++) {
      const { reply } = await signIn('fay', `wrong password ${i}`, '10.0.0.3')
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    }
    const locked = await signIn('fay', PASSWORD, '10.0.0.3')
    expect(locked.session).toBeUndefined()
    expect(locked.reply.body.errors?.[0]).toMatchObject({
      message: 'Too many failed sign-ins for this user from your address; try again in 15 min',
      extensions: { code: 'RATE_LIMITED' },
    })
    // The fifth failure is audited as the one that locked; the refused attempt is not audited.
    const rows = await queryRows<{ details: string }>(
      fx.storage,
      `SELECT details FROM ${fx.storage.database}.audit_log WHERE actor = 'fay' ORDER BY time`,
      {},
    )
    expect(rows.map((r) => r.details)).toEqual([
      ...Array(4).fill('{"ip":"10.0.0.3"}'),
      '{"ip":"10.0.0.3","locked":true}',
    ])
    // Another address is not braked.
    expect((await signIn('fay', PASSWORD, '10.0.0.4')).session).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('refuses a foreign Origin, and mutations over GET', async () => {
    const foreign = await post(
      LOGIN,
      { u: 'dana', p: PASSWORD },
      { origin: 'https://evil.example', host: 'tollgate.local:4000' },
    )
    expect(foreign.cookies).toEqual([])
    expect(foreign.body.errors?.[0]).toMatchObject({
      message: 'Cross-origin request refused: the Origin header does not name this server',
      extensions: { code: 'FORBIDDEN' },
    })
    const same = await post(ME, {}, { origin: 'http://tollgate.local:4000', host: 'tollgate.local:4000' })
    expect(same.body).toEqual({ data: { me: null } })
    const query = encodeURIComponent('mutation { logout }')
    const get = await fx.app.inject({ method: 'GET', url: `/graphql?query=${query}` })
    expect(get.statusCode).toBe(405)
    expect(get.json().errors[0].message).toBe('Operation cannot be performed via a GET request')
  })
})

describe('sessions', () => {
  it('logout revokes the session and clears the cookies', async () => {
    const { session, csrf } = await signIn('erin')
    const headers = { cookie: `tg_session=${session}; tg_csrf=${csrf}`, 'x-tollgate-csrf': csrf! }
    expect((await post(ME, {}, headers)).body.data?.me?.username).toBe('erin')
    const out = await post('mutation { logout }', {}, headers)
    expect(out.body).toEqual({ data: { logout: true } })
    expect(out.cookies).toEqual([
      'tg_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict',
      'tg_csrf=; Path=/; Max-Age=0; SameSite=Strict',
    ])
    // The cookie, kept by a client that ignored the deletion, is worth nothing now.
    expect((await post(ME, {}, headers)).body).toEqual({ data: { me: null } })
    const rows = await queryRows<{ actor: string; target: string; details: string }>(
      fx.storage,
      `SELECT actor, target, details FROM ${fx.storage.database}.audit_log WHERE action = 'logout'`,
      {},
    )
    expect(rows).toEqual([{ actor: 'erin', target: 'u_erin', details: '{"userId":"u_erin"}' }])
  })

  it("stops a disabled user's session (at once once cached viewers are dropped, else within 5 s)", async () => {
    const { session, csrf } = await signIn('dana', PASSWORD, '10.0.0.5')
    const headers = { cookie: `tg_session=${session}`, 'x-tollgate-csrf': csrf! }
    expect((await post(ME, {}, headers)).body.data?.me?.username).toBe('dana')
    await new AuthRepository(fx.storage).saveUser({
      id: 'u_dana',
      username: 'dana',
      passwordHash: 'x',
      disabled: true,
    })
    fx.app.get(RequestAuthenticator).clearCaches()
    expect((await post(ME, {}, headers)).body).toEqual({ data: { me: null } })
  })

  it('refuses a wrong CSRF token, and audits a sign-in with the user id', async () => {
    const { session } = await signIn('fay', PASSWORD, '10.0.0.6')
    const wrong = await post(ME, {}, { cookie: `tg_session=${session}`, 'x-tollgate-csrf': 'A'.repeat(43) })
    expect(wrong.body.errors?.[0]).toMatchObject({
      message: "The x-tollgate-csrf header does not match this session's CSRF token; sign in again",
      extensions: { code: 'FORBIDDEN' },
    })
    const rows = await queryRows<{ actor: string; project_id: string; target: string; details: string }>(
      fx.storage,
      `SELECT actor, project_id, target, details FROM ${fx.storage.database}.audit_log
       WHERE action = 'login.succeeded' AND actor = 'fay' ORDER BY time`,
      {},
    )
    expect(rows.at(-1)).toEqual({
      actor: 'fay',
      project_id: '',
      target: 'u_fay',
      details: '{"userId":"u_fay","ip":"10.0.0.6"}',
    })
    // Stored as its hash only.
    const stored = await queryRows<{ raw: number; hashed: number }>(
      fx.storage,
      `SELECT countIf(token_hash = {raw:String} OR csrf_hash = {raw:String}) AS raw,
              countIf(token_hash = {hash:String}) AS hashed
       FROM ${fx.storage.database}.login_sessions`,
      { raw: session, hash: hashSessionToken(session!) },
    )
    expect(stored.map((r) => [Number(r.raw), Number(r.hashed)])).toEqual([[0, 1]])
  })
})

describe('TOLLGATE_COOKIE_SECURE', () => {
  it('is auto by default, accepts always, refuses anything else', () => {
    expect(testConfig(fx.dir).cookieSecure).toBe('auto')
    expect(testConfig(fx.dir, { TOLLGATE_COOKIE_SECURE: 'always' }).cookieSecure).toBe('always')
    expect(() => testConfig(fx.dir, { TOLLGATE_COOKIE_SECURE: 'yes' })).toThrow(
      'TOLLGATE_COOKIE_SECURE: must be one of auto, always (got "yes")',
    )
  })

  it('always: the cookies get Secure even over plain http', async () => {
    const secureApp = await createApp({
      config: testConfig(fx.dir, { TOLLGATE_COOKIE_SECURE: 'always' }),
      storage: fx.storage,
      logger: silentLogger(),
      registry: createMetricsRegistry(),
      keys: new IngestKeyStore(fx.storage),
    })
    try {
      await secureApp.init()
      await secureApp.getHttpAdapter().getInstance().ready()
      const response = await secureApp.inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress: '10.0.0.7',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ query: LOGIN, variables: { u: 'fay', p: PASSWORD } }),
      })
      const cookies = response.headers['set-cookie'] as string[]
      expect(cookies.map((c) => c.replace(/=[A-Za-z0-9_-]{43};/, '=…;'))).toEqual([
        'tg_session=…; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure',
        'tg_csrf=…; Path=/; Max-Age=43200; SameSite=Strict; Secure',
      ])
    } finally {
      await secureApp.close()
    }
  })
})
