import { Module } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { STORAGE } from '../tokens'
import { BusiestToolsRepository } from './busiest-tools.repository'
import { ToolsRepository } from './tools.repository'
import { ToolsResolver } from './tools.resolver'

@Module({
  providers: [
    {
      provide: ToolsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new ToolsRepository(storage),
    },
    {
      provide: BusiestToolsRepository,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new BusiestToolsRepository(storage),
    },
    ToolsResolver,
  ],
})
export class ToolsModule {}
