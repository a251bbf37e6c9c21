import { Module } from '@nestjs/common'
import { MetricsController } from './metrics.controller'

/** `/metrics`. The registry itself comes from the core module (built by the process). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
