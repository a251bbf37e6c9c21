import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { AuditLog } from '../audit/audit-log'
import { AuthRepository } from '../auth/auth.repository'
import { RequestAuthenticator } from '../auth/request-authenticator'
import { STORAGE } from '../tokens'
import { MembersRepository } from './members.repository'
import { MembersResolver } from './members.resolver'
import { MembersService } from './members.service'

@Module({
  providers: [
    {
      provide: MembersService,
      inject: [STORAGE, RequestAuthenticator, AuditLog],
      useFactory: (storage: Storage, authenticator: RequestAuthenticator, audit: AuditLog) =>
        new MembersService(new MembersRepository(storage), new AuthRepository(storage), authenticator, audit),
    },
    MembersResolver,
  ],
})
export class MembersModule {}
