import type { StackInfo } from './stack-info'

/** Asks the api directly (admin bearer token), to check a page against the data it shows. */
export async function apiQuery<T>(
  stack: StackInfo,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(`${stack.apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: T; errors?: unknown }
  if (body.errors !== undefined || body.data === undefined)
    throw new Error(`api: ${JSON.stringify(body.errors)}`)
  return body.data
}

/** A fixed window covering the seeded data (two days up to now), as URL search params and bounds. */
export function seededWindow(): { from: string; to: string; query: string } {
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000).toISOString()
  const from = new Date(Date.parse(to) - 3 * 86_400_000).toISOString()
  return { from, to, query: new URLSearchParams({ from, to }).toString() }
}
