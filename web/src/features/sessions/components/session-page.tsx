import Link from 'next/link'
import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { parseCursor } from '../../../lib/cursor'
import { links } from '../../../lib/links'
import { SessionTimeline } from './session-timeline'

/** `/[project]/sessions/[session]`: one session, step by step. */
export function SessionPage(props: {
  projectId: string
  sessionId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const after = parseCursor(props.searchParams)
  return (
    <>
      <p className="small">
        <Link href={links.sessions(props.projectId, {}, props.searchParams)}>← Sessions</Link>
      </p>
      <h1>
        Session <code>{props.sessionId}</code>
      </h1>
      <Suspense key={after ?? ''} fallback={<LoadingBlock label="Loading the session" rows={10} />}>
        <SessionTimeline {...props} after={after} />
      </Suspense>
    </>
  )
}
