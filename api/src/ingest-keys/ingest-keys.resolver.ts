import { Inject } from '@nestjs/common'
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql'
import type { IngestKeyInfo } from '@tollgate/collector'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { IngestKeysService } from './ingest-keys.service'
import { IngestKey, NewIngestKey } from './models/ingest-key.model'

@Resolver(() => IngestKey)
export class IngestKeysResolver {
  constructor(@Inject(IngestKeysService) private readonly service: IngestKeysService) {}

  @ParamTypes(String, Object)
  @Query(() => [IngestKey], { description: "A project's ingest keys, oldest first (admins only)" })
  async ingestKeys(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Context() context: RequestContext,
  ): Promise<IngestKey[]> {
    return (await this.service.list(context.viewer, projectId)).map(toIngestKey)
  }

  @ParamTypes(String, String, Object)
  @Mutation(() => NewIngestKey, {
    description: 'Creates an ingest key for a project (admins only); the key is shown once',
  })
  async createIngestKey(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('name', { type: () => String, description: '1–200 characters' }) name: string,
    @Context() context: RequestContext,
  ): Promise<NewIngestKey> {
    const { key, info } = await this.service.create(context.viewer, projectId, name)
    return { key, ingestKey: toIngestKey(info) }
  }

  @ParamTypes(String, String, Object)
  @Mutation(() => IngestKey, { description: 'Revokes an ingest key of a project (admins only)' })
  async revokeIngestKey(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('id', { type: () => ID }) id: string,
    @Context() context: RequestContext,
  ): Promise<IngestKey> {
    return toIngestKey(await this.service.revoke(context.viewer, projectId, id))
  }
}

function toIngestKey(info: IngestKeyInfo): IngestKey {
  return {
    id: info.id,
    name: info.name,
    prefix: info.prefix,
    createdAt: new Date(info.createdAt),
    revokedAt: info.revokedAt === 0 ? null : new Date(info.revokedAt),
  }
}
