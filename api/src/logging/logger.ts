import { type DestinationStream, type Logger, pino } from 'pino'
import type { LogLevel } from '../config/config'

/**
 * The process logger: pino JSON lines on stdout (or `destination`). It is also
 * the `Logger` handed to the collector, which pino satisfies structurally.
 *
 * Secrets never go through it: config is logged via `redactedConfig`, and as a
 * second line of defence pino censors the usual credential paths.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tollgate' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'key',
          '*.key',
          'authorization',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  )
}
