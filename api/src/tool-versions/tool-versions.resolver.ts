import { Inject } from '@nestjs/common'
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { ToolHistory } from './models/tool-version.model'
import { ToolVersionsRepository } from './tool-versions.repository'

@Resolver(() => ToolHistory)
export class ToolVersionsResolver {
  constructor(@Inject(ToolVersionsRepository) private readonly repository: ToolVersionsRepository) {}

  @ParamTypes(String, String, String, Object)
  @Query(() => [ToolHistory], {
    description:
      'Tool definitions seen per tool, oldest first; `changed` marks tools whose definition changed',
  })
  async toolVersions(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('serverName', { type: () => String, nullable: true }) serverName: string | undefined,
    @Args('tool', { type: () => String, nullable: true }) tool: string | undefined,
    @Context() context: RequestContext,
  ): Promise<ToolHistory[]> {
    requireRole(context.viewer, projectId, 'viewer')
    return this.repository.histories(projectId, serverName?.slice(0, 256), tool?.slice(0, 256))
  }
}
