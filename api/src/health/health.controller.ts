import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common'
import { type Readiness, ReadinessService } from './readiness.service'

/** Liveness and readiness probes (DESIGN.md "Runtime interface"). */
@Controller()
export class HealthController {
  constructor(@Inject(ReadinessService) private readonly readiness: ReadinessService) {}

  /** The process is alive and serving HTTP; says nothing about its dependencies. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' }
  }

  /** 200 when storage answers a ping and the OTLP receiver accepts exports; 503 with the reasons otherwise. */
  @Get('readyz')
  async readyz(): Promise<{ status: 'ready'; checks: Readiness['checks'] }> {
    const result = await this.readiness.check()
    if (!result.ready) {
      throw new HttpException(
        { status: 'unavailable', reason: result.reasons.join('; '), checks: result.checks },
        HttpStatus.SERVICE_UNAVAILABLE,
      )
    }
    return { status: 'ready', checks: result.checks }
  }
}
