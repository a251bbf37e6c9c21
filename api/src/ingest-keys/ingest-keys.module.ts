import { Module } from '@nestjs/common'
import { IngestKeyStore, type IngestKeyVerifier, type Storage } from '@tollgate/collector'
import { AuditLog } from '../audit/audit-log'
import { INGEST_KEYS, STORAGE } from '../tokens'
import { IngestKeysResolver } from './ingest-keys.resolver'
import { IngestKeysService } from './ingest-keys.service'

@Module({
  providers: [
    {
      provide: IngestKeysService,
      inject: [INGEST_KEYS, STORAGE, AuditLog],
      // The receiver's own store when it is one, so a revocation also evicts its cache.
      useFactory: (verifier: IngestKeyVerifier, storage: Storage, audit: AuditLog) =>
        new IngestKeysService(
          verifier instanceof IngestKeyStore ? verifier : new IngestKeyStore(storage),
          audit,
        ),
    },
    IngestKeysResolver,
  ],
})
export class IngestKeysModule {}
