import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { DenialsRepository } from './denials.repository'
import { DenialsResolver } from './denials.resolver'

@Module({
  providers: [
    {
      provide: DenialsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new DenialsRepository(storage),
    },
    DenialsResolver,
  ],
})
export class DenialsModule {}
