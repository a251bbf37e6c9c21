import { AuditPage } from '../../../features/audit/components/audit-page'

export default async function Page({ params, searchParams }: PageProps<'/[project]/audit'>) {
  const { project } = await params
  return <AuditPage projectId={decodeURIComponent(project)} searchParams={await searchParams} />
}
