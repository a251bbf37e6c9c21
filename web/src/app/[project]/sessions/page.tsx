import { SessionsPage } from '../../../features/sessions/components/sessions-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/sessions'>) {
  const { project } = await params
  return <SessionsPage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
