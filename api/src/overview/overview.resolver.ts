import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { bucketSeconds, timeRange } from '../graphql/time-range'
import { Overview } from './models/overview.model'
import { OverviewRepository } from './overview.repository'

@Resolver(() => Overview)
export class OverviewResolver {
  constructor(@Inject(OverviewRepository) private readonly repository: OverviewRepository) {}

  @ParamTypes(String, Date, Date, Object)
  @Query(() => Overview, {
    description: 'Calls, error and denial rates, latency and their series for a project and time range',
  })
  async overview(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Context() context: RequestContext,
  ): Promise<Overview> {
    requireRole(context.viewer, projectId, 'viewer')
    const range = timeRange(from, to)
    return this.repository.overview(projectId, range, bucketSeconds(range))
  }
}
