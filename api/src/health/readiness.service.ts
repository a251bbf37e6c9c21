import { Inject, Injectable } from '@nestjs/common'
import type { Storage } from '@tollgate/collector'
import { CollectorService } from '../collector/collector.service'
import { STORAGE } from '../tokens'

/** Outcome of one readiness probe; `reasons` is empty exactly when `ready`. */
export interface Readiness {
  ready: boolean
  checks: { storage: 'ok' | 'failing'; receiver: 'ok' | 'not ready' }
  reasons: string[]
}

/** A ping slower than this counts as failing: a load balancer's probe must not hang on a stuck server. */
const PING_TIMEOUT_MS = 2_000

/** Decides whether this process should receive traffic: storage answers and the receiver accepts. */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CollectorService) private readonly collector: CollectorService,
  ) {}

  async check(): Promise<Readiness> {
    const reasons: string[] = []
    const storageError = await this.pingStorage()
    if (storageError !== undefined) reasons.push(`storage: ${storageError}`)
    const receiverReady = this.collector.isReady()
    if (!receiverReady) reasons.push('otlp receiver: not accepting exports (starting or shutting down)')
    return {
      ready: reasons.length === 0,
      checks: {
        storage: storageError === undefined ? 'ok' : 'failing',
        receiver: receiverReady ? 'ok' : 'not ready',
      },
      reasons,
    }
  }

  /** undefined when storage answered, else why not. NB: clickhouse-js `ping()` reports failure, it does not throw. */
  private async pingStorage(): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${PING_TIMEOUT_MS} ms`), PING_TIMEOUT_MS)
    })
    const ping = this.storage.client.ping().then(
      (result) => (result.success ? undefined : result.error.message),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    )
    try {
      return await Promise.race([ping, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
