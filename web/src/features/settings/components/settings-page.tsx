import { notFound } from 'next/navigation'
import { type ReactNode, Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { webConfig } from '../../../config'
import { createApiToken, createIngestKey } from '../actions'
import { loadAccess } from '../settings-data'
import { KEY_NAME_MAX, TOKEN_NAME_MAX } from '../validation'
import { AdminsOnly } from './admins-only'
import { AlertRulesPanel } from './alert-rules-panel'
import { CreateSecretForm } from './create-secret-form'
import { ApiTokenList, IngestKeyList } from './credential-lists'
import { InviteForm } from './invite-form'
import { MembersPanel } from './members-panel'

/**
 * `/[project]/settings`: members and ingest keys for admins, everyone's own API tokens, and
 * the project's alert rules (admins change them, others read them). Other roles see what the
 * admin panels are, not an error. New secrets are shown once by the form that created them.
 */
export async function SettingsPage({ projectId }: { projectId: string }) {
  const access = await loadAccess(projectId)
  if (access === null) notFound()
  const admin = access.role === 'ADMIN'
  return (
    <>
      <h1>Settings</h1>
      {admin ? (
        <Panel id="members" title="Members">
          <Suspense fallback={<LoadingBlock label="Loading members" />}>
            <MembersPanel projectId={projectId} me={access.username} />
          </Suspense>
          <h3>Invite a member</h3>
          <InviteForm projectId={projectId} />
        </Panel>
      ) : (
        <AdminsOnly title="Members" what="Members and their roles" role={access.role} />
      )}
      <Panel id="api-tokens" title="Your API tokens">
        <p className="muted">
          Tokens act as you ({access.username}) in every project you belong to. Send one as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code> to the GraphQL api.
        </p>
        <CreateSecretForm
          action={createApiToken}
          what="API token"
          maxLength={TOKEN_NAME_MAX}
          placeholder="ci-reports"
        />
        <Suspense fallback={<LoadingBlock label="Loading your API tokens" />}>
          <ApiTokenList />
        </Suspense>
      </Panel>
      {admin ? (
        <Panel id="ingest-keys" title="Ingest keys">
          <p className="muted">
            Instrumented MCP servers send their spans with an ingest key of this project.
          </p>
          <CreateSecretForm
            action={createIngestKey}
            what="ingest key"
            projectId={projectId}
            maxLength={KEY_NAME_MAX}
            placeholder="payments-mcp production"
            otlpUrl={webConfig().otlpUrl}
          />
          <Suspense fallback={<LoadingBlock label="Loading ingest keys" />}>
            <IngestKeyList projectId={projectId} />
          </Suspense>
        </Panel>
      ) : (
        <AdminsOnly title="Ingest keys" what="Ingest keys" role={access.role} />
      )}
      <Panel id="alert-rules" title="Alert rules">
        <Suspense fallback={<LoadingBlock label="Loading alert rules" />}>
          <AlertRulesPanel projectId={projectId} admin={admin} />
        </Suspense>
        {!admin && (
          <p className="muted small">
            <span className="badge">admins only</span> Rules are created and changed by the project’s admins.
          </p>
        )}
      </Panel>
    </>
  )
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  )
}
