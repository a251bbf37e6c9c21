import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { AuditLog } from '../audit/audit-log'
import { RequestAuthenticator } from '../auth/request-authenticator'
import { STORAGE } from '../tokens'
import { ApiTokensRepository } from './api-tokens.repository'
import { ApiTokensResolver } from './api-tokens.resolver'
import { ApiTokensService } from './api-tokens.service'

@Module({
  providers: [
    {
      provide: ApiTokensService,
      inject: [STORAGE, RequestAuthenticator, AuditLog],
      useFactory: (storage: Storage, authenticator: RequestAuthenticator, audit: AuditLog) =>
        new ApiTokensService(new ApiTokensRepository(storage), authenticator, audit),
    },
    ApiTokensResolver,
  ],
})
export class ApiTokensModule {}
