import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common'
import type { OtlpReceiver, ReceiverOptions, Storage } from '@tollgate/collector'
import type { Logger } from 'pino'
import type { AppDeps } from './app.module'
import { CONFIG, INGEST_KEYS, LOGGER, METRICS_REGISTRY, RECEIVER_FACTORY, STORAGE } from './tokens'

const OWNS_STORAGE = Symbol('tollgate.owns-storage')

/** Closes the storage last, after the receiver flushed and the HTTP server stopped. */
@Injectable()
class StorageCloser implements OnApplicationShutdown {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(OWNS_STORAGE) private readonly owns: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.owns) return
    await this.storage.close()
    this.logger.info({}, 'storage closed')
  }
}

@Module({})
class CoreModule {}

/**
 * The global module providing the process-built values (config, storage,
 * logger, metrics registry, key verifier, receiver factory) to every feature
 * module. A function, not a static `forRoot`: there is nothing else on the class.
 */
export function createCoreModule(
  deps: AppDeps & { createReceiver: (options: ReceiverOptions) => OtlpReceiver },
): DynamicModule {
  const values = [
    { provide: CONFIG, useValue: deps.config },
    { provide: STORAGE, useValue: deps.storage },
    { provide: LOGGER, useValue: deps.logger },
    { provide: METRICS_REGISTRY, useValue: deps.registry },
    { provide: INGEST_KEYS, useValue: deps.keys },
    { provide: RECEIVER_FACTORY, useValue: deps.createReceiver },
  ]
  return {
    module: CoreModule,
    global: true,
    providers: [...values, { provide: OWNS_STORAGE, useValue: deps.ownsStorage ?? false }, StorageCloser],
    exports: values.map((v) => v.provide),
  }
}
