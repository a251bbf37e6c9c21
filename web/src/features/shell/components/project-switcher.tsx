'use client'

import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useHydrated } from '../../../components/use-hydrated'
import { links } from '../../../lib/links'

interface ProjectOption {
  projectId: string
  name: string
  role: string
}

/** Switches project, staying on the same section with the same time range. */
export function ProjectSwitcher({ current, projects }: { current: string; projects: ProjectOption[] }) {
  const router = useRouter()
  const pathname = usePathname()
  const params = useSearchParams()
  const hydrated = useHydrated()
  const section = pathname.split('/')[2] ?? 'overview'
  return (
    <label className="project-switcher">
      <span className="muted small">Project</span>
      <select
        value={current}
        disabled={!hydrated}
        onChange={(event) => {
          router.push(links.section(event.target.value, section, params))
        }}
      >
        {projects.map((p) => (
          <option key={p.projectId} value={p.projectId}>
            {p.name || p.projectId} ({p.role.toLowerCase()})
          </option>
        ))}
      </select>
    </label>
  )
}
