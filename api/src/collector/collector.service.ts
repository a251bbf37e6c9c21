import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common'
import type { OtlpReceiver } from '@tollgate/collector'
import type { Logger } from 'pino'
import type { TollgateConfig } from '../config/config'
import { CONFIG, LOGGER, OTLP_RECEIVER } from '../tokens'

/**
 * Owns the OTLP receiver's lifecycle inside the Nest app: it starts listening
 * once every module is initialised and is closed (stop accepting, flush what
 * is queued, close) before the HTTP server goes down, so a SIGTERM never drops
 * acknowledged spans and `/readyz` turns 503 while the process drains.
 */
@Injectable()
export class CollectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private boundPort: number | undefined

  constructor(
    @Inject(OTLP_RECEIVER) private readonly receiver: OtlpReceiver,
    @Inject(CONFIG) private readonly config: TollgateConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port } = await this.receiver.listen()
    this.boundPort = port
    this.logger.info({ host: this.config.host, port }, 'OTLP receiver listening')
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'closing OTLP receiver (flushing queued spans)')
    await this.receiver.close()
    this.logger.info({}, 'OTLP receiver closed')
  }

  /** True while the receiver accepts exports. */
  isReady(): boolean {
    return this.receiver.isReady()
  }

  /** The port the receiver bound (differs from the config when it asked for 0); undefined before listening. */
  get port(): number | undefined {
    return this.boundPort
  }
}
