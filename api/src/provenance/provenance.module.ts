import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { ProvenanceRepository } from './provenance.repository'
import { ProvenanceResolver } from './provenance.resolver'

@Module({
  providers: [
    {
      provide: ProvenanceRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new ProvenanceRepository(storage),
    },
    ProvenanceResolver,
  ],
})
export class ProvenanceModule {}
