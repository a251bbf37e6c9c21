import { revokeApiToken, revokeIngestKey } from '../actions'
import { loadApiTokens, loadIngestKeys } from '../settings-data'
import { CredentialTable } from './credential-table'

/** The signed-in user's API tokens. */
export async function ApiTokenList() {
  const tokens = await loadApiTokens()
  return (
    <CredentialTable
      label="API tokens"
      items={tokens}
      revoke={revokeApiToken}
      fields={{}}
      empty="Create one to call the GraphQL api from a script: send it as Authorization: Bearer <token>."
    />
  )
}

/** The project's ingest keys (admins only). */
export async function IngestKeyList({ projectId }: { projectId: string }) {
  const keys = await loadIngestKeys(projectId)
  return (
    <CredentialTable
      label="Ingest keys"
      items={keys}
      revoke={revokeIngestKey}
      fields={{ projectId }}
      empty="Create one for each server or environment that sends spans, so each can be revoked alone."
    />
  )
}
