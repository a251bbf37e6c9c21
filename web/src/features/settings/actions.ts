'use server'

import { revalidatePath } from 'next/cache'
import {
  SettingsAlertRulesDocument,
  SettingsCreateAlertRuleDocument,
  SettingsCreateApiTokenDocument,
  SettingsCreateIngestKeyDocument,
  SettingsDeleteAlertRuleDocument,
  SettingsInviteMemberDocument,
  SettingsRemoveMemberDocument,
  SettingsRevokeApiTokenDocument,
  SettingsRevokeIngestKeyDocument,
  SettingsSetMemberDocument,
  SettingsUpdateAlertRuleDocument,
} from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import { type ActionState, type CreateState, done, refused } from './action-state'
import { checkAlertRule, inputOf } from './alert-rule-form'
import { refusalMessage } from './refusal'
import {
  type Checked,
  checkId,
  checkInvite,
  checkName,
  checkRole,
  checkUsername,
  field,
  KEY_NAME_MAX,
  TOKEN_NAME_MAX,
} from './validation'

/*
 * The Settings page's changes. Each one checks its fields, calls the api as the signed-in user
 * (`gql` forwards the session cookie and CSRF token; the api decides who may do what), turns a
 * refusal into a message for the form, and refreshes the page's lists. Nothing here logs: two
 * of these handle secrets (a new password, a new token or key).
 */

const SETTINGS_PAGE = '/[project]/settings'

/** Runs `change`; a refusal of the api becomes the form's message, anything else propagates. */
async function attempt<S extends ActionState>(change: () => Promise<S>): Promise<S | ActionState> {
  try {
    return await change()
  } catch (error) {
    const message = refusalMessage(error)
    if (message === null) throw error
    return refused(message)
  } finally {
    revalidatePath(SETTINGS_PAGE, 'page')
  }
}

/** The first failed check's message, or null when all passed. */
function firstError(...checks: Checked<unknown>[]): string | null {
  for (const check of checks) if (!check.ok) return check.error
  return null
}

/** Creates a user with a password and a role in the project (admins only). */
export async function inviteMember(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const invite = checkInvite(form)
  if (!project.ok || !invite.ok) return refused(firstError(project, invite) ?? '')
  const { username, password, role } = invite.value
  return attempt(async () => {
    await gql(SettingsInviteMemberDocument, { projectId: project.value, username, password, role })
    return done(`${username} can now sign in as ${role.toLowerCase()}.`)
  })
}

/** Gives a member another role; the api refuses to demote the last admin. */
export async function setMemberRole(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const username = checkUsername(field(form, 'username'))
  const role = checkRole(field(form, 'role'))
  if (!project.ok || !username.ok || !role.ok) return refused(firstError(project, username, role) ?? '')
  return attempt(async () => {
    await gql(SettingsSetMemberDocument, {
      projectId: project.value,
      username: username.value,
      role: role.value,
    })
    return done(`${username.value} is now ${role.value.toLowerCase()}.`)
  })
}

/** Removes a member from the project (the user stays); never the last admin. */
export async function removeMember(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const username = checkUsername(field(form, 'username'))
  if (!project.ok || !username.ok) return refused(firstError(project, username) ?? '')
  return attempt(async () => {
    await gql(SettingsRemoveMemberDocument, { projectId: project.value, username: username.value })
    return done(`${username.value} was removed.`)
  })
}

/** Creates an API token acting as the signed-in user; the answer carries it, once. */
export async function createApiToken(_: CreateState, form: FormData): Promise<CreateState> {
  const name = checkName(field(form, 'name'), TOKEN_NAME_MAX)
  if (!name.ok) return refused(name.error)
  return attempt(async () => {
    const { createApiToken: created } = await gql(SettingsCreateApiTokenDocument, { name: name.value })
    return {
      ...done(`Token “${created.apiToken.name}” created.`),
      created: { name: created.apiToken.name, prefix: created.apiToken.prefix, secret: created.token },
    }
  })
}

/** Revokes one of the signed-in user's API tokens. */
export async function revokeApiToken(_: ActionState, form: FormData): Promise<ActionState> {
  const id = checkId(field(form, 'id'), 'token')
  if (!id.ok) return refused(id.error)
  return attempt(async () => {
    await gql(SettingsRevokeApiTokenDocument, { id: id.value })
    return done('Token revoked.')
  })
}

/** Creates an ingest key for the project (admins only); the answer carries it, once. */
export async function createIngestKey(_: CreateState, form: FormData): Promise<CreateState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const name = checkName(field(form, 'name'), KEY_NAME_MAX)
  if (!project.ok || !name.ok) return refused(firstError(project, name) ?? '')
  return attempt(async () => {
    const { createIngestKey: created } = await gql(SettingsCreateIngestKeyDocument, {
      projectId: project.value,
      name: name.value,
    })
    return {
      ...done(`Ingest key “${created.ingestKey.name}” created.`),
      created: { name: created.ingestKey.name, prefix: created.ingestKey.prefix, secret: created.key },
    }
  })
}

/** Revokes an ingest key of the project (admins only); spans sent with it are refused. */
export async function revokeIngestKey(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const id = checkId(field(form, 'id'), 'ingest key')
  if (!project.ok || !id.ok) return refused(firstError(project, id) ?? '')
  return attempt(async () => {
    await gql(SettingsRevokeIngestKeyDocument, { projectId: project.value, id: id.value })
    return done('Ingest key revoked.')
  })
}

/** Creates an alert rule, or replaces every field of the one named by the `id` field (admins only). */
export async function saveAlertRule(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const rule = checkAlertRule(form)
  const rawId = field(form, 'id')
  const id = rawId === '' ? null : checkId(rawId, 'alert rule')
  if (!project.ok || !rule.ok || (id !== null && !id.ok)) {
    return refused(firstError(project, rule, ...(id === null ? [] : [id])) ?? '')
  }
  return attempt(async () => {
    if (id === null) {
      const { createAlertRule: created } = await gql(SettingsCreateAlertRuleDocument, {
        projectId: project.value,
        input: rule.value,
      })
      return done(`Alert rule “${created.name}” created.`)
    }
    const { updateAlertRule: updated } = await gql(SettingsUpdateAlertRuleDocument, {
      projectId: project.value,
      id: id.value,
      input: rule.value,
    })
    return done(`Alert rule “${updated.name}” saved.`)
  })
}

/**
 * Enables or disables an alert rule (admins only). The api's update replaces every field, so
 * the rule is read afresh and sent back whole with only `enabled` changed.
 */
export async function setAlertRuleEnabled(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const id = checkId(field(form, 'id'), 'alert rule')
  const enabled = field(form, 'enabled')
  if (!project.ok || !id.ok) return refused(firstError(project, id) ?? '')
  if (enabled !== 'true' && enabled !== 'false') return refused('This switch is not known. Reload the page.')
  return attempt(async () => {
    const { alertRules } = await gql(SettingsAlertRulesDocument, { projectId: project.value })
    const rule = alertRules.find((r) => r.id === id.value)
    if (rule === undefined) return refused('This alert rule no longer exists. Reload the page.')
    await gql(SettingsUpdateAlertRuleDocument, {
      projectId: project.value,
      id: id.value,
      input: inputOf(rule, enabled === 'true'),
    })
    return done(`Alert rule “${rule.name}” ${enabled === 'true' ? 'enabled' : 'disabled'}.`)
  })
}

/** Deletes an alert rule (admins only); it stops firing at once. */
export async function deleteAlertRule(_: ActionState, form: FormData): Promise<ActionState> {
  const project = checkId(field(form, 'projectId'), 'project')
  const id = checkId(field(form, 'id'), 'alert rule')
  if (!project.ok || !id.ok) return refused(firstError(project, id) ?? '')
  return attempt(async () => {
    await gql(SettingsDeleteAlertRuleDocument, { projectId: project.value, id: id.value })
    return done('Alert rule deleted.')
  })
}
