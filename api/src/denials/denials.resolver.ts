import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { apiError, requireRole } from '../auth/viewer'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { bucketSeconds, timeRange } from '../graphql/time-range'
import { DenialsRepository } from './denials.repository'
import { DenialDimension, Denials } from './models/denials.model'

/** Most groups one breakdown returns. */
const MAX_TOP = 50

@Resolver(() => Denials)
export class DenialsResolver {
  constructor(@Inject(DenialsRepository) private readonly repository: DenialsRepository) {}

  @ParamTypes(String, Date, Date, String, Number, Object)
  @Query(() => Denials, {
    description: 'Denial totals by source, a series with spike markers, and a breakdown by one dimension',
  })
  async denials(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('by', { type: () => DenialDimension, defaultValue: DenialDimension.TOOL }) by: DenialDimension,
    @Args('top', { type: () => Int, defaultValue: 10, description: `Groups returned, 1–${MAX_TOP}` })
    top: number,
    @Context() context: RequestContext,
  ): Promise<Denials> {
    requireRole(context.viewer, projectId, 'viewer')
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
      throw apiError('BAD_USER_INPUT', `top must be between 1 and ${MAX_TOP}`)
    }
    const range = timeRange(from, to)
    return this.repository.denials(projectId, range, bucketSeconds(range), by, top)
  }
}
