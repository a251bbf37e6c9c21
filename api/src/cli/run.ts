import type { Storage, StorageOptions } from '@tollgate/collector'
import { isCollectorError } from '@tollgate/collector'
import type { TollgateConfig } from '../config/config'
import { isApiError } from '../errors'
import { createStores } from '../storage/stores'
import {
  type CliContext,
  type CliOutput,
  createKeyCommand,
  listKeysCommand,
  migrateCommand,
  revokeKeyCommand,
} from './commands'
import { seedCommand } from './seed-command'
import { type Command, parseCommand, USAGE } from './usage'

/** What the CLI needs from its process; the entry passes the real ones, tests their own. */
export interface CliEnvironment {
  io: CliOutput
  loadConfig(): TollgateConfig
  openStorage(options: StorageOptions): Storage
}

/** Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad usage (usage text on stderr). */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<0 | 1 | 2> {
  let command: Command
  try {
    command = parseCommand(argv)
  } catch (err) {
    if (!isApiError(err, 'CLI.USAGE')) throw err
    env.io.stderr.write(`tollgate: ${err.message}\n\n${USAGE}\n`)
    return 2
  }
  if (command.name === 'help') {
    env.io.stdout.write(`${USAGE}\n`)
    return 0
  }
  let storage: Storage | undefined
  try {
    const config = env.loadConfig()
    storage = env.openStorage(config.storage)
    await execute(command, { config, storage, stores: createStores(storage), io: env.io })
    return 0
  } catch (err) {
    env.io.stderr.write(`tollgate: ${describeError(err, storage)}\n`)
    return 1
  } finally {
    await storage?.close()
  }
}

async function execute(command: Exclude<Command, { name: 'help' }>, ctx: CliContext): Promise<void> {
  switch (command.name) {
    case 'migrate':
      await migrateCommand(ctx)
      return
    case 'keys-create':
      await createKeyCommand(ctx, command)
      return
    case 'keys-list':
      await listKeysCommand(ctx, command.project)
      return
    case 'keys-revoke':
      await revokeKeyCommand(ctx, command.idOrPrefix)
      return
    case 'seed':
      await seedCommand(ctx, command)
      return
  }
}

/**
 * What the operator reads: our own errors as written (a config error lists one
 * bad variable per line), ClickHouse's "no such table" as a hint, anything
 * else as its first line.
 */
function describeError(err: unknown, storage: Storage | undefined): string {
  if (isApiError(err) || isCollectorError(err)) return err.message
  const type = (err as { type?: unknown } | null)?.type
  if (type === 'UNKNOWN_TABLE' || type === 'UNKNOWN_DATABASE') {
    return `Tollgate's tables are missing in database ${storage?.database ?? '?'}: run \`pnpm migrate\` first`
  }
  return firstLine(err instanceof Error ? err.message : String(err))
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim()
}
