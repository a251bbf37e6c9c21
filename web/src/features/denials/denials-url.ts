import type { DenialDimension } from '../../graphql/generated'

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>

/** The breakdowns the Denials page offers, in the order of its switch, with what each groups by. */
export const DIMENSIONS: readonly { by: DenialDimension; label: string; column: string }[] = [
  { by: 'REASON', label: 'Reason', column: 'Reason' },
  { by: 'RESOURCE', label: 'Resource', column: 'Resource' },
  { by: 'USER', label: 'User', column: 'User' },
  { by: 'SCOPE', label: 'Scope', column: 'Granted scope' },
  { by: 'AGENT', label: 'Agent', column: 'Agent' },
  { by: 'CLIENT', label: 'OAuth client', column: 'OAuth client' },
  { by: 'TOOL', label: 'Tool', column: 'Tool' },
  { by: 'SOURCE', label: 'Decided by', column: 'Decided by' },
]

/** The breakdown shown when the URL names none (or one the page does not know). */
export const DEFAULT_DIMENSION: DenialDimension = 'REASON'

/**
 * Dimensions whose groups overlap: a denied call carries several denial events (reason,
 * resource) or several granted scopes, so it counts in more than one group and the shares can
 * add up to more than 100 %.
 */
export const OVERLAPPING: ReadonlySet<DenialDimension> = new Set(['REASON', 'RESOURCE', 'SCOPE'])

/** The page's `?by=` as a dimension; case-insensitive, anything unknown is the default. */
export function parseDimension(params: SearchParams): DenialDimension {
  const raw = params instanceof URLSearchParams ? params.get('by') : params.by
  const value = (Array.isArray(raw) ? raw[0] : raw)?.toUpperCase()
  return DIMENSIONS.find((d) => d.by === value)?.by ?? DEFAULT_DIMENSION
}

/** The dimension's entry of {@link DIMENSIONS}. */
export function dimensionOf(by: DenialDimension): (typeof DIMENSIONS)[number] {
  return DIMENSIONS.find((d) => d.by === by) ?? DIMENSIONS[0]!
}
