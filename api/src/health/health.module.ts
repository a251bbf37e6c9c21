import { Module } from '@nestjs/common'
import { CollectorModule } from '../collector/collector.module'
import { HealthController } from './health.controller'
import { ReadinessService } from './readiness.service'

/** `/healthz` and `/readyz`. */
@Module({
  imports: [CollectorModule],
  controllers: [HealthController],
  providers: [ReadinessService],
})
export class HealthModule {}
