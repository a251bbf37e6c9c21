import { context, diag } from '@opentelemetry/api'
import { tracedRequest } from '../client/traced-request.js'
import type {
  McpNotification,
  McpProtocol,
  McpRequest,
  McpRequestExtra,
  McpTransport,
} from '../internal-types.js'
import * as sc from '../semconv.js'
import type { CallTracer, PendingCall } from './call-tracer.js'

/**
 * Marks our wrappers. `Symbol.for` so the ESM and CJS copies of this SDK (and of the MCP
 * SDK) agree on it: a method is never wrapped twice, whichever copy got there first.
 */
const WRAPPED = Symbol.for('tollgate.sdk.wrapped')
const PENDING = Symbol.for('tollgate.sdk.pending')

type Method = ((...args: never[]) => unknown) & { [WRAPPED]?: { original: Method } }
type Target = Record<string, unknown>
type WatchedTransport = McpTransport & { [PENDING]?: Map<string | number, PendingCall> }

/** Whether `target[name]` is one of our wrappers. */
export function isPatched(target: object, name: string): boolean {
  const method = (target as Target)[name] as Method | undefined
  return typeof method === 'function' && method[WRAPPED] !== undefined
}

/**
 * Wraps the request dispatch of an MCP `Protocol` (a prototype, or one instance) so every
 * inbound request becomes a SERVER span and every outgoing request a CLIENT span. The handler runs exactly once, untouched, in
 * the span's context; the response is observed on its way out, never changed.
 * `tracer()` is read per request so a disabled instrumentation passes requests through.
 */
export function patchProtocol(target: object, tracer: () => CallTracer | undefined): void {
  wrap(
    target,
    '_onrequest',
    (original) =>
      function tollgateOnRequest(this: McpProtocol, ...args: unknown[]) {
        const [request, extra] = args as [McpRequest, McpRequestExtra | undefined]
        const calls = tracer()
        const transport = this._transport as WatchedTransport | undefined
        const call =
          calls === undefined || !isRequest(request) ? undefined : calls.start(this, request, extra)
        if (call === undefined) return original.apply(this, args as never)
        if (transport !== undefined) pendingOf(transport, calls as CallTracer).set(request.id, call)
        return context.with(call.context, () => original.apply(this, args as never))
      },
  )
  wrap(
    target,
    '_onnotification',
    (original) =>
      function tollgateOnNotification(this: McpProtocol, ...args: unknown[]) {
        const notification = args[0] as McpNotification | undefined
        if (notification?.method === 'notifications/cancelled') cancelled(this, notification, tracer())
        return original.apply(this, args as never)
      },
  )
  wrap(
    target,
    'request',
    (original) =>
      function tollgateRequest(this: McpProtocol, ...args: unknown[]) {
        const calls = tracer()
        const [request, ...rest] = args
        if (calls === undefined || !isRequest(request)) return original.apply(this, args as never)
        const send = (outgoing: McpRequest, ...more: unknown[]) =>
          original.apply(this, [outgoing, ...more] as never) as Promise<unknown>
        return tracedRequest(calls.tracer(), this, send, request, rest)
      },
  )
  wrap(
    target,
    '_onclose',
    (original) =>
      function tollgateOnClose(this: McpProtocol, ...args: unknown[]) {
        const transport = this._transport as WatchedTransport | undefined
        try {
          return original.apply(this, args as never)
        } finally {
          abandonAll(transport, tracer(), 'connection closed')
        }
      },
  )
}

/** Restores the methods {@link patchProtocol} wrapped. */
export function unpatchProtocol(target: object): void {
  for (const name of ['_onrequest', '_onnotification', 'request', '_onclose']) {
    const method = (target as Target)[name] as Method | undefined
    const wrapped = method?.[WRAPPED]
    if (wrapped === undefined) continue
    if (Object.hasOwn(target, name) && Object.getPrototypeOf(target)?.[name] === wrapped.original) {
      delete (target as Target)[name]
    } else {
      ;(target as Target)[name] = wrapped.original
    }
  }
}

function wrap(target: object, name: string, make: (original: Method) => Method): void {
  const original = (target as Target)[name] as Method | undefined
  if (typeof original !== 'function' || original[WRAPPED] !== undefined) return
  const wrapper = make(original)
  Object.defineProperty(wrapper, WRAPPED, { value: { original } })
  ;(target as Target)[name] = wrapper
}

/**
 * The calls of `transport` awaiting a response. The first request on a transport wraps its
 * `send` once to see responses go out; the message and its delivery are passed through as is.
 */
function pendingOf(transport: WatchedTransport, calls: CallTracer): Map<string | number, PendingCall> {
  let pending = transport[PENDING]
  if (pending !== undefined) return pending
  pending = new Map()
  Object.defineProperty(transport, PENDING, { value: pending })
  const send = transport.send
  const watched = pending
  transport.send = function tollgateSend(this: McpTransport, ...args: unknown[]) {
    observeOutgoing(watched, calls, args[0], args[1])
    return send.apply(this, args as never)
  }
  return pending
}

function observeOutgoing(
  pending: Map<string | number, PendingCall>,
  calls: CallTracer,
  message: unknown,
  options: unknown,
): void {
  try {
    if (typeof message !== 'object' || message === null) return
    if (!('id' in message)) {
      progressOf(pending, message as McpNotification, options)
      return
    }
    if (!('result' in message) && !('error' in message)) return
    const id = (message as { id: string | number }).id
    const call = pending.get(id)
    if (call === undefined) return
    pending.delete(id)
    calls.finish(call, message as never)
  } catch (error) {
    diag.error('tollgate: could not observe an MCP response', error)
  }
}

/** A progress notification about a pending request becomes an event on its span. */
function progressOf(
  pending: Map<string | number, PendingCall>,
  notification: McpNotification,
  options: unknown,
): void {
  if (notification.method !== 'notifications/progress') return
  const related = (options as { relatedRequestId?: string | number } | undefined)?.relatedRequestId
  const call = related === undefined ? undefined : pending.get(related)
  if (call === undefined) return
  const { progress, total } = notification.params ?? {}
  call.span.addEvent(sc.EVENT_PROGRESS, {
    ...(typeof progress === 'number' ? { [sc.ATTR_PROGRESS_VALUE]: progress } : {}),
    ...(typeof total === 'number' ? { [sc.ATTR_PROGRESS_TOTAL]: total } : {}),
  })
}

function cancelled(
  protocol: McpProtocol,
  notification: McpNotification,
  calls: CallTracer | undefined,
): void {
  const transport = protocol._transport as WatchedTransport | undefined
  const id = notification.params?.requestId
  if (
    calls === undefined ||
    transport?.[PENDING] === undefined ||
    (typeof id !== 'string' && typeof id !== 'number')
  ) {
    return
  }
  const call = transport[PENDING].get(id)
  if (call === undefined) return
  transport[PENDING].delete(id)
  const reason = notification.params?.reason
  calls.abandon(call, typeof reason === 'string' ? reason.slice(0, 256) : '')
}

function abandonAll(
  transport: WatchedTransport | undefined,
  calls: CallTracer | undefined,
  reason: string,
): void {
  const pending = transport?.[PENDING]
  if (pending === undefined || calls === undefined) return
  for (const call of pending.values()) calls.abandon(call, reason)
  pending.clear()
}

function isRequest(request: unknown): request is McpRequest {
  return typeof request === 'object' && request !== null && typeof (request as McpRequest).method === 'string'
}
