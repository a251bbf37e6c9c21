import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { PrincipalsRepository } from './principals.repository'
import { PrincipalsResolver } from './principals.resolver'

@Module({
  providers: [
    {
      provide: PrincipalsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new PrincipalsRepository(storage),
    },
    PrincipalsResolver,
  ],
})
export class PrincipalsModule {}
