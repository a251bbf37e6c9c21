/** The dashboard's sections, in the order of the sidebar. */
export const SECTIONS = [
  { segment: 'overview', label: 'Overview' },
  { segment: 'tools', label: 'Tools' },
  { segment: 'denials', label: 'Denials' },
  { segment: 'sessions', label: 'Sessions' },
  { segment: 'provenance', label: 'Provenance' },
  { segment: 'principals', label: 'Principals' },
  { segment: 'audit', label: 'Audit log' },
  { segment: 'settings', label: 'Settings' },
] as const

export type Section = (typeof SECTIONS)[number]['segment']

/** The range keys that follow a user from section to section; filters of one page do not. */
const CARRIED = ['range', 'from', 'to'] as const

/** The link to `segment` of `projectId`, keeping the current time range. */
export function sectionHref(projectId: string, segment: string, current: URLSearchParams): string {
  const kept = new URLSearchParams()
  for (const key of CARRIED) {
    const value = current.get(key)
    if (value !== null) kept.set(key, value)
  }
  const query = kept.toString()
  return `/${encodeURIComponent(projectId)}/${segment}${query === '' ? '' : `?${query}`}`
}
