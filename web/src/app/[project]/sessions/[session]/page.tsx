import { SessionPage } from '../../../../features/sessions/components/session-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/sessions/[session]'>) {
  const { project, session } = await params
  return (
    <SessionPage
      projectId={decodeURIComponent(project)}
      sessionId={decodeURIComponent(session)}
      searchParams={await searchParams}
    />
  )
}
