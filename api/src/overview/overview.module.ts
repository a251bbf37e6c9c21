import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { OverviewRepository } from './overview.repository'
import { OverviewResolver } from './overview.resolver'

@Module({
  providers: [
    {
      provide: OverviewRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new OverviewRepository(storage),
    },
    OverviewResolver,
  ],
})
export class OverviewModule {}
