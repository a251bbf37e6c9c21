'use client'

import { usePathname, useRouter, useSearchParams } from 'next/navigation'

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
  const section = pathname.split('/')[2] ?? 'overview'
  return (
    <label className="project-switcher">
      <span className="muted small">Project</span>
      <select
        value={current}
        onChange={(event) => {
          const range = new URLSearchParams()
          for (const key of ['range', 'from', 'to']) {
            const value = params.get(key)
            if (value !== null) range.set(key, value)
          }
          const query = range.toString()
          router.push(`/${encodeURIComponent(event.target.value)}/${section}${query ? `?${query}` : ''}`)
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
