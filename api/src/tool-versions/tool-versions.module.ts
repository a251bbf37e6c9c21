import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { ToolVersionsRepository } from './tool-versions.repository'
import { ToolVersionsResolver } from './tool-versions.resolver'

@Module({
  providers: [
    {
      provide: ToolVersionsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new ToolVersionsRepository(storage),
    },
    ToolVersionsResolver,
  ],
})
export class ToolVersionsModule {}
