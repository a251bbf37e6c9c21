import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { CallsRepository } from './calls.repository'
import { CallsResolver } from './calls.resolver'

@Module({
  providers: [
    {
      provide: CallsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new CallsRepository(storage),
    },
    CallsResolver,
  ],
})
export class CallsModule {}
