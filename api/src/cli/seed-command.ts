import { runMigrations } from '@tollgate/collector'
import { ApiError } from '../errors'
import { type SeedProgress, type SeedResult, seedCalls } from '../seed'
import type { CliContext } from './commands'

/** Options of {@link seedCommand}. */
export interface SeedCommandOptions {
  calls: number
  project: string
  days: number
  seed: number
}

/** How often progress is printed. */
const PROGRESS_EVERY_MS = 1_000

/**
 * `seed`: migrates, then generates `calls` calls of demo traffic into the project
 * (created when missing). Progress goes to stderr about every second, the summary
 * to stdout.
 */
export async function seedCommand(
  ctx: CliContext,
  options: SeedCommandOptions,
  now: () => number = Date.now,
): Promise<SeedResult> {
  if (options.days > ctx.config.retention.days) {
    throw new ApiError(
      'CLI.USAGE',
      `--days ${options.days} exceeds the retention of ${ctx.config.retention.days} days (TOLLGATE_RETENTION_DAYS): older rows would be dropped at once`,
    )
  }
  await runMigrations(ctx.storage, {
    retentionDays: ctx.config.retention.days,
    payloadRetentionDays: ctx.config.retention.payloadDays,
  })
  const { stderr, stdout } = ctx.io
  stderr.write(
    `seeding ${fmt(options.calls)} calls into project ${options.project} over ${options.days} days (seed ${options.seed})\n`,
  )
  let printedAt = 0
  const result = await seedCalls(ctx.storage, {
    calls: options.calls,
    projectId: options.project,
    days: options.days,
    seed: options.seed,
    endMs: now(),
    onProgress: (p) => {
      if (p.elapsedMs - printedAt < PROGRESS_EVERY_MS || p.calls === p.total) return
      printedAt = p.elapsedMs
      stderr.write(`${progressLine(p)}\n`)
    },
  })
  if (result.projectCreated) stderr.write(`created project ${options.project}\n`)
  const seconds = result.elapsedMs / 1000
  stdout.write(
    `seeded ${fmt(result.calls)} calls into project ${options.project}: ${fmt(result.spans)} spans, ` +
      `${fmt(result.events)} events, ${fmt(result.callRows - result.calls)} agent-side call rows, ` +
      `${fmt(result.toolVersions)} tool version rows in ${seconds.toFixed(1)} s ` +
      `(${fmt(Math.round(result.calls / Math.max(seconds, 0.001)))} calls/s)\n`,
  )
  return result
}

/**
 * `1,200,000 / 10,000,000 calls (12%) · 41,000 calls/s · ETA 3m 46s`, or while a large run
 * plans its template (nothing stored yet, no honest ETA): `planning the template: 50,000 / 200,000 calls`.
 */
export function progressLine(p: SeedProgress): string {
  if (p.template !== undefined) {
    return `planning the template: ${fmt(p.template.calls)} / ${fmt(p.template.total)} calls`
  }
  const seconds = p.elapsedMs / 1000
  const rate = seconds > 0 ? p.calls / seconds : 0
  const eta = rate > 0 ? (p.total - p.calls) / rate : 0
  const percent = Math.floor((100 * p.calls) / p.total)
  return `${fmt(p.calls)} / ${fmt(p.total)} calls (${percent}%) · ${fmt(Math.round(rate))} calls/s · ETA ${rate > 0 ? duration(eta) : '–'}`
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds)
  return s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`
}

function fmt(n: number): string {
  return n.toLocaleString('en-US')
}
