import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { SessionsRepository } from './sessions.repository'
import { SessionsResolver } from './sessions.resolver'

@Module({
  providers: [
    {
      provide: SessionsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new SessionsRepository(storage),
    },
    SessionsResolver,
  ],
})
export class SessionsModule {}
