/**
 * What the GraphQL resolvers may touch of the HTTP exchange: enough to set the sign-in
 * cookies and to key the login brake, nothing of Fastify's API.
 */
export interface HttpExchange {
  /** The client's address as the server sees it (the proxy's, behind one). */
  readonly ip: string
  /** True when the request came over https. */
  readonly https: boolean
  /** Adds `Set-Cookie` headers to the response. */
  setCookies(cookies: readonly string[]): void
}

/** The parts of a Fastify request and reply {@link httpExchange} reads. */
export interface HttpRequestLike {
  ip: string
  protocol: string
}
export interface HttpReplyLike {
  header(name: string, value: unknown): unknown
}

/** The {@link HttpExchange} of one Fastify request. */
export function httpExchange(request: HttpRequestLike, reply: HttpReplyLike): HttpExchange {
  return {
    ip: request.ip,
    https: request.protocol === 'https',
    setCookies: (cookies) => {
      reply.header('set-cookie', [...cookies])
    },
  }
}
