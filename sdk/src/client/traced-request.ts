import {
  type Attributes,
  context,
  diag,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import type { McpRequest } from '../internal-types.js'
import * as sc from '../semconv.js'
import { spanName } from '../server/request-attributes.js'

/** What a sending `Protocol` knows about both ends: it is a `Client`, or a `Server` asking its client. */
interface Sender {
  _requestMessageId?: number
  _clientInfo?: { name?: string; version?: string }
  _clientVersion?: { name?: string; version?: string }
  _serverInfo?: { name?: string; version?: string }
  _serverVersion?: { name?: string; version?: string }
}

const PROPAGATOR = new W3CTraceContextPropagator()
const META_SETTER = {
  set: (carrier: Record<string, unknown>, key: string, value: string) => {
    carrier[key] = value
  },
}

/**
 * Sends `request` through `send` inside a CLIENT span, with the span's trace context in
 * `params._meta` (SEP-414) so an instrumented server continues the trace. The caller's
 * request object is not modified: the copy that goes out carries the context. The result,
 * or the error, reaches the caller exactly as `send` produced it.
 */
export function tracedRequest(
  tracer: Tracer,
  sender: Sender,
  send: (request: McpRequest, ...rest: unknown[]) => Promise<unknown>,
  request: McpRequest,
  rest: unknown[],
): Promise<unknown> {
  let span: ReturnType<Tracer['startSpan']>
  let outgoing: McpRequest
  try {
    span = tracer.startSpan(spanName(request), {
      kind: SpanKind.CLIENT,
      attributes: senderAttributes(sender, request),
    })
    const meta: Record<string, unknown> = { ...request.params?._meta }
    PROPAGATOR.inject(trace.setSpan(context.active(), span), meta, META_SETTER)
    outgoing = { ...request, params: { ...request.params, _meta: meta } }
  } catch (error) {
    diag.error('tollgate: could not trace an outgoing MCP request', error)
    return send(request, ...rest)
  }
  const ended = span
  let sent: Promise<unknown>
  try {
    sent = send(outgoing, ...rest)
  } catch (error) {
    finish(ended, request, undefined, error)
    throw error
  }
  return sent.then(
    (result) => {
      finish(ended, request, result, undefined)
      return result
    },
    (error: unknown) => {
      finish(ended, request, undefined, error)
      throw error
    },
  )
}

function senderAttributes(sender: Sender, request: McpRequest): Attributes {
  const attributes: Attributes = { [sc.ATTR_MCP_METHOD_NAME]: request.method }
  if (typeof sender._requestMessageId === 'number') {
    attributes[sc.ATTR_JSONRPC_REQUEST_ID] = String(sender._requestMessageId)
  }
  const name = request.params?.name
  if (request.method === 'tools/call' && typeof name === 'string') {
    attributes[sc.ATTR_GEN_AI_TOOL_NAME] = name
    attributes[sc.ATTR_GEN_AI_OPERATION_NAME] = sc.OPERATION_EXECUTE_TOOL
  } else if (request.method === 'prompts/get' && typeof name === 'string') {
    attributes[sc.ATTR_GEN_AI_PROMPT_NAME] = name
  } else if (typeof request.params?.uri === 'string' && request.method.startsWith('resources/')) {
    attributes[sc.ATTR_MCP_RESOURCE_URI] = request.params.uri
  }
  const server = sender._serverInfo ?? sender._serverVersion
  const client = sender._clientInfo ?? sender._clientVersion
  if (server?.name) attributes[sc.ATTR_SERVER_NAME] = server.name
  if (server?.version) attributes[sc.ATTR_SERVER_VERSION] = server.version
  if (client?.name) {
    attributes[sc.ATTR_CLIENT_NAME] = client.name
    attributes[sc.ATTR_CLIENT_VERSION] = client.version ?? ''
  }
  return attributes
}

function finish(
  span: ReturnType<Tracer['startSpan']>,
  request: McpRequest,
  result: unknown,
  error: unknown,
): void {
  try {
    if (error !== undefined) {
      const code = (error as { code?: unknown }).code
      if (typeof code === 'number' && Number.isSafeInteger(code)) {
        span.setAttributes({
          [sc.ATTR_ERROR_TYPE]: String(code),
          [sc.ATTR_RPC_RESPONSE_STATUS_CODE]: String(code),
        })
      } else {
        span.setAttribute(sc.ATTR_ERROR_TYPE, error instanceof Error ? error.constructor.name : 'error')
      }
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      })
    } else if (
      request.method === 'tools/call' &&
      (result as { isError?: unknown } | undefined)?.isError === true
    ) {
      span.setAttribute(sc.ATTR_ERROR_TYPE, sc.ERROR_TYPE_TOOL_ERROR)
      span.setStatus({ code: SpanStatusCode.ERROR })
    }
  } catch (failure) {
    diag.error('tollgate: could not record an MCP response', failure)
  } finally {
    span.end()
  }
}
