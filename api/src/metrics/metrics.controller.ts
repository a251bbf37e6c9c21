import { Controller, Get, Header, Inject } from '@nestjs/common'
import { Registry } from 'prom-client'
import { METRICS_REGISTRY } from '../tokens'

/** Prometheus scrape endpoint: process metrics plus whatever the collector registered. */
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  /** The Prometheus text exposition of the app's registry. */
  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.registry.metrics()
  }
}
