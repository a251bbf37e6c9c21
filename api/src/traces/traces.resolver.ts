import { Inject } from '@nestjs/common'
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { traceIdArg } from '../calls/ids'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { Trace } from './models/trace.model'
import { TracesRepository } from './traces.repository'

@Resolver(() => Trace)
export class TracesResolver {
  constructor(@Inject(TracesRepository) private readonly repository: TracesRepository) {}

  @ParamTypes(String, String, Object)
  @Query(() => Trace, {
    nullable: true,
    description:
      'One trace as its span tree (a waterfall); null when unknown. No payloads: open a call for those.',
  })
  async trace(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('traceId', { type: () => String, description: '32 lowercase hex digits' }) traceId: string,
    @Context() context: RequestContext,
  ): Promise<Trace | null> {
    requireRole(context.viewer, projectId, 'viewer')
    return this.repository.find(projectId, traceIdArg(traceId))
  }
}
