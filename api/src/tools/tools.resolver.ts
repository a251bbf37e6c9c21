import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { nextCursor, pageRequest } from '../graphql/page'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { timeRange } from '../graphql/time-range'
import { ToolStatsPage } from './models/tool-stats.model'
import { ToolsRepository } from './tools.repository'

@Resolver(() => ToolStatsPage)
export class ToolsResolver {
  constructor(@Inject(ToolsRepository) private readonly repository: ToolsRepository) {}

  @ParamTypes(String, Date, Date, Number, String, Object)
  @Query(() => ToolStatsPage, {
    description:
      'Per tool: calls, errors, denials, latency, side effect and misuse signals, most misused first',
  })
  async tools(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1–100 (default 50)' })
    first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: RequestContext,
  ): Promise<ToolStatsPage> {
    requireRole(context.viewer, projectId, 'viewer')
    const page = pageRequest(first, after)
    const { items, hasMore } = await this.repository.page(projectId, timeRange(from, to), page)
    return { items, nextCursor: nextCursor(page, items.length, hasMore) }
  }
}
