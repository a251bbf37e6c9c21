'use client'

import Link from 'next/link'
import { usePathname, useSearchParams } from 'next/navigation'
import { links } from '../../../lib/links'
import { SECTIONS } from '../nav'

/** The sidebar: one link per section, each keeping the current time range. */
export function NavLinks({ projectId }: { projectId: string }) {
  const pathname = usePathname()
  const params = useSearchParams()
  const base = `/${encodeURIComponent(projectId)}/`
  return (
    <nav aria-label="Sections" className="nav">
      <ul>
        {SECTIONS.map(({ segment, label }) => {
          const active = pathname === base + segment || pathname.startsWith(`${base}${segment}/`)
          return (
            <li key={segment}>
              <Link
                href={links.section(projectId, segment, params)}
                aria-current={active ? 'page' : undefined}
              >
                {label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
