import { Global, Module } from '@nestjs/common'
import { ProjectStore, type Storage } from '@tollgate/collector'
import { AuditLog } from '../audit/audit-log'
import type { TollgateConfig } from '../config/config'
import { CONFIG, STORAGE } from '../tokens'
import { AuthRepository } from './auth.repository'
import { LoginResolver } from './login.resolver'
import { LoginService } from './login.service'
import { LoginBrake } from './login-brake'
import { LoginSessionRepository } from './login-session.repository'
import { RequestAuthenticator } from './request-authenticator'

/** Who is asking, for every module that serves requests; and the web's password sign-in. */
@Global()
@Module({
  providers: [
    {
      provide: RequestAuthenticator,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new RequestAuthenticator(storage),
    },
    {
      provide: LoginService,
      inject: [STORAGE, CONFIG, RequestAuthenticator, AuditLog],
      useFactory: (
        storage: Storage,
        config: TollgateConfig,
        authenticator: RequestAuthenticator,
        audit: AuditLog,
      ) =>
        new LoginService(
          new AuthRepository(storage),
          new LoginSessionRepository(storage),
          new ProjectStore(storage),
          authenticator,
          audit,
          new LoginBrake(),
          { cookieSecure: config.cookieSecure },
        ),
    },
    LoginResolver,
  ],
  exports: [RequestAuthenticator],
})
export class AuthModule {}
