import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { AuditLog } from '../audit/audit-log'
import { apiError, requireRole, type Viewer } from '../auth/viewer'
import { sessionIdArg } from '../calls/ids'
import { mayReadPayloads } from '../calls/payload-access'
import { type CallRef, recordPayloadReads } from '../calls/payload-audit'
import { nextCursor, pageRequest } from '../graphql/page'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { timeRange } from '../graphql/time-range'
import { Session, SessionFilter, SessionPage } from './models/session.model'
import { callCondition } from './session-filter'
import { SessionsRepository } from './sessions.repository'

@Resolver(() => Session)
export class SessionsResolver {
  constructor(
    @Inject(SessionsRepository) private readonly repository: SessionsRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @ParamTypes(String, Date, Date, SessionFilter, Number, String, Object)
  @Query(() => SessionPage, {
    description: 'Sessions with calls in the range (filtered on their calls), latest started first',
  })
  async sessions(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('filter', { type: () => SessionFilter, nullable: true }) filter: SessionFilter | undefined,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1–100 (default 50)' })
    first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: RequestContext,
  ): Promise<SessionPage> {
    const role = requireRole(context.viewer, projectId, 'viewer')
    const range = timeRange(from, to)
    const condition = callCondition(filter)
    const page = pageRequest(first, after)
    if (filter?.text !== undefined && filter.text !== null) {
      if (!mayReadPayloads(role)) {
        throw apiError('FORBIDDEN', 'Searching payload text needs the investigator or admin role')
      }
      await this.auditSearch(context.viewer as Viewer, projectId, filter.text, range)
    }
    const { items, hasMore } = await this.repository.list(projectId, range, condition, page)
    return { items, nextCursor: nextCursor(page, items.length, hasMore) }
  }

  @ParamTypes(String, String, Number, String, Object)
  @Query(() => Session, {
    nullable: true,
    description:
      'One session as its ordered steps, each with its payloads (withheld from viewers; reading them is audited), denials, sources and approvals. Null when unknown.',
  })
  async session(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('sessionId', { type: () => String }) sessionId: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Steps per page, 1–100 (default 50)' })
    first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: RequestContext,
  ): Promise<Session | null> {
    const role = requireRole(context.viewer, projectId, 'viewer')
    const page = pageRequest(first, after)
    const shown = mayReadPayloads(role)
    // A role with payload access is sent every step's payloads: each step is a payload read.
    const audit = (calls: readonly CallRef[]) =>
      shown
        ? recordPayloadReads(this.audit, context.viewer as Viewer, projectId, calls, 'session')
        : Promise.resolve()
    const found = await this.repository.find(projectId, sessionIdArg(sessionId), page, shown, audit)
    if (found === null) return null
    const { session, hasMore } = found
    return { ...session, nextCursor: nextCursor(page, session.steps.length, hasMore) }
  }

  /** A payload search reads every payload in the range: it is audited with what was searched. */
  private auditSearch(
    viewer: Viewer,
    projectId: string,
    text: string,
    range: { fromMs: number; toMs: number },
  ): Promise<void> {
    return this.audit.record({
      actor: viewer.username,
      action: 'payload.search',
      projectId,
      target: 'sessions',
      details: {
        userId: viewer.userId,
        text,
        from: new Date(range.fromMs).toISOString(),
        to: new Date(range.toMs).toISOString(),
      },
    })
  }
}
