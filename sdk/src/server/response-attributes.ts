import { type Attributes, SpanStatusCode } from '@opentelemetry/api'
import type { InferredDenial } from '../classify/index.js'
import type { Detection } from '../detect/index.js'
import { textsOf } from '../detect/index.js'
import type { McpResponse } from '../internal-types.js'
import * as sc from '../semconv.js'
import type { SideEffect } from '../types.js'
import type { PendingCall } from './call-tracer.js'

/** The judges a response goes through; built once from the configuration. */
export interface ResponseJudges {
  classify: (input: {
    errorCode?: number
    errorMessage?: string
    toolErrorTexts?: readonly string[]
  }) => InferredDenial | undefined
  detect: (texts: readonly string[]) => Detection
  sideEffect: (tool: string) => SideEffect
}

/**
 * Sets what the response decides: error classification (SEMCONV.md §1.3), inferred
 * denials, authorization outcome, side effect and approval, content flags. The attributes
 * go onto the span in one call: each `setAttribute` validates and copies on its own.
 * Returns the call's `error.type`, if any.
 */
export function finishAttributes(
  call: PendingCall,
  response: McpResponse,
  judges: ResponseJudges,
): string | undefined {
  const { span, state, request } = call
  const isTool = request.method === 'tools/call'
  const toolName = typeof request.params?.name === 'string' ? request.params.name : ''
  const attributes: Attributes = {}
  let inferred: InferredDenial | undefined
  if (response.error !== undefined) {
    const code = String(response.error.code)
    attributes[sc.ATTR_ERROR_TYPE] = code
    attributes[sc.ATTR_RPC_RESPONSE_STATUS_CODE] = code
    span.setStatus({ code: SpanStatusCode.ERROR, message: response.error.message ?? '' })
    inferred = judges.classify({ errorCode: response.error.code, errorMessage: response.error.message })
  } else if (isTool && response.result?.isError === true) {
    attributes[sc.ATTR_ERROR_TYPE] = sc.ERROR_TYPE_TOOL_ERROR
    span.setStatus({ code: SpanStatusCode.ERROR })
    inferred = judges.classify({ toolErrorTexts: textsOf(response.result.content) })
  }
  if (inferred !== undefined && state.outcome !== 'denied') {
    state.deny(
      {
        [sc.ATTR_DENIAL_RESOURCE]: toolName,
        [sc.ATTR_DENIAL_ACTION]: isTool ? 'call' : request.method,
        [sc.ATTR_DENIAL_REASON]: inferred.reason,
        [sc.ATTR_DENIAL_POLICY]: inferred.rule,
        [sc.ATTR_DENIAL_INFERRED]: true,
      },
      true,
    )
  }
  const outcome = state.outcome ?? (call.authenticated ? 'allowed' : undefined)
  if (outcome !== undefined) attributes[sc.ATTR_AUTHZ_OUTCOME] = outcome
  if (outcome === 'denied' && state.denialSource !== undefined) {
    attributes[sc.ATTR_AUTHZ_DENIAL_SOURCE] = state.denialSource
  }
  if (isTool) {
    const sideEffect = judges.sideEffect(toolName)
    attributes[sc.ATTR_SIDE_EFFECT] = sideEffect
    if (sideEffect === 'write' || state.approval !== undefined) {
      attributes[sc.ATTR_APPROVAL_STATUS] = state.approval?.status ?? 'none'
      if (state.approval !== undefined) attributes[sc.ATTR_APPROVAL_APPROVED_BY] = state.approval.approvedBy
    }
  }
  flagAttributes(attributes, call, response, judges)
  span.setAttributes(attributes)
  return attributes[sc.ATTR_ERROR_TYPE] as string | undefined
}

function flagAttributes(
  attributes: Attributes,
  call: PendingCall,
  response: McpResponse,
  judges: ResponseJudges,
): void {
  const { state, request } = call
  if (
    response.result !== undefined &&
    (request.method === 'tools/call' || request.method === 'resources/read')
  ) {
    const detection = judges.detect(textsOf(response.result))
    for (const rule of detection.rules) state.flagRules.add(rule)
    if (detection.injectionSuspected) attributes[sc.ATTR_FLAG_INJECTION_SUSPECTED] = true
  }
  if (state.untrusted) attributes[sc.ATTR_FLAG_UNTRUSTED] = true
  if (state.flagRules.size > 0) attributes[sc.ATTR_FLAG_RULES] = [...state.flagRules].sort()
}
