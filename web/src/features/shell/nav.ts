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
