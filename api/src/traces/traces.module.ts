import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { TracesRepository } from './traces.repository'
import { TracesResolver } from './traces.resolver'

@Module({
  providers: [
    {
      provide: TracesRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new TracesRepository(storage),
    },
    TracesResolver,
  ],
})
export class TracesModule {}
