import Link from 'next/link'
import { notFound } from 'next/navigation'
import { type ReactNode, Suspense } from 'react'
import { MeDocument } from '../../../graphql/generated'
import { gql } from '../../../lib/api/graphql-client'
import { signOut } from '../../auth/actions'
import { NavLinks } from './nav-links'
import { ProjectSwitcher } from './project-switcher'
import { TimeRangePicker } from './time-range-picker'

/** The frame of every project page: sidebar, project switcher, time range, user. */
export async function AppShell({ projectId, children }: { projectId: string; children: ReactNode }) {
  const { me } = await gql(MeDocument, {})
  if (me === null) return notFound()
  const access = me.projects.find((p) => p.projectId === projectId)
  if (access === undefined) notFound()
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/" className="brand">
          Tollgate
        </Link>
        <Suspense>
          <ProjectSwitcher current={projectId} projects={me.projects} />
          <NavLinks projectId={projectId} />
        </Suspense>
        <form action={signOut} className="user">
          <span>
            {me.username} <span className="muted small">· {access.role.toLowerCase()}</span>
          </span>
          <button type="submit" className="link-button">
            Sign out
          </button>
        </form>
      </aside>
      <div className="main">
        <header className="topbar">
          <Suspense>
            <TimeRangePicker />
          </Suspense>
        </header>
        <main id="content">{children}</main>
      </div>
    </div>
  )
}
