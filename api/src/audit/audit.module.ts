import { Global, Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { AuditRepository } from './audit.repository'
import { AuditResolver } from './audit.resolver'
import { AuditExportController } from './audit-export.controller'
import { AuditLog } from './audit-log'

/**
 * The audit trail: its writer, for every module that reads payloads or changes settings
 * (hence global), and its readers (the `auditLog` query, `GET /audit/export`).
 */
@Global()
@Module({
  controllers: [AuditExportController],
  providers: [
    { provide: AuditLog, inject: [STORAGE], useFactory: (storage: Storage) => new AuditLog(storage) },
    {
      provide: AuditRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new AuditRepository(storage),
    },
    AuditResolver,
  ],
  exports: [AuditLog],
})
export class AuditModule {}
