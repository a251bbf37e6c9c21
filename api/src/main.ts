import 'reflect-metadata'
import type { AddressInfo } from 'node:net'
import { isCollectorError, runMigrations } from '@tollgate/collector'
import type { Logger } from 'pino'
import { dialableHost } from './bootstrap/banner'
import { runFirstStart } from './bootstrap/first-start'
import { CollectorService } from './collector/collector.service'
import { loadConfig, redactedConfig, type TollgateConfig } from './config/config'
import { createApp } from './create-app'
import { isApiError } from './errors'
import { createLogger } from './logging/logger'
import { createMetricsRegistry } from './metrics/metrics-registry'
import { openStorageExplained } from './storage/open-storage'
import { createStores } from './storage/stores'

/**
 * `pnpm serve`: the Tollgate server, collector and api in one process (the
 * embedded engine allows one process per data directory). Order: config →
 * storage → migrations → first-start setup → Nest app (OTLP receiver, health,
 * metrics) → listen. SIGTERM/SIGINT close the receiver (flushing queued spans),
 * the HTTP server, then storage.
 */
async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  logger.info({ config: redactedConfig(config) }, 'starting tollgate')

  const storage = openStorageExplained(config.storage)
  await runMigrations(storage, {
    retentionDays: config.retention.days,
    payloadRetentionDays: config.retention.payloadDays,
    onProgress: (message) => logger.info({ component: 'migrations' }, message),
  })
  const stores = createStores(storage)
  await runFirstStart({ config, ...stores, logger, out: process.stderr })

  const app = await createApp({
    config,
    storage,
    logger,
    registry: createMetricsRegistry(),
    keys: stores.keys,
    ownsStorage: true,
  })
  // process.exit (not re-raising the signal) lets pino flush its async buffer: the shutdown lines are not lost.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true })
  await app.listen({ port: config.ports.api, host: config.host })
  const apiPort = (app.getHttpServer().address() as AddressInfo).port
  printListening(config, logger, apiPort, app.get(CollectorService).port ?? config.ports.otlp)
}

function printListening(config: TollgateConfig, logger: Logger, apiPort: number, otlpPort: number): void {
  const host = dialableHost(config.host)
  const urls = {
    otlp: `http://${host}:${otlpPort}/v1/traces`,
    api: `http://${host}:${apiPort}`,
    health: `http://${host}:${apiPort}/healthz`,
    ready: `http://${host}:${apiPort}/readyz`,
    metrics: `http://${host}:${apiPort}/metrics`,
  }
  logger.info({ urls }, 'tollgate is ready')
  // Humans watching the terminal want the URLs without parsing JSON; stderr keeps stdout pure JSON logs.
  process.stderr.write(
    `Tollgate is running (bound to ${config.host})\n` +
      `  OTLP ingest   POST ${urls.otlp}  (Authorization: Bearer <ingest key>)\n` +
      `  API           ${urls.api}\n` +
      `  health        ${urls.health}  ${urls.ready}\n` +
      `  metrics       ${urls.metrics}\n`,
  )
}

main().catch((err: unknown) => {
  // Operator-fixable problems (bad config, locked data dir, busy port) are a clear message; anything else keeps its stack.
  if (isApiError(err) || isCollectorError(err)) console.error(`tollgate: ${err.message}`)
  else if ((err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
    console.error(
      `tollgate: ${(err as Error).message}: another process uses that port (see TOLLGATE_API_PORT / TOLLGATE_OTLP_PORT)`,
    )
  } else console.error('tollgate: failed to start:', err)
  process.exit(1)
})
