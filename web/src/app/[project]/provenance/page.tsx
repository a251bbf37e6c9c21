import { ProvenancePage } from '../../../features/provenance/components/provenance-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/provenance'>) {
  const { project } = await params
  return <ProvenancePage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
