import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { AuditLog } from '../audit/audit-log'
import { STORAGE } from '../tokens'
import { AlertRulesRepository } from './alert-rules.repository'
import { AlertRulesResolver } from './alert-rules.resolver'
import { AlertRulesService } from './alert-rules.service'

@Module({
  providers: [
    {
      provide: AlertRulesService,
      inject: [STORAGE, AuditLog],
      useFactory: (storage: Storage, audit: AuditLog) =>
        new AlertRulesService(new AlertRulesRepository(storage), audit),
    },
    AlertRulesResolver,
  ],
})
export class AlertRulesModule {}
