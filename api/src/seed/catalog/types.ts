import type { Weighted } from '../prng'

/** Side effect class a tool declares (what `tollgate.side_effect` reports). */
export type ToolSideEffect = 'read' | 'draft' | 'write'

/**
 * Kinds of argument values the payload builder knows: `entity` is the record the
 * call is about (the same one its provenance names), the others are filler drawn
 * from small vocabularies.
 */
export type ArgKind =
  | 'entity'
  | 'query'
  | 'text'
  | 'title'
  | 'limit'
  | 'email'
  | 'date'
  | 'amount'
  | 'card'
  | 'sql'
  | 'status'
  | 'fields'
  | 'url'
  | 'path'

/** What the result text of a successful call looks like. */
export type ResultKind = 'record' | 'list' | 'ack' | 'draft' | 'rows' | 'page'

/** Span a tool's handler opens under the SERVER span: a database query or an HTTP fetch. */
export type ChildKind = 'db' | 'http'

/** One tool of a server. */
export interface ToolSpec {
  readonly name: string
  readonly sideEffect: ToolSideEffect
  /** Relative popularity within its server. */
  readonly weight: number
  /** Median duration in ms (durations are log-normal around it). */
  readonly medianMs: number
  /** Argument names and kinds, in payload order. */
  readonly args: readonly (readonly [name: string, kind: ArgKind])[]
  readonly result: ResultKind
  /** The result is built from records the server reports as provenance. */
  readonly provenance: boolean
  /** The result can carry third-party text (web pages, customer tickets): marked untrusted. */
  readonly untrusted: boolean
  /** Probability that the handler's own span (db query, HTTP fetch) is recorded under the call. */
  readonly childProbability: number
  readonly description: string
}

/** The records a server's calls are about; popularity is Zipf-like, so a few are touched by many calls. */
export interface EntityPool {
  /** Record ids (`acc_00042`), most popular first. */
  readonly ids: readonly string[]
  /** Provenance / resource URI of each id, same order. */
  readonly uris: readonly string[]
  /** Index into `ids` / `uris`, Zipf-weighted. */
  readonly popularity: Weighted<number>
  /** `tollgate.provenance.source` of records from this pool. */
  readonly source: string
}

/** One MCP server. */
export interface ServerSpec {
  /** `serverInfo.name`, also `server_name` and the scope prefix (`crm:read`). */
  readonly name: string
  readonly version: string
  /** Resource `service.name` of its spans. */
  readonly serviceName: string
  /** `tcp` (Streamable HTTP, OAuth) or `pipe` (stdio: no token, no MCP session header). */
  readonly transport: 'tcp' | 'pipe'
  /** RFC 8707 resource URL: what a token's audience must name. */
  readonly resourceUrl: string
  readonly tools: readonly ToolSpec[]
  readonly toolPicker: Weighted<ToolSpec>
  readonly prompts: readonly string[]
  readonly entities: EntityPool
  /** Explicit-denial policies of this server: [policy id, reason]. */
  readonly policies: readonly (readonly [policy: string, reason: string])[]
  /** A tool name callers try that the server does not list (an unknown-tool misuse). */
  readonly unknownTool: string
  /** `child` span kind of tools with `childProbability > 0`. */
  readonly child: ChildKind
  /** Host of the upstream API (HTTP child spans) or the database (db child spans). */
  readonly upstream: string
}
