import { Inject } from '@nestjs/common'
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql'
import { fromRole, Role, toRole } from '../auth/models/role.model'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import type { MemberRecord } from './members.repository'
import { MembersService } from './members.service'
import { Member } from './models/member.model'

@Resolver(() => Member)
export class MembersResolver {
  constructor(@Inject(MembersService) private readonly service: MembersService) {}

  @ParamTypes(String, Object)
  @Query(() => [Member], { description: 'The members of a project, by username (admins only)' })
  async members(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Context() context: RequestContext,
  ): Promise<Member[]> {
    return (await this.service.list(context.viewer, projectId)).map(toMember)
  }

  @ParamTypes(String, String, String, Object)
  @Mutation(() => Member, {
    description: 'Gives an existing user a role in a project (admins only; the last admin cannot be demoted)',
  })
  async setMember(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('username', { type: () => String }) username: string,
    @Args('role', { type: () => Role }) role: Role,
    @Context() context: RequestContext,
  ): Promise<Member> {
    return toMember(await this.service.set(context.viewer, projectId, username, fromRole(role)))
  }

  @ParamTypes(String, String, Object)
  @Mutation(() => Boolean, {
    description: 'Removes a member from a project (admins only; not the last admin)',
  })
  async removeMember(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('username', { type: () => String }) username: string,
    @Context() context: RequestContext,
  ): Promise<boolean> {
    return this.service.remove(context.viewer, projectId, username)
  }

  @ParamTypes(String, String, String, String, Object)
  @Mutation(() => Member, {
    description:
      'Creates a user with a password (12–256 characters) and gives them a role in the project (admins only)',
  })
  async inviteMember(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('username', { type: () => String }) username: string,
    @Args('password', { type: () => String }) password: string,
    @Args('role', { type: () => Role }) role: Role,
    @Context() context: RequestContext,
  ): Promise<Member> {
    return toMember(await this.service.invite(context.viewer, projectId, username, password, fromRole(role)))
  }
}

function toMember(record: MemberRecord): Member {
  return {
    userId: record.userId,
    username: record.username,
    role: toRole(record.role),
    since: new Date(record.since),
  }
}
