import { Module } from '@nestjs/common'
import type { IngestKeyVerifier, OtlpReceiver, ReceiverOptions, Storage } from '@tollgate/collector'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { TollgateConfig } from '../config/config'
import {
  CONFIG,
  INGEST_KEYS,
  LOGGER,
  METRICS_REGISTRY,
  OTLP_RECEIVER,
  RECEIVER_FACTORY,
  STORAGE,
} from '../tokens'
import { CollectorService } from './collector.service'

/** Mounts the collector: builds the OTLP receiver from the config and runs it through {@link CollectorService}. */
@Module({
  providers: [
    {
      provide: OTLP_RECEIVER,
      inject: [CONFIG, STORAGE, INGEST_KEYS, LOGGER, METRICS_REGISTRY, RECEIVER_FACTORY],
      useFactory: (
        config: TollgateConfig,
        storage: Storage,
        keys: IngestKeyVerifier,
        logger: Logger,
        registry: Registry,
        create: (options: ReceiverOptions) => OtlpReceiver,
      ): OtlpReceiver =>
        create({
          host: config.host,
          port: config.ports.otlp,
          storage,
          keys,
          logger: logger.child({ component: 'collector' }),
          registry,
          limits: config.limits,
          body: config.body,
          batch: config.batch,
        }),
    },
    CollectorService,
  ],
  exports: [CollectorService],
})
export class CollectorModule {}
