/**
 * Plans single calls: a `tools/call` with a given fate, a `resources/read`, a
 * `prompts/get`, a `tools/list`, or a refused connection. Decides payloads,
 * durations, events and flags the way a real server and the SDK would report them.
 */
import type { CallPlan, Refusal, Session } from './call-plan'
import { AGENTS, APPROVERS } from './catalog/principals'
import type { ToolDefinitions } from './catalog/tool-definitions'
import type { ServerSpec, ToolSpec } from './catalog/types'
import {
  approvalEvent,
  denialEvent,
  partialEvent,
  provenanceEvent,
  redactionEvent,
  untrustedEvent,
} from './events'
import {
  INJECTION_TEXT,
  promptParams,
  promptResult,
  resourceParams,
  resourceResult,
  rpcError,
  toolArguments,
  toolErrorResult,
  toolResult,
} from './payloads'
import { type Prng, Weighted } from './prng'

/** What happens to a `tools/call`. */
export type Fate =
  | 'ok'
  | 'explicit'
  | 'inferred'
  | 'partial'
  | 'tool_error'
  | 'server_error'
  | 'invalid_arguments'
  | 'unknown_tool'
  | 'rejected'

/** Where a call sits in its session. */
export interface Position {
  session: Session
  step: number
  prevSpanId: string
  startMs: number
}

const NO_RULES: readonly string[] = Object.freeze([])
const INJECTION_RULES: readonly (readonly string[])[] = [
  ['instruction_phrase'],
  ['instruction_phrase', 'markdown_link_unexpected_host'],
  ['invisible_unicode_tags'],
]
const INFERRED: readonly (readonly [message: string, rule: string])[] = [
  ['403 Forbidden: token owner lacks access to this resource', 'pattern:forbidden'],
  ['permission denied for relation customers', 'pattern:permission_denied'],
  ['You are not authorized to perform this action', 'pattern:not_authorized'],
  ['insufficient_scope: write access required', 'pattern:insufficient_scope'],
]
const TOOL_ERRORS = [
  'Upstream API timed out after 30s',
  'Rate limited by upstream (429), retry later',
  'Record not found',
  'Conflict: record was modified by someone else',
]
const UNTRUSTED_SOURCES: Record<string, string> = {
  search: 'web',
  tickets: 'customer_ticket',
  github: 'github_issue',
}
/** Agents whose writes usually go through a human approval (the others mostly do not). */
const APPROVAL_RATE: Record<string, number> = Object.fromEntries(
  AGENTS.map((a) => [a.id, { 'finance-bot': 0.9, 'sales-agent': 0.75, 'ops-runbook': 0.25 }[a.id] ?? 0.55]),
)

export class CallPlanner {
  private readonly fates = new Map<ToolSpec, Weighted<Fate>>()

  constructor(
    private readonly r: Prng,
    private readonly definitions: ToolDefinitions,
  ) {}

  /** The background fate of a call to `tool`: rates per side effect, the rest succeeds. */
  fate(tool: ToolSpec): Fate {
    let fates = this.fates.get(tool)
    if (fates === undefined) {
      const write = tool.sideEffect === 'write'
      const rates: [Fate, number][] = [
        ['unknown_tool', 0.003],
        ['invalid_arguments', 0.015],
        ['explicit', write ? 0.05 : 0.015],
        ['inferred', 0.008],
        ['rejected', write ? 0.01 : 0],
        ['partial', tool.provenance ? 0.02 : 0],
        ['tool_error', 0.025],
        ['server_error', 0.005],
      ]
      rates.push(['ok', 1 - rates.reduce((sum, [, rate]) => sum + rate, 0)])
      fates = new Weighted(
        rates.map(([fate]) => fate),
        rates.map(([, rate]) => rate),
      )
      this.fates.set(tool, fates)
    }
    return fates.pick(this.r)
  }

  /** A `tools/call` of `tool` about record `entity` (index into the server's pool). */
  toolCall(at: Position, tool: ToolSpec, fate: Fate, entity: number, input?: string): CallPlan {
    const { r } = this
    const server = at.session.server
    const id = server.entities.ids[entity]!
    const target = fate === 'unknown_tool' ? server.unknownTool : tool.name
    const plan = this.base(at, 'tools/call', target)
    plan.tool = fate === 'unknown_tool' ? null : tool
    plan.input = input ?? (fate === 'invalid_arguments' ? '{}' : toolArguments(r, tool, id, at.startMs))
    plan.durationMs = Math.min(r.logNormal(tool.medianMs, 0.7), 30_000)
    if (tool.sideEffect === 'write' && fate !== 'unknown_tool') this.approval(plan, fate)
    switch (fate) {
      case 'ok':
      case 'partial':
        this.success(plan, tool, entity, fate === 'partial')
        break
      case 'explicit':
      case 'rejected': {
        const [policy, reason] =
          fate === 'rejected'
            ? ['approval.rejected', 'approver rejected the change']
            : r.pick(server.policies)
        plan.events.push(
          denialEvent(
            `${server.name}:${id}`,
            tool.sideEffect === 'read' ? 'read' : 'write',
            reason,
            policy,
            false,
          ),
        )
        this.deny(plan, 'explicit', toolErrorResult(`Access denied: ${reason}`), 'tool_error', '')
        plan.durationMs /= 4
        break
      }
      case 'inferred': {
        const [message, rule] = r.pick(INFERRED)
        plan.events.push(denialEvent(tool.name, 'call', message, rule, true))
        this.deny(plan, 'inferred', toolErrorResult(`Error: ${message}`), 'tool_error', '')
        break
      }
      case 'unknown_tool': {
        const message = `Unknown tool: ${target}`
        plan.events.push(denialEvent(target, 'call', message, 'code:-32602_unknown_tool', true))
        this.deny(plan, 'inferred', rpcError(-32602, message), '-32602', message)
        plan.durationMs = 0.4 + r.next() * 2
        break
      }
      case 'invalid_arguments': {
        const message = `Invalid arguments for tool ${tool.name}: ${tool.args[0]?.[0] ?? 'input'} is required`
        this.fail(plan, '-32602', message, rpcError(-32602, message))
        plan.durationMs = 0.4 + r.next() * 2
        break
      }
      case 'tool_error':
        this.fail(plan, 'tool_error', '', toolErrorResult(r.pick(TOOL_ERRORS)))
        break
      case 'server_error':
        if (r.chance(0.5)) {
          plan.durationMs = 30_000
          this.fail(plan, '-32001', 'Request timed out', rpcError(-32001, 'Request timed out'))
        } else this.fail(plan, '-32603', 'Internal error', rpcError(-32603, 'Internal error'))
        break
    }
    plan.child = fate !== 'unknown_tool' && fate !== 'invalid_arguments' && r.chance(tool.childProbability)
    return this.sized(plan)
  }

  /**
   * A `resources/read` of record `entity`: provenance of the resource itself. Now and then it
   * is not found or refused, unless `found` (the record is known to exist and be readable).
   */
  resourceRead(at: Position, entity: number, found = false): CallPlan {
    const { r } = this
    const pool = at.session.server.entities
    const uri = pool.uris[entity]!
    const plan = this.base(at, 'resources/read', uri)
    plan.input = resourceParams(uri)
    plan.durationMs = r.logNormal(25, 0.6)
    const x = found ? 1 : r.next()
    if (x < 0.02) {
      this.fail(plan, '-32002', 'Resource not found', rpcError(-32002, 'Resource not found'))
    } else if (x < 0.03) {
      plan.events.push(denialEvent(uri, 'read', 'record belongs to another tenant', 'tenant_boundary', false))
      this.deny(plan, 'explicit', rpcError(-32603, 'Access denied'), '-32603', 'Access denied')
    } else {
      plan.output = resourceResult(r, uri)
      plan.events.push(this.provenance(at, pool.source, uri, ''))
    }
    return this.sized(plan)
  }

  /** A `prompts/get` of `name` about record `entity`. */
  promptGet(at: Position, name: string, entity: number): CallPlan {
    const { r } = this
    const id = at.session.server.entities.ids[entity]!
    const plan = this.base(at, 'prompts/get', name)
    plan.input = promptParams(r, name, id)
    plan.durationMs = r.logNormal(6, 0.5)
    if (r.chance(0.01)) {
      const message = `Invalid arguments for prompt ${name}: subject not found`
      this.fail(plan, '-32602', message, rpcError(-32602, message))
    } else plan.output = promptResult(r, id)
    return this.sized(plan)
  }

  /** A `tools/list`: its span carries one definition event per tool (the basis of `tool_versions`). */
  toolsList(at: Position): CallPlan {
    const server = at.session.server
    const plan = this.base(at, 'tools/list', '')
    const list = this.definitions.at(server.name, at.startMs)
    plan.toolList = list
    plan.input = '{}'
    plan.output = `{"tools":[${list.map((d) => `{"name":"${d.tool}"}`).join(',')}]}`
    plan.durationMs = this.r.logNormal(3, 0.4)
    this.sized(plan)
    // The real result carries every description and schema; its size says so.
    plan.outputBytes = list.reduce(
      (n, d) => n + d.description.length + d.inputSchema.length + d.annotations.length + 40,
      12,
    )
    return plan
  }

  /** A connection the bearer-auth layer refused (a `tollgate.auth.refused` span, no session). */
  refusal(server: ServerSpec, startMs: number, refusal: Refusal, description: string): CallPlan {
    const plan = this.base({ session: null as unknown as Session, step: 0, prevSpanId: '', startMs }, '', '')
    plan.session = null
    plan.server = server
    plan.refusal = refusal
    plan.requestId = ''
    plan.durationMs = 0.3 + this.r.next() * 1.5
    plan.clientSpanId = ''
    plan.authzOutcome = 'denied'
    plan.denialSource = 'auth'
    plan.events.push(denialEvent(server.resourceUrl, 'connect', description, '', false))
    return plan
  }

  private base(at: Position, method: string, target: string): CallPlan {
    const { r } = this
    const session = at.session as Session | null
    return {
      session,
      server: session?.server as ServerSpec,
      refusal: null,
      step: at.step,
      prevSpanId: at.prevSpanId,
      startMs: at.startMs,
      durationMs: 1,
      traceId: r.hex(16),
      spanId: r.hex(8),
      clientSpanId: session?.agent.instrumented ? r.hex(8) : '',
      method,
      tool: null,
      target,
      requestId: String(at.step),
      input: '',
      output: '',
      inputBytes: 0,
      outputBytes: 0,
      authzOutcome: session?.client ? 'allowed' : '',
      denialSource: '',
      errorType: '',
      statusCode: '',
      statusMessage: '',
      approval: '',
      approvedBy: '',
      untrusted: false,
      injectionSuspected: false,
      flagRules: NO_RULES,
      events: [],
      child: false,
      toolList: null,
    }
  }

  private success(plan: CallPlan, tool: ToolSpec, entity: number, partial: boolean): void {
    const { r } = this
    const at = plan as CallPlan & { session: Session }
    const pool = at.session.server.entities
    const picked = [entity]
    if (tool.result === 'list') for (let n = r.range(1, 4); n > 0; n--) picked.push(pool.popularity.pick(r))
    let extra = ''
    if (tool.untrusted) {
      plan.untrusted = true
      plan.events.push(
        untrustedEvent(
          UNTRUSTED_SOURCES[at.session.server.name] ?? 'external',
          'third-party text in the result',
        ),
      )
      const injectionRate = at.session.agent.id === 'research-agent' ? 0.06 : 0.02
      if (r.chance(injectionRate)) {
        extra = INJECTION_TEXT
        plan.injectionSuspected = true
        plan.flagRules = r.pick(INJECTION_RULES)
      }
    }
    const truncated = tool.result === 'rows' || tool.result === 'page' ? r.int(60_000) : 0
    plan.output = toolResult(
      r,
      tool.result,
      picked.map((i) => pool.ids[i]!),
      extra,
      truncated,
    )
    if (tool.provenance) {
      const filter = filterOf(at.session)
      for (let i = 0; i < picked.length && i < 2; i++) {
        plan.events.push(this.provenance(at, pool.source, pool.uris[picked[i]!]!, filter))
      }
    }
    if (partial) {
      plan.authzOutcome = 'partial'
      plan.events.push(
        partialEvent(
          pool.uris[entity]!,
          ['name', 'stage', 'owner'],
          ['arr', 'contract_value'],
          'financial fields need the finance role',
        ),
      )
    }
    if (tool.args.some(([, kind]) => kind === 'card'))
      plan.events.push(redactionEvent('arguments.card.number', 'card_number'))
    else if (r.chance(0.01))
      plan.events.push(
        redactionEvent('result.content[0].text', r.pick(['secret_assignment', 'github_token', 'jwt'])),
      )
    if (truncated > 0) plan.outputBytes = plan.output.length + truncated
  }

  private provenance(
    at: Pick<Position, 'session' | 'startMs'>,
    source: string,
    uri: string,
    filter: string,
  ): ReturnType<typeof provenanceEvent> {
    const { r } = this
    const lagMs = Math.min(r.logNormal(20 * 60_000, 2), 30 * 86_400_000)
    // Now and then a record of another tenant leaks into an answer: what provenance is for.
    const tenant = r.chance(0.005) ? 'globex' : at.session.user.tenant
    const excluded = r.chance(0.05) ? r.range(1, 40) : 0
    return provenanceEvent(source, uri, tenant, at.startMs - lagMs, filter, excluded)
  }

  private approval(plan: CallPlan, fate: Fate): void {
    const { r } = this
    if (fate === 'rejected') {
      plan.approval = 'rejected'
      return
    }
    if (!r.chance(APPROVAL_RATE[plan.session!.agent.id] ?? 0.5)) {
      plan.approval = 'none'
      return
    }
    const approver = r.pick(APPROVERS)
    plan.approval = 'approved'
    plan.approvedBy = approver
    plan.events.push(approvalEvent(`apr_${r.hex(6)}`, approver, plan.input))
  }

  private deny(
    plan: CallPlan,
    source: 'explicit' | 'inferred',
    output: string,
    errorType: string,
    message: string,
  ): void {
    plan.authzOutcome = 'denied'
    plan.denialSource = source
    plan.output = output
    plan.errorType = errorType
    if (errorType.startsWith('-')) plan.statusCode = errorType
    plan.statusMessage = message
  }

  private fail(plan: CallPlan, errorType: string, message: string, output: string): void {
    plan.errorType = errorType
    if (errorType.startsWith('-')) plan.statusCode = errorType
    plan.statusMessage = message
    plan.output = output
  }

  private sized(plan: CallPlan): CallPlan {
    plan.inputBytes = plan.input.length
    if (plan.outputBytes === 0) plan.outputBytes = plan.output.length
    return plan
  }
}

function filterOf(session: Session): string {
  return `tenant = '${session.user.tenant}'`
}
