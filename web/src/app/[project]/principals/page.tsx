import { PrincipalsPage } from '../../../features/principals/components/principals-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/principals'>) {
  const { project } = await params
  return <PrincipalsPage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
