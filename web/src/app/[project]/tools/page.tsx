import { ToolsPage } from '../../../features/tools/components/tools-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/tools'>) {
  const { project } = await params
  return <ToolsPage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
