import 'server-only'
import {
  MeDocument,
  SettingsAlertRulesDocument,
  SettingsApiTokensDocument,
  SettingsIngestKeysDocument,
  SettingsMembersDocument,
} from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'

/** Who is signed in and their role in `projectId` (null when not a member): decides which panels show. */
export async function loadAccess(projectId: string) {
  const { me } = await gql(MeDocument, {})
  const role = me?.projects.find((p) => p.projectId === projectId)?.role
  return me === null || role === undefined ? null : { username: me.username, role }
}

/** The project's members (admins only). */
export async function loadMembers(projectId: string) {
  return (await gql(SettingsMembersDocument, { projectId })).members
}

/** The signed-in user's own API tokens, revoked ones included. */
export async function loadApiTokens() {
  return (await gql(SettingsApiTokensDocument, {})).apiTokens
}

/** The project's ingest keys (admins only). */
export async function loadIngestKeys(projectId: string) {
  return (await gql(SettingsIngestKeysDocument, { projectId })).ingestKeys
}

/** The project's alert rules (any member; destination URLs are cut to their origin for non-admins). */
export async function loadAlertRules(projectId: string) {
  return (await gql(SettingsAlertRulesDocument, { projectId })).alertRules
}
