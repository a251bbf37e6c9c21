import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { bucketSeconds, timeRange } from '../graphql/time-range'
import { Overview } from './models/overview.model'
import { type OverviewFilter, OverviewRepository } from './overview.repository'

@Resolver(() => Overview)
export class OverviewResolver {
  constructor(@Inject(OverviewRepository) private readonly repository: OverviewRepository) {}

  @ParamTypes(String, Date, Date, String, String, Object)
  @Query(() => Overview, {
    description:
      'Calls, error and denial rates, latency and their series for a project and time range; optionally of one server and/or tool',
  })
  async overview(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('serverName', {
      type: () => String,
      nullable: true,
      description: 'Only calls served by this MCP server',
    })
    serverName: string | undefined,
    @Args('tool', {
      type: () => String,
      nullable: true,
      description: 'Only tools/call calls of this tool',
    })
    tool: string | undefined,
    @Context() context: RequestContext,
  ): Promise<Overview> {
    requireRole(context.viewer, projectId, 'viewer')
    const range = timeRange(from, to)
    const filter = overviewFilter(serverName, tool)
    return this.repository.overview(projectId, range, bucketSeconds(range), filter)
  }
}

/**
 * The optional filter as the repository takes it: null and '' mean "every". Values are cut at
 * 256 characters like the other name filters (toolVersions): no server or tool name is longer.
 */
function overviewFilter(
  serverName: string | null | undefined,
  tool: string | null | undefined,
): OverviewFilter {
  const cut = (value: string | null | undefined) =>
    value === null || value === undefined || value === '' ? undefined : value.slice(0, 256)
  return { serverName: cut(serverName), tool: cut(tool) }
}
