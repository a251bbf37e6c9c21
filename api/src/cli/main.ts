import { loadConfig } from '../config/config'
import { openStorageExplained } from '../storage/open-storage'
import { runCli } from './run'

/**
 * `pnpm tollgate <command>` / `pnpm migrate`: operator commands against the
 * same storage as the server (see `USAGE` in ./usage.ts).
 */
process.exitCode = await runCli(process.argv.slice(2), {
  io: { stdout: process.stdout, stderr: process.stderr },
  loadConfig,
  openStorage: openStorageExplained,
})
