import { Inject } from '@nestjs/common'
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql'
import type { ApiTokenRecord } from '../auth/auth.repository'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { ApiTokensService } from './api-tokens.service'
import { ApiToken, NewApiToken } from './models/api-token.model'

@Resolver(() => ApiToken)
export class ApiTokensResolver {
  constructor(@Inject(ApiTokensService) private readonly service: ApiTokensService) {}

  @ParamTypes(Object)
  @Query(() => [ApiToken], { description: 'Your API tokens, oldest first, revoked ones included' })
  async apiTokens(@Context() context: RequestContext): Promise<ApiToken[]> {
    return (await this.service.list(context.viewer)).map(toApiToken)
  }

  @ParamTypes(String, Object)
  @Mutation(() => NewApiToken, { description: 'Creates an API token acting as you; the token is shown once' })
  async createApiToken(
    @Args('name', { type: () => String, description: '1–100 characters' }) name: string,
    @Context() context: RequestContext,
  ): Promise<NewApiToken> {
    const { token, record } = await this.service.create(context.viewer, name)
    return { token, apiToken: toApiToken(record) }
  }

  @ParamTypes(String, Object)
  @Mutation(() => ApiToken, { description: 'Revokes one of your API tokens' })
  async revokeApiToken(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: RequestContext,
  ): Promise<ApiToken> {
    return toApiToken(await this.service.revoke(context.viewer, id))
  }
}

function toApiToken(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    createdAt: new Date(record.createdAt),
    revokedAt: record.revokedAt === 0 ? null : new Date(record.revokedAt),
  }
}
