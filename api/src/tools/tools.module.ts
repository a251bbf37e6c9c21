import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { ToolsRepository } from './tools.repository'
import { ToolsResolver } from './tools.resolver'

@Module({
  providers: [
    {
      provide: ToolsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new ToolsRepository(storage),
    },
    ToolsResolver,
  ],
})
export class ToolsModule {}
