import { Inject } from '@nestjs/common'
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import type { HttpExchange } from './http-exchange'
import { LoginService } from './login.service'
import { LoginResult, Me } from './models/me.model'
import { apiError } from './viewer'

@Resolver(() => Me)
export class LoginResolver {
  constructor(@Inject(LoginService) private readonly service: LoginService) {}

  @ParamTypes(String, String, Object)
  @Mutation(() => LoginResult, {
    description:
      'Signs in with a password: sets the HttpOnly tg_session cookie (12 h) and returns the CSRF token every later request must send as x-tollgate-csrf',
  })
  async login(
    @Args('username', { type: () => String }) username: string,
    @Args('password', { type: () => String }) password: string,
    @Context() context: RequestContext,
  ): Promise<LoginResult> {
    return this.service.login(username, password, exchangeOf(context))
  }

  @ParamTypes(Object)
  @Mutation(() => Boolean, {
    description:
      'Ends the session of the tg_session cookie and clears the cookies; false when there was none',
  })
  async logout(@Context() context: RequestContext): Promise<boolean> {
    return this.service.logout(context.session ?? null, context.viewer, exchangeOf(context))
  }

  @ParamTypes(Object)
  @Query(() => Me, {
    nullable: true,
    description: 'Who is asking, with their projects and roles; null when signed out',
  })
  async me(@Context() context: RequestContext): Promise<Me | null> {
    return context.viewer === null ? null : this.service.me(context.viewer)
  }
}

function exchangeOf(context: RequestContext): HttpExchange {
  if (context.http === undefined) throw apiError('BAD_USER_INPUT', 'Sign-in needs an HTTP request')
  return context.http
}
