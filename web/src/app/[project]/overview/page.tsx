import { OverviewPage } from '../../../features/overview/components/overview-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/overview'>) {
  const { project } = await params
  return <OverviewPage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
