import type { LoggerService } from '@nestjs/common'
import type { Logger } from 'pino'

/**
 * Routes Nest's own logging into pino. Nest's routine chatter ("Mapped
 * {/healthz, GET} route", "Nest application successfully started") is `log`
 * level: it goes to pino's `debug`, so the default `info` output stays
 * Tollgate's own lines.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.logger.debug(fields(rest), text(message))
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?) for errors.
    const [stack, context] = rest
    this.logger.error({ context, stack }, text(message))
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.logger.warn(fields(rest), text(message))
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.logger.debug(fields(rest), text(message))
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.logger.trace(fields(rest), text(message))
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.logger.fatal(fields(rest), text(message))
  }
}

function fields(rest: unknown[]): { context?: unknown } {
  // Nest appends the context (a class name) as the last optional parameter.
  return rest.length > 0 ? { context: rest[rest.length - 1] } : {}
}

function text(message: unknown): string {
  if (typeof message === 'string') return message
  if (message instanceof Error) return message.message
  return JSON.stringify(message)
}
