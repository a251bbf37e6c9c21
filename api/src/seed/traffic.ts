/**
 * The traffic of a seeded project: exactly `calls` server-side calls, as sessions of
 * 1–40 steps spread over the range with a daily rhythm, a few refused connections,
 * and denial spikes (one agent acting for one user hammering a tool it may not use,
 * within a quarter of an hour). Deterministic from the seed.
 *
 * Time is driven by the background calls planned so far: a session starts where
 * that fraction of the day-weighted traffic has gone by (`Timeline`), so batches
 * come out nearly in time order and land in one or two daily partitions each.
 */
import type { CallPlan, Refusal, Session } from './call-plan'
import { CallPlanner, type Fate, type Position } from './call-planner'
import { AGENT_PICKER, AGENTS, type Agent, USER_PICKER, type User } from './catalog/principals'
import { SERVERS } from './catalog/servers'
import { ToolDefinitions } from './catalog/tool-definitions'
import type { ServerSpec, ToolSpec } from './catalog/types'
import { msToIso } from './nanos'
import { Prng } from './prng'
import { Timeline } from './timeline'

/** What to generate. */
export interface TrafficOptions {
  /** Server-side calls (SERVER spans, refused connections included). */
  calls: number
  startMs: number
  endMs: number
  seed: number
}

/** A burst of denials for one principal in a short window. */
interface Spike {
  startMs: number
  windowMs: number
  budget: number
  kind: 'explicit' | 'inferred' | 'auth'
  agent: Agent
  user: User
  server: ServerSpec
  tool: ToolSpec
  fired: boolean
}

const MAX_STEPS = 40
/** Share of all calls each of the three spikes takes. */
const SPIKE_SHARE = 0.004
/** Calls stay this far before `endMs` (no call is in the future). */
export const END_MARGIN_MS = 5_000

export class Traffic {
  private readonly r: Prng
  private readonly timeline: Timeline
  private readonly planner: CallPlanner
  private readonly spikes: Spike[]
  private readonly backgroundTotal: number
  private background = 0
  private emitted = 0
  private window: { startMs: number; endMs: number } | null = null

  constructor(private readonly options: TrafficOptions) {
    this.r = new Prng(options.seed)
    this.timeline = new Timeline(options.startMs, options.endMs)
    this.planner = new CallPlanner(this.r, new ToolDefinitions(SERVERS, options.startMs, options.endMs))
    this.spikes = this.planSpikes()
    this.backgroundTotal = options.calls - this.spikes.reduce((n, s) => n + s.budget, 0)
  }

  /** The window of the spike the last {@link next} fired, null when it planned ordinary traffic. */
  get spikeWindow(): { startMs: number; endMs: number } | null {
    return this.window
  }

  /** Calls planned so far. */
  get planned(): number {
    return this.emitted
  }

  /**
   * Plans the next session, burst or spike and passes its calls to `emit` in step
   * order. Returns false, emitting nothing, once every call is planned.
   */
  next(emit: (plan: CallPlan) => void): boolean {
    const counted = (plan: CallPlan) => {
      this.emitted++
      emit(plan)
    }
    const now = this.timeline.timeAt(this.background / this.backgroundTotal)
    this.window = null
    for (const spike of this.spikes) {
      if (!spike.fired && (spike.startMs <= now || this.background >= this.backgroundTotal)) {
        spike.fired = true
        this.window = { startMs: spike.startMs, endMs: spike.startMs + spike.windowMs }
        this.fireSpike(spike, counted)
        return true
      }
    }
    const left = this.backgroundTotal - this.background
    if (left <= 0) return false
    const before = this.emitted
    const startMs = now + this.r.next() * 20_000
    if (this.r.chance(0.004)) this.refusals(startMs, Math.min(left, this.r.range(1, 3)), counted)
    else this.session(startMs, Math.min(left, sessionLength(this.r)), counted)
    this.background += this.emitted - before
    return true
  }

  private planSpikes(): Spike[] {
    const { r, options } = this
    const budget = Math.floor(options.calls * SPIKE_SHARE)
    if (budget < 6) return []
    const span = options.endMs - options.startMs
    const spikeAt = (slot: number): number => options.startMs + span * (0.1 + 0.25 * slot + 0.15 * r.next())
    const byId = (id: string) => AGENTS.find((a) => a.id === id)!
    const server = (name: string) => SERVERS.find((s) => s.name === name)!
    const toolOf = (s: ServerSpec, name: string) => s.tools.find((t) => t.name === name)!
    const db = server('db')
    const github = server('github')
    const crm = server('crm')
    const spike = (kind: Spike['kind'], slot: number, agent: string, s: ServerSpec, tool: string): Spike => ({
      startMs: spikeAt(slot),
      windowMs: r.range(8, 15) * 60_000,
      budget,
      kind,
      agent: byId(agent),
      user: USER_PICKER.pick(r),
      server: s,
      tool: toolOf(s, tool),
      fired: false,
    })
    return [
      spike('explicit', 0, 'ops-runbook', db, 'insert_rows'),
      spike('inferred', 1, 'code-assistant', github, 'merge_pull_request'),
      spike('auth', 2, 'sales-agent', crm, 'update_opportunity'),
    ]
  }

  private newSession(server: ServerSpec, agent: Agent, user: User, startMs: number): Session {
    const { r } = this
    const client = server.transport === 'pipe' ? null : r.pick(agent.clients)
    const mismatch = client !== null && r.chance(client.audienceMismatchRate)
    const stdio = server.transport === 'pipe'
    return {
      id: stdio ? `conn-${r.hex(8)}` : r.uuid(),
      idKey: stdio ? 'tollgate.session.id' : 'mcp.session.id',
      server,
      user,
      agent,
      client,
      audience: mismatch
        ? SERVERS[(SERVERS.indexOf(server) + 1) % SERVERS.length]!.resourceUrl
        : server.resourceUrl,
      audienceMatch: client === null ? '' : mismatch ? 'false' : 'true',
      expiresAt: client === null ? '' : msToIso(startMs + 60_000 + r.next() * 3_540_000),
    }
  }

  /** One background session of `steps` calls. */
  private session(startMs: number, steps: number, emit: (plan: CallPlan) => void): void {
    const { r, planner } = this
    const agent = AGENT_PICKER.pick(r)
    const server = agent.servers.pick(r)
    const session = this.newSession(server, agent, USER_PICKER.pick(r), startMs)
    const focus = server.entities.popularity.pick(r)
    const at: Position = { session, step: 0, prevSpanId: '', startMs }
    let last: { tool: ToolSpec; fate: Fate; entity: number; input: string } | null = null
    let retries = 0
    for (let i = 0; i < steps; i++) {
      this.advance(at, i === 0 ? 0 : r.logNormal(3_000, 1))
      let plan: CallPlan
      if (i === 0 && steps > 1 && r.chance(0.5)) {
        plan = planner.toolsList(at)
      } else if (
        last !== null &&
        last.fate !== 'ok' &&
        last.fate !== 'partial' &&
        retries < 4 &&
        r.chance(0.4)
      ) {
        // A retry loop: the agent sends the very same call again.
        retries++
        const fate: Fate = last.fate === 'tool_error' && r.chance(0.4) ? 'ok' : last.fate
        plan = planner.toolCall(at, last.tool, fate, last.entity, last.input)
        last.fate = fate
      } else {
        retries = 0
        const x = r.next()
        const entity = r.chance(0.5) ? focus : server.entities.popularity.pick(r)
        if (x < 0.04 && server.prompts.length > 0) {
          plan = planner.promptGet(at, r.pick(server.prompts), entity)
          last = null
        } else if (x < 0.12) {
          plan = planner.resourceRead(at, entity)
          last = null
        } else {
          const tool = server.toolPicker.pick(r)
          const fate = planner.fate(tool)
          plan = planner.toolCall(at, tool, fate, entity)
          last = { tool, fate, entity, input: plan.input }
        }
      }
      emit(plan)
      at.prevSpanId = plan.spanId
      at.startMs += plan.durationMs
    }
  }

  /** Moves the session clock by a think time and numbers the next step; never past the end. */
  private advance(at: Position, thinkMs: number): void {
    at.step++
    const limit = this.options.endMs - END_MARGIN_MS
    const next = at.startMs + Math.min(thinkMs, 60_000)
    at.startMs = next <= limit ? next : at.startMs + 0.001
  }

  /** A few refused connections: a client with a bad or missing token. */
  private refusals(startMs: number, count: number, emit: (plan: CallPlan) => void): void {
    const { r } = this
    const agent = AGENT_PICKER.pick(r)
    const server = agent.servers.pick(r)
    if (server.transport === 'pipe') {
      // No token on stdio, so nothing to refuse: an ordinary session instead.
      this.session(startMs, count, emit)
      return
    }
    const user = USER_PICKER.pick(r)
    const reason = r.pick([
      'missing_token',
      'invalid_token',
      'expired_token',
      'audience_mismatch',
      'insufficient_scope',
    ])
    for (let i = 0; i < count; i++) {
      emit(this.refusal(server, agent, user, reason, startMs + i * 1_500))
    }
  }

  private refusal(server: ServerSpec, agent: Agent, user: User, reason: string, startMs: number): CallPlan {
    const readable = reason === 'audience_mismatch' || reason === 'insufficient_scope'
    const identity = readable ? this.newSession(server, agent, user, startMs) : null
    const refusal: Refusal = {
      reason,
      httpStatus: reason === 'insufficient_scope' ? 403 : 401,
      requiredScopes: reason === 'insufficient_scope' ? [`${server.name}:write`] : [],
      identity:
        identity !== null && reason === 'audience_mismatch'
          ? { ...identity, audienceMatch: 'false', audience: 'https://mcp.tollgate-demo.dev/other' }
          : identity,
    }
    const description =
      reason === 'insufficient_scope' ? `Required scope: ${server.name}:write` : reason.replaceAll('_', ' ')
    return this.planner.refusal(
      server,
      Math.min(startMs, this.options.endMs - END_MARGIN_MS),
      refusal,
      description,
    )
  }

  /** All of a spike's calls: sessions stuck re-sending one denied call, or refused connections. */
  private fireSpike(spike: Spike, emit: (plan: CallPlan) => void): void {
    const { r, planner } = this
    let left = spike.budget
    while (left > 0) {
      const startMs = spike.startMs + r.next() * spike.windowMs
      if (spike.kind === 'auth') {
        emit(this.refusal(spike.server, spike.agent, spike.user, 'insufficient_scope', startMs))
        left--
        continue
      }
      const steps = Math.min(left, r.range(10, MAX_STEPS))
      const session = this.newSession(spike.server, spike.agent, spike.user, startMs)
      const at: Position = { session, step: 0, prevSpanId: '', startMs }
      const entity = spike.server.entities.popularity.pick(r)
      let input: string | undefined
      for (let i = 0; i < steps; i++) {
        this.advance(at, i === 0 ? 0 : r.logNormal(2_000, 0.5))
        // The agent reads the record it then keeps trying to change: a denial spike always
        // leads to a step with a source, whatever the time of day the seed ran.
        const plan =
          i === 0
            ? planner.resourceRead(at, entity, true)
            : planner.toolCall(at, spike.tool, spike.kind, entity, input)
        if (i > 0) input = plan.input
        emit(plan)
        at.prevSpanId = plan.spanId
        at.startMs += plan.durationMs
      }
      left -= steps
    }
  }
}

/** Steps of a session: mostly short, a long tail up to {@link MAX_STEPS}. */
function sessionLength(r: Prng): number {
  return Math.min(MAX_STEPS, 1 + Math.floor(r.logNormal(4, 0.9)))
}
