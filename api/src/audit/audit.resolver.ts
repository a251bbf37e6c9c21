import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { nextCursor, pageRequest } from '../graphql/page'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { timeRange } from '../graphql/time-range'
import { AuditRepository } from './audit.repository'
import { auditCondition } from './audit-query'
import { AuditPage, AuditRecord } from './models/audit.model'

@Resolver(() => AuditRecord)
export class AuditResolver {
  constructor(@Inject(AuditRepository) private readonly repository: AuditRepository) {}

  @ParamTypes(String, Date, Date, String, String, Number, String, Object)
  @Query(() => AuditPage, {
    description:
      'The audit trail of a project (payload reads, admin changes), newest first. Admins only. For a whole range as a file, GET /audit/export.',
  })
  async auditLog(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('action', { type: () => String, nullable: true, description: 'Only this action' })
    action: string | undefined,
    @Args('actor', { type: () => String, nullable: true, description: 'Only this username' })
    actor: string | undefined,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1–100 (default 50)' })
    first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: RequestContext,
  ): Promise<AuditPage> {
    requireRole(context.viewer, projectId, 'admin')
    const range = timeRange(from, to)
    const condition = auditCondition({ action, actor })
    const page = pageRequest(first, after)
    const { items, hasMore } = await this.repository.page(projectId, range, condition, page)
    return { items, nextCursor: nextCursor(page, items.length, hasMore) }
  }
}
