/** A GraphQL client over loopback HTTP with one bearer token; any error fails the benchmark. */
export class GraphqlClient {
  constructor(
    private readonly origin: string,
    private readonly token: string,
  ) {}

  async request<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    })
    const json = (await response.json()) as { data?: T; errors?: unknown }
    if (response.status !== 200 || json.errors !== undefined || json.data === undefined) {
      throw new Error(`answer ${response.status}: ${JSON.stringify(json).slice(0, 500)}`)
    }
    return json.data
  }
}
