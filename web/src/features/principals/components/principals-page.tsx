import Link from 'next/link'
import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { links } from '../../../lib/links'
import { pageWindow } from '../../../lib/page-window'
import styles from '../principals.module.css'
import { PRINCIPAL_KINDS, parsePrincipalsState, serializePrincipalsState } from '../principals-url'
import { PrincipalsTable } from './principals-table'

/** `/[project]/principals`: users, agents or OAuth clients with their calls, denials and scopes. */
export function PrincipalsPage({
  projectId,
  searchParams,
}: {
  projectId: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const window = pageWindow(searchParams)
  const state = parsePrincipalsState(searchParams)
  return (
    <>
      <h1>Principals</h1>
      <nav className={styles.kinds} aria-label="Kind of principal">
        {PRINCIPAL_KINDS.map((k) => (
          <Link
            key={k.kind}
            className="chip"
            href={links.principals(projectId, serializePrincipalsState({ kind: k.kind }), searchParams)}
            aria-current={k.kind === state.kind ? 'true' : undefined}
          >
            {k.label}
          </Link>
        ))}
      </nav>
      <Suspense
        key={`${window.key}-${state.kind}-${state.after ?? ''}`}
        fallback={<LoadingBlock label="Loading principals" rows={8} />}
      >
        <PrincipalsTable projectId={projectId} window={window} state={state} range={searchParams} />
      </Suspense>
    </>
  )
}
