import { notFound } from 'next/navigation'
import { TracePage } from '../../../../features/sessions/components/trace-page'

export default async function Page({ params }: PageProps<'/[project]/traces/[trace]'>) {
  const { project, trace } = await params
  // The api takes 32 lowercase hex digits; anything else cannot name a trace.
  if (!/^[0-9a-f]{32}$/.test(trace)) notFound()
  return <TracePage projectId={decodeURIComponent(project)} traceId={trace} />
}
