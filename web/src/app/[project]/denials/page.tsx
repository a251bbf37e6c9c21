import { DenialsPage } from '../../../features/denials/components/denials-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/denials'>) {
  const { project } = await params
  return <DenialsPage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
