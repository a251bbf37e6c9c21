/**
 * Fills a project with generated traffic. Small runs (and any run on a ClickHouse
 * server) are generated in JS batch by batch: the next batch is generated while the
 * previous one is being inserted, so memory stays at about two batches whatever the
 * number of calls. Large runs on the embedded engine generate a template of the traffic
 * and let the engine write rewritten copies of it (`replication/`), several times faster.
 */
import { insertRows, ProjectStore, type Storage } from '@tollgate/collector'
import { SERVERS } from './catalog/servers'
import { ToolDefinitions } from './catalog/tool-definitions'
import { type ReplicationProgress, replicate } from './replication/replicate'
import { SeedBatch } from './seed-batch'
import { Traffic } from './traffic'

/** How often progress is reported. */
const PROGRESS_EVERY_MS = 1_000
/** Calls generated between two turns of the event loop. */
const YIELD_EVERY = 2_000

/** Most calls one run may generate. */
export const MAX_SEED_CALLS = 100_000_000
/**
 * Server-side calls per insert. Measured on 300k calls (2 shared cores): 10k → 6.7k calls/s,
 * 20k → 7.6k calls/s and 1.1 GB peak RSS, 100k → 5.9k calls/s and 2.3 GB (less overlap
 * between generating and inserting, more memory).
 */
export const DEFAULT_BATCH_CALLS = 20_000
/**
 * Calls of the template a replicated run copies. Large enough that each tool, user and
 * URI keeps its share (the long tails too), small enough to take seconds: 10 M calls are
 * 50 copies of it.
 */
export const DEFAULT_TEMPLATE_CALLS = 200_000

/** What to seed. */
export interface SeedOptions {
  /** Server-side calls (`mcp_calls` rows with `span_kind = 'SERVER'`), 1..100M. */
  calls: number
  /** Created when missing. */
  projectId: string
  /** The calls spread over this many days ending at `endMs`. @default 7 */
  days?: number
  /** Same seed, same range → same rows. @default 1 */
  seed?: number
  /** End of the range (unix ms). @default Date.now() */
  endMs?: number
  /** @default {@link DEFAULT_BATCH_CALLS} */
  batchCalls?: number
  /**
   * From twice this many calls, on the embedded engine, a template of about this many
   * calls is generated and the engine writes the rest as rewritten copies of it (new ids,
   * each session moved in time as a whole). @default {@link DEFAULT_TEMPLATE_CALLS}
   */
  templateCalls?: number
  /** Called about every second, and once at the end (when everything is stored). */
  onProgress?: (progress: SeedProgress) => void
}

/** Counts so far. */
export interface SeedProgress {
  /** Server-side calls generated. */
  calls: number
  /** Target number of calls. */
  total: number
  /** Every `mcp_calls` row (the instrumented agents' CLIENT rows too). */
  callRows: number
  spans: number
  events: number
  toolVersions: number
  elapsedMs: number
  /** While a replicated run plans its template (nothing stored yet): its calls so far and in all. */
  template?: { calls: number; total: number }
}

/** What a run wrote. */
export interface SeedResult extends SeedProgress {
  /** Whether the project had to be created. */
  projectCreated: boolean
  startMs: number
  endMs: number
}

/**
 * Seeds `options.calls` calls into `options.projectId` on a migrated `storage`.
 * NB: rows land in the tables' current partitions; with `days` beyond the
 * configured retention the oldest would be dropped by the TTL at once.
 */
export async function seedCalls(storage: Storage, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now()
  const days = options.days ?? 7
  const endMs = options.endMs ?? Date.now()
  const startMs = endMs - days * 86_400_000
  checkOptions(options.calls, days, options.batchCalls ?? DEFAULT_BATCH_CALLS)
  if (
    options.templateCalls !== undefined &&
    !(Number.isSafeInteger(options.templateCalls) && options.templateCalls > 0)
  )
    throw new RangeError('templateCalls must be a positive integer')
  const projects = new ProjectStore(storage)
  const projectCreated = (await projects.get(options.projectId)) === null
  if (projectCreated) await projects.ensure(options.projectId, options.projectId)

  const seed = options.seed ?? 1
  const batchCalls = options.batchCalls ?? DEFAULT_BATCH_CALLS
  const progress: SeedProgress = {
    calls: 0,
    total: options.calls,
    callRows: 0,
    spans: 0,
    events: 0,
    toolVersions: 0,
    elapsedMs: 0,
  }
  const templateCalls = options.templateCalls ?? DEFAULT_TEMPLATE_CALLS
  const replicated = storage.kind === 'embedded' && options.calls >= 2 * templateCalls
  const copies = replicated ? Math.ceil(options.calls / templateCalls) : 0
  const perCopy = replicated ? Math.floor(options.calls / copies) : 0
  const replication: ReplicationProgress = {
    templateCalls: 0,
    stored: { calls: 0, mcp_calls: 0, spans: 0, mcp_events: 0 },
    template: null,
    toolVersions: 0,
  }
  let pending = 0
  /** Reports what is stored or on its way, plus the calls of the batch being generated. */
  const report = () => {
    progress.elapsedMs = performance.now() - started
    const copied = replicated ? copiedCounts(replication) : null
    const current = copied === null ? progress : addCounts(progress, copied)
    options.onProgress?.({
      ...current,
      calls: current.calls + pending,
      ...(replicated && replication.template === null
        ? { template: { calls: replication.templateCalls, total: perCopy } }
        : {}),
    })
  }
  // Inserting a batch can take seconds with nothing generated meanwhile: report on a clock.
  const ticker = setInterval(report, PROGRESS_EVERY_MS)
  try {
    if (replicated) {
      await replicate(
        storage,
        {
          projectId: options.projectId,
          template: new Traffic({ calls: perCopy, startMs, endMs, seed }),
          copies,
          startMs,
          endMs,
          definitions: new ToolDefinitions(SERVERS, startMs, endMs),
        },
        replication,
      )
    }
    // The calls copies cannot make (fewer than `copies`), or every call of a direct run.
    const direct = options.calls - perCopy * copies
    if (direct > 0) {
      // A replicated run's rest comes from its own stream, not a second start of the template's.
      const traffic = new Traffic({
        calls: direct,
        startMs,
        endMs,
        seed: replicated ? seed + 1_000_003 : seed,
      })
      await seedDirect(storage, traffic, options.projectId, batchCalls, progress, (n) => {
        pending = n
      })
    }
  } finally {
    clearInterval(ticker)
  }
  progress.elapsedMs = performance.now() - started
  const done = replicated ? addCounts(progress, copiedCounts(replication)) : progress
  options.onProgress?.({ ...done })
  return { ...done, projectCreated, startMs, endMs }
}

type Counts = Pick<SeedProgress, 'calls' | 'callRows' | 'spans' | 'events' | 'toolVersions'>

/** What the copies stored so far. */
function copiedCounts(r: ReplicationProgress): Counts {
  return {
    calls: r.stored.calls,
    callRows: r.stored.mcp_calls,
    spans: r.stored.spans,
    events: r.stored.mcp_events,
    toolVersions: r.toolVersions,
  }
}

function addCounts(a: SeedProgress, b: Counts): SeedProgress {
  return {
    ...a,
    calls: a.calls + b.calls,
    callRows: a.callRows + b.callRows,
    spans: a.spans + b.spans,
    events: a.events + b.events,
    toolVersions: a.toolVersions + b.toolVersions,
  }
}

/** Generates `traffic` in JS and inserts it batch by batch, one insert in flight. */
async function seedDirect(
  storage: Storage,
  traffic: Traffic,
  projectId: string,
  batchCalls: number,
  progress: SeedProgress,
  onPending: (calls: number) => void,
): Promise<void> {
  let inFlight: Promise<void> = Promise.resolve()
  for (;;) {
    const batch = await generateBatch(traffic, projectId, batchCalls, onPending)
    if (batch.calls === 0) break
    // One insert in flight: wait for the previous before starting this one.
    await inFlight
    const toolVersions = batch.toolVersions()
    inFlight = insertBatch(storage, batch, toolVersions)
    onPending(0)
    progress.calls += batch.calls
    progress.callRows += batch.rows.mcp_calls.length
    progress.spans += batch.rows.spans.length
    progress.events += batch.rows.mcp_events.length
    progress.toolVersions += toolVersions.length
  }
  await inFlight
}

/** The next batch of up to `batchCalls` calls (empty when the traffic is exhausted). */
async function generateBatch(
  traffic: Traffic,
  projectId: string,
  batchCalls: number,
  onCalls: (calls: number) => void,
): Promise<SeedBatch> {
  const batch = new SeedBatch(projectId)
  const add = (plan: Parameters<SeedBatch['add']>[0]) => batch.add(plan)
  let yieldAt = YIELD_EVERY
  while (batch.calls < batchCalls && traffic.next(add)) {
    if (batch.calls >= yieldAt) {
      // NB: the previous insert only progresses between turns of the event loop (its file is
      // written asynchronously before the engine takes over): without these pauses,
      // generating a batch would hold the insert back.
      yieldAt += YIELD_EVERY
      onCalls(batch.calls)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return batch
}

/**
 * Encodes every table of the batch now (`insertRows` encodes before its first
 * await), so the batch's row objects can be collected while the engine inserts.
 */
function insertBatch(storage: Storage, batch: SeedBatch, toolVersions: object[]): Promise<void> {
  const { rows } = batch
  return Promise.all([
    insertRows(storage, 'mcp_calls', rows.mcp_calls),
    insertRows(storage, 'spans', rows.spans),
    insertRows(storage, 'mcp_events', rows.mcp_events),
    insertRows(storage, 'tool_versions', toolVersions),
  ]).then(() => undefined)
}

function checkOptions(calls: number, days: number, batchCalls: number): void {
  if (!Number.isSafeInteger(calls) || calls < 1 || calls > MAX_SEED_CALLS) {
    throw new RangeError(`calls must be an integer in 1..${MAX_SEED_CALLS}`)
  }
  if (!(days > 0 && days <= 3650)) throw new RangeError('days must be in (0, 3650]')
  if (!Number.isSafeInteger(batchCalls) || batchCalls < 1)
    throw new RangeError('batchCalls must be a positive integer')
}
