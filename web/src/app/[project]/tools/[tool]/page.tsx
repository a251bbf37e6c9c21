import { ToolPage } from '../../../../features/tools/components/tool-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/tools/[tool]'>) {
  const { project, tool } = await params
  return (
    <ToolPage
      projectId={decodeURIComponent(project)}
      tool={decodeURIComponent(tool)}
      searchParams={await searchParams}
    />
  )
}
