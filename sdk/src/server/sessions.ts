import { randomUUID } from 'node:crypto'
import type { McpTransport } from '../internal-types.js'

/** Where one request sits in its session (SEMCONV.md §3.3). */
export interface SessionPosition {
  /** `mcp.session.id` when the transport has one, else undefined. */
  mcpSessionId: string | undefined
  /** The SDK's own id when the transport has none (stdio, stateless HTTP). */
  generatedId: string | undefined
  step: number
  prevSpanId: string | undefined
}

interface SessionState {
  id: string
  step: number
  lastSpanId: string | undefined
  /** Negotiated protocol revision, learned from the `initialize` response. */
  protocolVersion: string | undefined
}

/**
 * Numbers requests per session in arrival order. A session is the transport's
 * `sessionId` (Streamable HTTP) or, without one, the transport connection itself.
 * Keyed weakly by transport so a closed connection's state goes with it.
 */
export class SessionTracker {
  private readonly byTransport = new WeakMap<object, SessionState>()

  /** Takes the next step of `transport`'s session for a request whose span is `spanId`. */
  next(transport: McpTransport | undefined, spanId: string): SessionPosition {
    const state = this.stateOf(transport)
    state.step += 1
    const position: SessionPosition = {
      mcpSessionId: transport?.sessionId,
      generatedId: transport?.sessionId === undefined ? state.id : undefined,
      step: state.step,
      prevSpanId: state.lastSpanId,
    }
    state.lastSpanId = spanId
    return position
  }

  protocolVersion(transport: McpTransport | undefined): string | undefined {
    return transport === undefined ? undefined : this.byTransport.get(transport)?.protocolVersion
  }

  setProtocolVersion(transport: McpTransport | undefined, version: string): void {
    this.stateOf(transport).protocolVersion = version
  }

  private stateOf(transport: McpTransport | undefined): SessionState {
    // Without a transport there is nothing to key on: every request is its own session.
    if (transport === undefined) return newState()
    let state = this.byTransport.get(transport)
    if (state === undefined) {
      state = newState()
      this.byTransport.set(transport, state)
    }
    return state
  }
}

function newState(): SessionState {
  return { id: randomUUID(), step: 0, lastSpanId: undefined, protocolVersion: undefined }
}
