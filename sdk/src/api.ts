import { type Attributes, diag } from '@opentelemetry/api'
import { activeCallState, type CallState } from './call-state.js'
import * as sc from './semconv.js'

/** An access the handler refused. */
export interface DenyOptions {
  /** What was denied: a record (`crm:accounts/42`), a tool name, a URL. */
  resource: string
  /** The refused action: `read`, `write`, `call`, … */
  action: string
  reason?: string
  /** Id of the policy or rule that decided. */
  policy?: string
}

/** An access granted in part. */
export interface PartialOptions {
  resource?: string
  granted: readonly string[]
  denied: readonly string[]
  redactedFields?: readonly string[]
  reason?: string
}

/** A source the answer was built from. */
export interface ProvenanceOptions {
  /** Logical source: `crm`, `postgres:orders`, `web`. */
  source: string
  uri?: string
  /** The filter or query applied (redacted like payloads). */
  filter?: string
  tenant?: string
  /** Freshness of the data read. */
  asOf?: Date | string
  excluded?: { count: number; reason: string }
}

/** A human decision on a state-changing call. */
export interface ApprovalOptions {
  approvedBy: string
  approvalId: string
  /** What the approver was shown; recorded as redacted JSON text. */
  shownParameters?: unknown
  /** @default 'approved' */
  decision?: 'approved' | 'rejected'
}

/** Content in the result that came from a source the server does not trust. */
export interface UntrustedOptions {
  /** `web`, `email:inbound`, a URI. */
  source: string
  reason?: string
}

/**
 * Records that the running MCP call refused `action` on `resource`; the call's outcome
 * becomes `denied`. Call it anywhere inside a request handler (it finds the call through
 * the active OpenTelemetry context). Returns false when no instrumented call is active.
 */
export function deny(options: DenyOptions): boolean {
  return onActiveCall('deny', (call) => {
    call.deny(
      defined({
        [sc.ATTR_DENIAL_RESOURCE]: options.resource,
        [sc.ATTR_DENIAL_ACTION]: options.action,
        [sc.ATTR_DENIAL_REASON]: options.reason,
        [sc.ATTR_DENIAL_POLICY]: options.policy,
      }),
      false,
    )
  })
}

/** Records a partial authorization: some of what was asked was granted, some withheld. */
export function partial(options: PartialOptions): boolean {
  return onActiveCall('partial', (call) => {
    call.partial(
      defined({
        [sc.ATTR_PARTIAL_RESOURCE]: options.resource,
        [sc.ATTR_PARTIAL_GRANTED]: [...options.granted],
        [sc.ATTR_PARTIAL_DENIED]: [...options.denied],
        [sc.ATTR_PARTIAL_REDACTED_FIELDS]: options.redactedFields && [...options.redactedFields],
        [sc.ATTR_PARTIAL_REASON]: options.reason,
      }),
    )
  })
}

/** Records one source behind the running call's answer; call it once per source. */
export function provenance(options: ProvenanceOptions): boolean {
  return onActiveCall('provenance', (call) => {
    const asOf = options.asOf instanceof Date ? options.asOf.toISOString() : options.asOf
    call.span.addEvent(
      sc.EVENT_PROVENANCE,
      defined({
        [sc.ATTR_PROVENANCE_SOURCE]: options.source,
        [sc.ATTR_PROVENANCE_URI]: options.uri,
        [sc.ATTR_PROVENANCE_FILTER]:
          options.filter === undefined ? undefined : call.redactText(options.filter),
        [sc.ATTR_PROVENANCE_TENANT]: options.tenant,
        [sc.ATTR_PROVENANCE_AS_OF]: asOf,
        [sc.ATTR_PROVENANCE_EXCLUDED_COUNT]: options.excluded?.count,
        [sc.ATTR_PROVENANCE_EXCLUDED_REASON]: options.excluded?.reason,
      }),
    )
  })
}

/** Records who approved (or refused) the running call; a refusal also denies it. */
export function approval(options: ApprovalOptions): boolean {
  return onActiveCall('approval', (call) => {
    const status = options.decision ?? 'approved'
    call.approval = { status, approvedBy: options.approvedBy }
    call.span.addEvent(
      sc.EVENT_APPROVAL,
      defined({
        [sc.ATTR_APPROVAL_EVENT_APPROVED_BY]: options.approvedBy,
        [sc.ATTR_APPROVAL_ID]: options.approvalId,
        [sc.ATTR_APPROVAL_SHOWN_PARAMETERS]:
          options.shownParameters === undefined ? undefined : call.redactJson(options.shownParameters),
      }),
    )
    if (status === 'rejected') {
      call.deny(
        {
          [sc.ATTR_DENIAL_RESOURCE]: '',
          [sc.ATTR_DENIAL_ACTION]: 'call',
          [sc.ATTR_DENIAL_REASON]: `approval ${options.approvalId} rejected by ${options.approvedBy}`,
        },
        false,
      )
    }
  })
}

/** Marks the running call's result as carrying content from an untrusted source. */
export function untrusted(options: UntrustedOptions): boolean {
  return onActiveCall('untrusted', (call) => {
    call.untrusted = true
    call.flagRules.add('declared')
    call.span.addEvent(
      sc.EVENT_UNTRUSTED,
      defined({
        [sc.ATTR_UNTRUSTED_SOURCE]: options.source,
        [sc.ATTR_UNTRUSTED_RULE]: 'declared',
        [sc.ATTR_UNTRUSTED_REASON]: options.reason,
      }),
    )
  })
}

/** A tool result as the MCP SDK expects it back from a handler. */
export interface ToolResult {
  content: Array<{ type: string; text?: string; [key: string]: unknown }>
  [key: string]: unknown
}

/**
 * Records a partial authorization and says so in the tool result, so the model knows the
 * answer is incomplete instead of taking it as the whole truth. Returns a new result; the
 * given one is not changed.
 */
export function withPartialNotice<R extends ToolResult>(result: R, options: PartialOptions): R {
  partial(options)
  const withheld = options.denied.length === 0 ? 'some items' : options.denied.join(', ')
  const notice = `Partial result: access to ${withheld} was not granted${options.reason ? ` (${options.reason})` : ''}. Do not assume the missing items do not exist.`
  return { ...result, content: [...result.content, { type: 'text', text: notice }] }
}

function onActiveCall(what: string, record: (call: CallState) => void): boolean {
  try {
    const call = activeCallState()
    if (call === undefined) {
      diag.debug(`tollgate: ${what}() called outside an instrumented MCP call; nothing recorded`)
      return false
    }
    record(call)
    return true
  } catch (error) {
    // A recording helper must never break the handler that called it.
    diag.error(`tollgate: ${what}() failed`, error)
    return false
  }
}

/** Drops undefined members: OTel attribute values must be defined. */
function defined(attributes: Record<string, Attributes[string]>): Attributes {
  const out: Attributes = {}
  for (const key in attributes) if (attributes[key] !== undefined) out[key] = attributes[key]
  return out
}
