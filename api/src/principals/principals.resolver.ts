import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { requireRole } from '../auth/viewer'
import { nextCursor, pageRequest } from '../graphql/page'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { timeRange } from '../graphql/time-range'
import { PrincipalKind, PrincipalPage } from './models/principal.model'
import { PrincipalsRepository } from './principals.repository'

@Resolver(() => PrincipalPage)
export class PrincipalsResolver {
  constructor(@Inject(PrincipalsRepository) private readonly repository: PrincipalsRepository) {}

  @ParamTypes(String, Date, Date, String, Number, String, Object)
  @Query(() => PrincipalPage, {
    description: 'Users, agents or OAuth clients: calls, denials, scopes seen, audience mismatches',
  })
  async principals(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('kind', { type: () => PrincipalKind, defaultValue: PrincipalKind.USER }) kind: PrincipalKind,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1–100 (default 50)' })
    first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: RequestContext,
  ): Promise<PrincipalPage> {
    requireRole(context.viewer, projectId, 'viewer')
    const page = pageRequest(first, after)
    const { items, hasMore } = await this.repository.page(projectId, timeRange(from, to), kind, page)
    return { items, nextCursor: nextCursor(page, items.length, hasMore) }
  }
}
