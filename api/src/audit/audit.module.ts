import { Global, Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { AuditLog } from './audit-log'

/** The audit trail writer, for every module that reads payloads or changes settings. */
@Global()
@Module({
  providers: [
    { provide: AuditLog, inject: [STORAGE], useFactory: (storage: Storage) => new AuditLog(storage) },
  ],
  exports: [AuditLog],
})
export class AuditModule {}
