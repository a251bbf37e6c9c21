import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { apiError, requireRole } from '../auth/viewer'
import { nextCursor, pageRequest } from '../graphql/page'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { timeRange } from '../graphql/time-range'
import { BusiestToolsRepository, MAX_BUSIEST } from './busiest-tools.repository'
import { ToolStatsPage } from './models/tool-stats.model'
import { ToolTraffic } from './models/tool-traffic.model'
import { ToolsRepository } from './tools.repository'

@Resolver(() => ToolStatsPage)
export class ToolsResolver {
  constructor(
    @Inject(ToolsRepository) private readonly repository: ToolsRepository,
    @Inject(BusiestToolsRepository) private readonly busiest: BusiestToolsRepository,
  ) {}

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

  @ParamTypes(String, Date, Date, Number, Object)
  @Query(() => [ToolTraffic], {
    description:
      'The tools with the most calls, with their errors and denials, most called first (cheap at any range: counted from the minute rollup)',
  })
  async busiestTools(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('first', { type: () => Int, defaultValue: 10, description: `Tools returned, 1–${MAX_BUSIEST}` })
    first: number,
    @Context() context: RequestContext,
  ): Promise<ToolTraffic[]> {
    requireRole(context.viewer, projectId, 'viewer')
    if (!Number.isInteger(first) || first < 1 || first > MAX_BUSIEST) {
      throw apiError('BAD_USER_INPUT', `first must be between 1 and ${MAX_BUSIEST}`)
    }
    return this.busiest.busiest(projectId, timeRange(from, to), first)
  }
}
