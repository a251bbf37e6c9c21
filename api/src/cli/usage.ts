import { parseArgs } from 'node:util'
import { ApiError } from '../errors'

/** The CLI's help text (printed for `help`, `--help` and with every usage error). */
export const USAGE = `Usage: pnpm tollgate <command> [options]

Commands:
  migrate                                  create or upgrade the ClickHouse schema
  keys create --project <id> [--name <n>]  create an ingest key (printed once)
              [--create-project]           ...creating the project if it does not exist
  keys list [--project <id>]               list ingest keys
  keys revoke <id|prefix>                  revoke an ingest key
  seed --calls <n> [--project <id>]        generate demo traffic: n calls (1..100000000) into
       [--days <d>] [--seed <s>]           ...a project (default "default", created if missing),
                                           ...over d days ending now (default 7), seed s (default 1)
  help                                     show this text

Storage comes from the same environment as \`pnpm serve\` (TOLLGATE_DATA_DIR, CLICKHOUSE_URL, ...).
NB: the embedded engine allows one process per data directory: stop \`pnpm serve\`
first, or point CLICKHOUSE_URL at a ClickHouse server.`

/** A parsed command line. */
export type Command =
  | { name: 'help' }
  | { name: 'migrate' }
  | { name: 'keys-create'; project: string; keyName: string; createProject: boolean }
  | { name: 'keys-list'; project?: string }
  | { name: 'keys-revoke'; idOrPrefix: string }
  | { name: 'seed'; calls: number; project: string; days: number; seed: number }

/** Parses `argv` (without node and script); throws `CLI.USAGE` with a one-line reason. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, second, ...rest] = argv
  if (first === undefined) throw usage('no command given')
  if (first === 'help' || first === '--help' || first === '-h') return { name: 'help' }
  if (first === 'migrate') {
    expectNoMore(argv.slice(1), 'migrate')
    return { name: 'migrate' }
  }
  if (first === 'seed') return parseSeed(argv.slice(1))
  if (first !== 'keys') throw usage(`unknown command "${first}"`)
  if (second === 'create') {
    const { values } = parse(rest, {
      project: { type: 'string' },
      name: { type: 'string' },
      'create-project': { type: 'boolean' },
    })
    const project = values.project
    if (typeof project !== 'string') throw usage('keys create needs --project <id>')
    const keyName = typeof values.name === 'string' ? values.name.trim() : ''
    if (keyName.length > 200) throw usage('--name must be at most 200 characters')
    return { name: 'keys-create', project, keyName, createProject: values['create-project'] === true }
  }
  if (second === 'list') {
    const { values } = parse(rest, { project: { type: 'string' } })
    return typeof values.project === 'string'
      ? { name: 'keys-list', project: values.project }
      : { name: 'keys-list' }
  }
  if (second === 'revoke') {
    const { positionals } = parse(rest, {}, true)
    if (positionals.length !== 1) throw usage('keys revoke needs exactly one <id|prefix>')
    return { name: 'keys-revoke', idOrPrefix: positionals[0]! }
  }
  throw usage(second === undefined ? 'keys needs a subcommand' : `unknown keys subcommand "${second}"`)
}

function parseSeed(args: string[]): Command {
  const { values } = parse(args, {
    calls: { type: 'string' },
    project: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
  })
  if (typeof values.calls !== 'string') throw usage('seed needs --calls <n>')
  return {
    name: 'seed',
    calls: integerOption('--calls', values.calls, 1, 100_000_000),
    project: typeof values.project === 'string' ? values.project : 'default',
    days: typeof values.days === 'string' ? integerOption('--days', values.days, 1, 3650) : 7,
    seed: typeof values.seed === 'string' ? integerOption('--seed', values.seed, 0, 0xffff_ffff) : 1,
  }
}

/** A whole number in [min, max]; `_` separators allowed (`10_000_000`). */
function integerOption(name: string, text: string, min: number, max: number): number {
  const digits = text.replaceAll('_', '')
  const value = /^\d+$/.test(digits) ? Number(digits) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usage(`${name} must be a whole number from ${min} to ${max} (got "${text}")`)
  }
  return value
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>

function parse(args: string[], options: OptionSpec, allowPositionals = false) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals, strict: true })
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    }
  } catch (err) {
    // node's messages are clear ("Unknown option '--x'"); keep them, drop the error code prefix.
    throw usage(err instanceof Error ? err.message : String(err))
  }
}

function expectNoMore(args: readonly string[], command: string): void {
  if (args.length > 0) throw usage(`${command} takes no arguments (got "${args.join(' ')}")`)
}

function usage(reason: string): ApiError {
  return new ApiError('CLI.USAGE', reason)
}
