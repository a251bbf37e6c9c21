import {
  type Attributes,
  type Context,
  context,
  diag,
  type Link,
  type Meter,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { attachCallState, type CallState } from '../call-state.js'
import { createDenialClassifier } from '../classify/index.js'
import { createDetector } from '../detect/index.js'
import type { McpProtocol, McpRequest, McpRequestExtra, McpResponse } from '../internal-types.js'
import { type CaptureMode, createRedactor, type RedactedPayload } from '../redact/index.js'
import * as sc from '../semconv.js'
import type { TollgateConfig } from '../types.js'
import { identityAttributes, identityFromClaims } from './identity.js'
import { OperationMetric } from './operation-metric.js'
import { requestAttributes, spanName } from './request-attributes.js'
import { finishAttributes } from './response-attributes.js'
import { type SessionPosition, SessionTracker } from './sessions.js'
import { ToolCatalog } from './tool-catalog.js'

/** The input as JSON text; the object itself only when it has no JSON text (a cycle, a BigInt). */
type InputSnapshot = { json: string } | { value: unknown }

/** One request between its arrival and its response (or cancellation). */
export interface PendingCall {
  readonly span: Span
  readonly state: CallState
  readonly request: McpRequest
  readonly protocol: McpProtocol
  readonly context: Context
  readonly authenticated: boolean
  /** `performance.now()` at arrival, for the duration metric. */
  readonly startedAt: number
  /** The session position, taken on arrival; the rest of the attributes join once the call is done. */
  readonly attributes: Attributes
  /** What the transport passed with the request (auth, HTTP headers), read once the call is done. */
  readonly extra: McpRequestExtra | undefined
  /** The arguments (or params) as JSON text at arrival: the handler may change the objects. */
  readonly input: InputSnapshot
}

/**
 * Turns requests into SERVER spans and responses into their outcome. Holds everything
 * configured once (redactor, classifier, detector) so the per-request path only reads.
 *
 * The request path does only what must happen then: start the span (its context is what
 * `deny()` and friends find), number the step, snapshot the input, note the response time.
 * Redaction, classification, detection, hashing and every attribute write run after the
 * response went out ({@link CallTracer.finish} defers them), so the client waits for none of it.
 */
export class CallTracer {
  readonly sessions = new SessionTracker()
  readonly tools = new ToolCatalog()
  private readonly redact: ReturnType<typeof createRedactor>
  private readonly redactors = new Map<CaptureMode, ReturnType<typeof createRedactor>>()
  private readonly classify: ReturnType<typeof createDenialClassifier>
  private readonly detect: ReturnType<typeof createDetector>
  readonly metric: OperationMetric

  constructor(
    /** The OpenTelemetry tracer, read per span so a provider set later is used. */
    readonly tracer: () => Tracer,
    private readonly config: TollgateConfig,
    meter: () => Meter,
  ) {
    this.metric = new OperationMetric(meter)
    this.redact = createRedactor(config.capture)
    this.classify = createDenialClassifier(config.denials)
    this.detect = createDetector(config.detector)
  }

  /** Starts the span of `request`; undefined if anything about it cannot be traced. */
  start(
    protocol: McpProtocol,
    request: McpRequest,
    extra: McpRequestExtra | undefined,
  ): PendingCall | undefined {
    try {
      const transport = protocol._transport
      const { parent, links } = parentOf(request)
      const span = this.tracer().startSpan(spanName(request), { kind: SpanKind.SERVER, links }, parent)
      const attributes = sessionAttributes(this.sessions.next(transport, span.spanContext().spanId))
      return {
        span,
        state: attachCallState(span, this.redact),
        request,
        protocol,
        context: trace.setSpan(parent, span),
        authenticated: extra?.authInfo !== undefined,
        startedAt: performance.now(),
        attributes,
        extra,
        input: snapshot(
          request.method === 'tools/call' ? request.params?.arguments : withoutMeta(request.params),
        ),
      }
    } catch (error) {
      diag.error('tollgate: could not start the span of an MCP request', error)
      return undefined
    }
  }

  /**
   * Takes the response the server is sending. Only what later requests depend on happens now
   * (the negotiated protocol version); the rest runs once the response is on its way.
   */
  finish(call: PendingCall, response: McpResponse): void {
    const endTime = performance.timeOrigin + performance.now()
    const duration = performance.now() - call.startedAt
    if (call.request.method === 'initialize' && typeof response.result?.protocolVersion === 'string') {
      this.sessions.setProtocolVersion(call.protocol._transport, response.result.protocolVersion)
    }
    setImmediate(() => this.complete(call, response, endTime, duration))
  }

  /** Ends a call that will get no response: cancelled by the client, or its connection closed. */
  abandon(call: PendingCall, reason: string): void {
    try {
      call.span.setAttributes(this.requestAttributes(call))
      call.span.addEvent(sc.EVENT_CANCELLED, reason === '' ? {} : { [sc.ATTR_CANCEL_REASON]: reason })
      call.span.setAttribute(sc.ATTR_ERROR_TYPE, sc.ERROR_TYPE_CANCELLED)
      call.span.setStatus({ code: SpanStatusCode.ERROR, message: reason || 'cancelled' })
    } finally {
      call.span.end()
      this.recordDuration(call, performance.now() - call.startedAt, sc.ERROR_TYPE_CANCELLED)
    }
  }

  /** Everything the response decides, off the request path. */
  private complete(call: PendingCall, response: McpResponse, endTime: number, duration: number): void {
    let errorType: string | undefined
    try {
      const { span, request } = call
      const isTool = request.method === 'tools/call'
      Object.assign(call.attributes, this.requestAttributes(call))
      if (request.method === 'initialize' && typeof response.result?.protocolVersion === 'string') {
        call.attributes[sc.ATTR_MCP_PROTOCOL_VERSION] = response.result.protocolVersion
      }
      const tool = isTool && typeof request.params?.name === 'string' ? request.params.name : undefined
      const input = this.redactorFor(tool, 'input')(restore(call.input), isTool ? 'arguments' : 'params')
      payloadAttributes(
        call.attributes,
        input,
        isTool ? sc.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS : sc.ATTR_INPUT_VALUE,
        sc.ATTR_INPUT_BYTES,
      )
      const failed = response.error !== undefined
      const output = this.redactorFor(tool, 'output')(
        failed ? response.error : response.result,
        failed ? 'error' : 'result',
      )
      payloadAttributes(
        call.attributes,
        output,
        isTool ? sc.ATTR_GEN_AI_TOOL_CALL_RESULT : sc.ATTR_OUTPUT_VALUE,
        sc.ATTR_OUTPUT_BYTES,
      )
      span.setAttributes(call.attributes)
      addRedactionEvents(span, input)
      addRedactionEvents(span, output)
      if (request.method === 'tools/list' && response.result !== undefined) {
        this.tools.recordList(call.protocol, span, response.result)
      }
      errorType = finishAttributes(call, response, {
        classify: this.classify,
        detect: this.detect,
        sideEffect: (tool) => this.config.sideEffects?.[tool] ?? this.tools.sideEffect(call.protocol, tool),
      })
    } catch (error) {
      diag.error('tollgate: could not record the response of an MCP request', error)
    } finally {
      call.span.end(endTime)
      this.recordDuration(call, duration, errorType)
    }
  }

  /** The redactor of one payload: the tool's mode, else the payload's, else the default mode. */
  private redactorFor(
    tool: string | undefined,
    payload: 'input' | 'output',
  ): ReturnType<typeof createRedactor> {
    const capture = this.config.capture
    const tools = capture?.tools
    // Own keys only: a tool named `constructor` must not find Object.prototype's.
    const perTool =
      tool !== undefined && tools !== undefined && Object.hasOwn(tools, tool) ? tools[tool] : undefined
    const mode = perTool?.[payload] ?? capture?.[payload]
    if (mode === undefined || mode === (capture?.mode ?? 'redacted')) return this.redact
    let redactor = this.redactors.get(mode)
    if (redactor === undefined) {
      redactor = createRedactor({ ...capture, mode })
      this.redactors.set(mode, redactor)
    }
    return redactor
  }

  private recordDuration(call: PendingCall, durationMs: number, errorType: string | undefined): void {
    try {
      this.metric.record(durationMs / 1000, call.attributes, errorType)
    } catch (error) {
      diag.error('tollgate: could not record the request duration', error)
    }
  }

  /**
   * What the request says: method, target, transport, server, client, identity. Read once
   * the call is done; what it reads (the request, `authInfo`, the server's client info) does
   * not change while a request runs.
   */
  private requestAttributes(call: PendingCall): Attributes {
    const { protocol, request, extra } = call
    const version = this.sessions.protocolVersion(protocol._transport)
    const attributes = requestAttributes(protocol, request, extra, version)
    let identity = identityFromClaims(extra?.authInfo)
    if (this.config.identify !== undefined && extra !== undefined) {
      try {
        identity = { ...identity, ...this.config.identify(extra) }
      } catch (error) {
        diag.error('tollgate: the identify() hook threw; the call is recorded without its identity', error)
      }
    }
    Object.assign(attributes, identityAttributes(extra?.authInfo, identity, this.config.resourceUrl))
    return attributes
  }
}

/** The input as it is now: later changes by the handler do not reach what is recorded. */
function snapshot(value: unknown): InputSnapshot {
  try {
    const json = JSON.stringify(value)
    return json === undefined ? { value: undefined } : { json }
  } catch {
    // The redactor copes with what JSON.stringify rejects; it gets the object itself.
    return { value }
  }
}

function restore(input: InputSnapshot): unknown {
  return 'json' in input ? JSON.parse(input.json) : input.value
}

function payloadAttributes(
  attributes: Attributes,
  payload: RedactedPayload,
  valueKey: string,
  bytesKey: string,
): void {
  attributes[bytesKey] = payload.bytes
  if (payload.text !== undefined) attributes[valueKey] = payload.text
}

function addRedactionEvents(span: Span, payload: RedactedPayload): void {
  for (const redaction of payload.redactions) {
    span.addEvent(sc.EVENT_REDACTION, {
      [sc.ATTR_REDACTION_FIELD]: redaction.field,
      [sc.ATTR_REDACTION_RULE]: redaction.rule,
    })
  }
}

function sessionAttributes(position: SessionPosition): Attributes {
  const attributes: Attributes = { [sc.ATTR_SESSION_STEP]: position.step }
  if (position.mcpSessionId !== undefined) attributes[sc.ATTR_MCP_SESSION_ID] = position.mcpSessionId
  if (position.generatedId !== undefined) attributes[sc.ATTR_SESSION_ID] = position.generatedId
  if (position.prevSpanId !== undefined) attributes[sc.ATTR_SESSION_PREV_SPAN_ID] = position.prevSpanId
  return attributes
}

function withoutMeta(params: McpRequest['params']): unknown {
  if (params === undefined || !('_meta' in params)) return params
  const { _meta, ...rest } = params
  return rest
}

// SEP-414 puts W3C trace context in `_meta` whatever propagator the host configured.
const META_PROPAGATOR = new W3CTraceContextPropagator()
const META_GETTER = {
  keys: (carrier: Record<string, unknown>) => Object.keys(carrier),
  get: (carrier: Record<string, unknown>, key: string) => {
    const value = carrier[key]
    return typeof value === 'string' ? value : undefined
  },
}

/**
 * The parent of a request's span: the trace context the client put in `params._meta`
 * (SEMCONV.md §1.4), linked to the ambient (HTTP) span; else the ambient context.
 */
function parentOf(request: McpRequest): { parent: Context; links: Link[] } {
  const active = context.active()
  const meta = request.params?._meta
  if (meta === undefined || typeof meta.traceparent !== 'string') return { parent: active, links: [] }
  const extracted = META_PROPAGATOR.extract(active, meta, META_GETTER)
  const remote = trace.getSpanContext(extracted)
  if (remote === undefined) return { parent: active, links: [] }
  const ambient = trace.getSpanContext(active)
  return { parent: extracted, links: ambient === undefined ? [] : [{ context: ambient }] }
}
