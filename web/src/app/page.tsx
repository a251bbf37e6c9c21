import { redirect } from 'next/navigation'
import { MeDocument } from '../graphql/generated'
import { gql } from '../lib/api/graphql-client'

/** `/`: the first project's overview. */
export default async function Home() {
  const { me } = await gql(MeDocument, {})
  const first = me?.projects[0]
  if (first === undefined) {
    return (
      <main className="empty-state standalone">
        <h1>No project yet</h1>
        <p>
          You are signed in as {me?.username ?? 'nobody'}, but no project has given you a role. Ask an admin.
        </p>
      </main>
    )
  }
  redirect(`/${encodeURIComponent(first.projectId)}/overview`)
}
