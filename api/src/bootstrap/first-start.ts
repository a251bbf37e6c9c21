import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import type { Logger } from 'pino'
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from '../auth/api-token'
import type { AuthRepository } from '../auth/auth.repository'
import { hashPassword } from '../auth/password'
import type { TollgateConfig } from '../config/config'
import { ApiError } from '../errors'
import { renderFirstStartBlock } from './first-start-block'
import { writeSecretsFile } from './secrets-file'

/** The project every install starts with. */
export const DEFAULT_PROJECT_ID = 'default'
/** The first admin's user name. */
export const ADMIN_USERNAME = 'admin'
/**
 * Fixed rather than random: several stateless processes starting at once on
 * one ClickHouse server each see "no admin" and create one; with one id the
 * ReplacingMergeTree keeps a single admin row instead of two `admin` users.
 * (They still pick different generated passwords: set the TOLLGATE_BOOTSTRAP_*
 * variables when starting more than one process for the first time.)
 */
export const ADMIN_USER_ID = 'usr_admin'

/** What the first start needs of the project store (`ProjectStore` satisfies it). */
export interface ProjectDirectory {
  get(id: string): Promise<unknown>
  ensure(id: string, name: string): Promise<unknown>
}

/** What the first start needs of the ingest key store (`IngestKeyStore` satisfies it). */
export interface IngestKeyIssuer {
  create(projectId: string, name: string): Promise<{ id: string; key: string; prefix: string }>
  createWithKey(projectId: string, name: string, key: string): Promise<{ id: string; revoked: boolean }>
}

/** Everything the first start touches, passed in. */
export interface FirstStartDeps {
  config: Pick<TollgateConfig, 'dataDir' | 'bootstrap' | 'host' | 'ports'>
  projects: ProjectDirectory
  keys: IngestKeyIssuer
  auth: AuthRepository
  logger: Logger
  /** Where the one-time credentials block goes (stderr in the server, never the JSON log). */
  out: { write(text: string): unknown }
}

/** Secrets this start generated (absent: not created, or taken from the environment). */
export interface GeneratedSecrets {
  ingestKey?: string
  adminPassword?: string
  adminToken?: string
}

/** What the first start did. */
export interface FirstStartResult {
  /** False on every later start: nothing was missing, nothing was created or printed. */
  initialised: boolean
  createdProject: boolean
  createdAdmin: boolean
  generated: GeneratedSecrets
  /** Where the generated secrets were written (mode 0600), if any were generated. */
  secretsFile?: string
}

/**
 * Creates what a fresh install lacks: project `default` with an ingest key,
 * and user `admin` (admin of `default`) with a password and an API token.
 * "Fresh" is judged per part — the project, and the admin user — so a
 * second start (or a start after a partial first one) creates only what is
 * missing, and a complete install creates and prints nothing.
 *
 * Marker rows go last (the project after its key, the user after its token
 * and membership): a start that dies halfway leaves the marker absent and the
 * next start does that part again.
 */
export async function runFirstStart(deps: FirstStartDeps): Promise<FirstStartResult> {
  const needProject = (await deps.projects.get(DEFAULT_PROJECT_ID)) == null
  const needAdmin = (await deps.auth.findUserByUsername(ADMIN_USERNAME)) === null
  if (!needProject && !needAdmin) {
    deps.logger.info({}, 'first-start setup already done; nothing to create')
    return { initialised: false, createdProject: false, createdAdmin: false, generated: {} }
  }
  const generated: GeneratedSecrets = {}
  try {
    if (needProject) {
      const key = await createDefaultProject(deps)
      if (key !== undefined) generated.ingestKey = key
    }
    if (needAdmin) Object.assign(generated, await createAdmin(deps))
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    throw new ApiError('BOOTSTRAP.FAILED', `first-start setup failed: ${message}`, { cause })
  }
  const secretsFile = await saveSecrets(deps, generated)
  deps.out.write(
    `${renderFirstStartBlock({ config: deps.config, createdProject: needProject, createdAdmin: needAdmin, generated, secretsFile })}\n`,
  )
  deps.logger.info(
    { createdProject: needProject, createdAdmin: needAdmin, secretsFile },
    'first-start setup done (credentials printed to stderr once)',
  )
  return { initialised: true, createdProject: needProject, createdAdmin: needAdmin, generated, secretsFile }
}

/** Ingest key, then the project row. Returns the key when it was generated here. */
async function createDefaultProject(deps: FirstStartDeps): Promise<string | undefined> {
  const fromEnv = deps.config.bootstrap.ingestKey
  let generated: string | undefined
  if (fromEnv === undefined) {
    generated = (await deps.keys.create(DEFAULT_PROJECT_ID, 'first-start key')).key
  } else {
    const stored = await deps.keys.createWithKey(
      DEFAULT_PROJECT_ID,
      'bootstrap key (from environment)',
      fromEnv,
    )
    if (stored.revoked) {
      // An admin's revocation is never undone by a restart with the same variable.
      deps.logger.warn(
        { keyId: stored.id },
        'TOLLGATE_BOOTSTRAP_INGEST_KEY names a revoked key; it stays revoked',
      )
    }
  }
  await deps.projects.ensure(DEFAULT_PROJECT_ID, 'Default')
  return generated
}

/** API token and membership, then the user row. Returns the secrets generated here. */
async function createAdmin(deps: FirstStartDeps): Promise<Omit<GeneratedSecrets, 'ingestKey'>> {
  const { adminPassword, adminToken } = deps.config.bootstrap
  const password = adminPassword ?? randomBytes(18).toString('base64url')
  const token = adminToken ?? generateApiToken()
  await deps.auth.saveApiToken({
    id: `tok_${randomUUID()}`,
    userId: ADMIN_USER_ID,
    name: 'first-start admin token',
    prefix: apiTokenDisplayPrefix(token),
    tokenHash: hashApiToken(token),
  })
  await deps.auth.saveMember({ projectId: DEFAULT_PROJECT_ID, userId: ADMIN_USER_ID, role: 'admin' })
  await deps.auth.saveUser({
    id: ADMIN_USER_ID,
    username: ADMIN_USERNAME,
    passwordHash: await hashPassword(password),
  })
  return {
    ...(adminPassword === undefined ? { adminPassword: password } : {}),
    ...(adminToken === undefined ? { adminToken: token } : {}),
  }
}

/**
 * Keeps a 0600 copy of the generated secrets beside the data. A failure here
 * is logged, not fatal: the block on stderr still shows them.
 */
async function saveSecrets(deps: FirstStartDeps, generated: GeneratedSecrets): Promise<string | undefined> {
  if (Object.values(generated).every((v) => v === undefined)) return undefined
  try {
    await mkdir(deps.config.dataDir, { recursive: true })
    return await writeSecretsFile(deps.config.dataDir, {
      note: 'Generated on the first start of Tollgate and shown once. Store them safely, then delete this file.',
      createdAt: new Date().toISOString(),
      project: DEFAULT_PROJECT_ID,
      ...(generated.ingestKey === undefined ? {} : { ingestKey: generated.ingestKey }),
      ...(generated.adminPassword === undefined && generated.adminToken === undefined
        ? {}
        : {
            admin: {
              username: ADMIN_USERNAME,
              password: generated.adminPassword,
              apiToken: generated.adminToken,
            },
          }),
    })
  } catch (err) {
    deps.logger.error(
      { err: { message: (err as Error).message } },
      'could not write the first-run secrets file',
    )
    return undefined
  }
}
