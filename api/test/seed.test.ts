import { join } from 'node:path'
import { openStorage, queryRows, type Storage } from '@tollgate/collector'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/run'
import { parseCommand } from '../src/cli/usage'
import { spikeFlags } from '../src/denials/spikes'
import { type SeedResult, seedCalls } from '../src/seed'
import { Capture, migratedStorage, removeDir, tempDir, testConfig } from './helpers'

// Midnight UTC today: within the retention TTL, and the same for the three databases.
const END_MS = Math.floor(Date.now() / 86_400_000) * 86_400_000
const DAY_MS = 86_400_000

let root: string
/** The direct run's first database, read by the CLI tests too. */
let storage: Storage
const opened: Storage[] = []

beforeAll(() => {
  root = tempDir('seed')
})

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()))
  removeDir(root)
})

async function one<T>(sql: string, on: Storage = storage): Promise<T> {
  const rows = await queryRows<T>(on, sql.replaceAll('db.', `${on.database}.`), { p: 'demo' })
  return rows[0] as T
}

const SERVER_CALLS = `db.mcp_calls WHERE project_id = {p:String} AND span_kind = 'SERVER'`

/**
 * The same properties, whichever way the calls were made: generated in JS, or a template
 * of 3,333 calls copied 6 times by the engine plus 5 calls generated in JS.
 */
describe.each([
  { path: 'generated in JS', calls: 5_000, templateCalls: undefined, copies: 1 },
  { path: 'replicated by the engine', calls: 20_005, templateCalls: 4_000, copies: 6 },
])('seedCalls, $path', ({ calls: CALLS, templateCalls, copies }) => {
  /** Seeded with seed 7; `twin` with the same seed, `other` with seed 8 (three databases, one data dir). */
  let db: Storage
  let twin: Storage
  let other: Storage
  let result: SeedResult
  const all = <T>(sql: string) => queryRows<T>(db, sql.replaceAll('db.', `${db.database}.`), { p: 'demo' })
  const first = <T>(sql: string) => one<T>(sql, db)

  beforeAll(async () => {
    const dataDir = join(root, 'data')
    db = await migratedStorage(dataDir)
    twin = await migratedStorage(dataDir)
    other = await migratedStorage(dataDir)
    opened.push(db, twin, other)
    if (templateCalls === undefined) storage = db
    const options = { calls: CALLS, projectId: 'demo', endMs: END_MS, batchCalls: 1_000, templateCalls }
    result = await seedCalls(db, { ...options, seed: 7 })
    await seedCalls(twin, { ...options, seed: 7 })
    await seedCalls(other, { ...options, seed: 8 })
  }, 120_000)
  it('writes exactly the requested server-side calls, inside the range, and reports its counts', async () => {
    const row = await first<{ n: string; min_ms: string; max_ms: string }>(
      `SELECT count() AS n, toUnixTimestamp64Milli(min(timestamp)) AS min_ms, toUnixTimestamp64Milli(max(timestamp)) AS max_ms FROM ${SERVER_CALLS}`,
    )
    expect(Number(row.n)).toBe(CALLS)
    expect(Number(row.min_ms)).toBeGreaterThanOrEqual(END_MS - 7 * DAY_MS)
    expect(Number(row.max_ms)).toBeLessThan(END_MS)
    expect(result.calls).toBe(CALLS)
    expect(result.projectCreated).toBe(true)
    const counts = await first<{ spans: string; events: string; call_rows: string }>(
      `SELECT (SELECT count() FROM db.spans WHERE project_id = {p:String}) AS spans,
              (SELECT count() FROM db.mcp_events WHERE project_id = {p:String}) AS events,
              (SELECT count() FROM db.mcp_calls WHERE project_id = {p:String}) AS call_rows`,
    )
    expect(Number(counts.spans)).toBe(result.spans)
    expect(Number(counts.events)).toBe(result.events)
    expect(Number(counts.call_rows)).toBe(result.callRows)
    const project = await first<{ n: string }>(
      `SELECT count() AS n FROM db.projects FINAL WHERE id = {p:String}`,
    )
    expect(Number(project.n)).toBe(1)
  })

  it('numbers every session 1..n in time order, each step pointing at the one before', async () => {
    const row = await first<{ sessions: string; broken: string; longest: string }>(
      `SELECT count() AS sessions, max(length(ids)) AS longest,
              countIf(steps != range(1, length(steps) + 1) OR prevs != arrayPushFront(arrayPopBack(ids), '')) AS broken
       FROM (
         SELECT session_id, groupArray(step) AS steps, groupArray(span_id) AS ids, groupArray(prev_span_id) AS prevs
         FROM (SELECT session_id, step, span_id, prev_span_id FROM ${SERVER_CALLS} AND session_id != ''
               ORDER BY session_id, timestamp)
         GROUP BY session_id)`,
    )
    expect(Number(row.broken)).toBe(0)
    expect(Number(row.sessions)).toBeGreaterThan(400)
    expect(Number(row.longest)).toBe(40)
  })

  it('gives every call its SERVER span (same trace and span id), and every event a call', async () => {
    const row = await first<{
      no_span: string
      orphan_events: string
      child_spans: string
      client_roots: string
    }>(
      `SELECT
         (SELECT count() FROM ${SERVER_CALLS} AND (trace_id, span_id) NOT IN
            (SELECT trace_id, span_id FROM db.spans WHERE project_id = {p:String} AND kind = 'SERVER')) AS no_span,
         (SELECT count() FROM db.mcp_events WHERE project_id = {p:String} AND (trace_id, span_id) NOT IN
            (SELECT trace_id, span_id FROM ${SERVER_CALLS})) AS orphan_events,
         (SELECT count() FROM db.spans WHERE project_id = {p:String} AND parent_span_id != '' AND kind = 'CLIENT') AS child_spans,
         (SELECT count() FROM db.spans WHERE project_id = {p:String} AND parent_span_id = '' AND kind = 'CLIENT') AS client_roots`,
    )
    expect(Number(row.no_span)).toBe(0)
    expect(Number(row.orphan_events)).toBe(0)
    expect(Number(row.child_spans)).toBeGreaterThan(100)
    expect(Number(row.client_roots)).toBe(result.callRows - result.calls)
  })

  it('has denials of all three sources, and denial spikes', async () => {
    const sources = await all<{ denial_source: string; n: string }>(
      `SELECT denial_source, count() AS n FROM ${SERVER_CALLS} AND outcome = 'denied' GROUP BY denial_source ORDER BY denial_source`,
    )
    expect(sources.map((s) => s.denial_source)).toEqual(['auth', 'explicit', 'inferred'])
    for (const s of sources) expect(Number(s.n)).toBeGreaterThan(20)

    const hours = await all<{ n: string }>(
      `SELECT countIf(outcome = 'denied') AS n FROM ${SERVER_CALLS}
       GROUP BY toStartOfHour(timestamp) ORDER BY toStartOfHour(timestamp) WITH FILL STEP toIntervalHour(1)`,
    )
    expect(spikeFlags(hours.map((h) => Number(h.n))).filter(Boolean).length).toBeGreaterThanOrEqual(3)
    // The busiest minute of denials belongs to one user and one agent, far above the mean.
    const minute = await first<{ peak: string; mean: number; users: string; agents: string }>(
      `SELECT max(n) AS peak, avg(n) AS mean, argMax(u, n) AS users, argMax(a, n) AS agents FROM (
         SELECT toStartOfMinute(timestamp) AS m, count() AS n, uniqExact(user_id) AS u, uniqExact(agent_id) AS a
         FROM ${SERVER_CALLS} AND outcome = 'denied' GROUP BY m)`,
    )
    expect(Number(minute.peak)).toBeGreaterThan(4 * minute.mean)
    // A spike's sessions (nothing but one tool denied again and again) open with a read of the
    // record they then try to change, with its source: an investigation from a spike finds one.
    const spiked = await all<{ first_method: string; sourced: string }>(
      `SELECT argMin(method, step) AS first_method,
              countIf(step = 1 AND (trace_id, span_id) IN
                (SELECT trace_id, span_id FROM db.mcp_events WHERE project_id = {p:String} AND kind = 'provenance')) AS sourced
       FROM ${SERVER_CALLS} AND session_id IN
         (SELECT session_id FROM ${SERVER_CALLS} AND method = 'tools/call' GROUP BY session_id
          HAVING countIf(target IN ('insert_rows', 'merge_pull_request') AND outcome = 'denied') = count() AND count() >= 5)
       GROUP BY session_id`,
    )
    expect(spiked.length).toBeGreaterThanOrEqual(2)
    expect(spiked.map((s) => [s.first_method, Number(s.sourced)])).toEqual(
      spiked.map(() => ['resources/read', 1]),
    )
    expect([Number(minute.users), Number(minute.agents)]).toEqual([1, 1])
  })

  it('records provenance with a Zipf-like URI popularity: one URI is behind many calls', async () => {
    const top = await first<{ uri: string; calls: string; fresh: string }>(
      `SELECT lookup_key AS uri, uniqExact(span_id) AS calls,
              countIf(as_of > toDateTime64(0, 9) AND as_of <= timestamp) = count() AS fresh
       FROM db.mcp_events WHERE project_id = {p:String} AND kind = 'provenance'
       GROUP BY lookup_key ORDER BY calls DESC, uri LIMIT 1`,
    )
    expect(Number(top.calls)).toBeGreaterThan(30)
    expect(Number(top.fresh)).toBe(1)
  })

  it('shows every misuse signal the tools view ranks', async () => {
    const row = await first<Record<string, string>>(
      `SELECT countIf(error_code = -32602 AND caller_fault = 1 AND outcome = 'error') AS invalid_arguments,
              countIf(denial_source = 'inferred' AND error_code = -32602) AS unknown_tool,
              countIf(side_effect = 'write' AND approval = 'none') AS writes_without_approval,
              countIf(approval = 'approved' AND approved_by != '') AS approved_writes,
              countIf(injection_suspected = 1 AND notEmpty(flag_rules) AND untrusted = 1) AS injection_suspected,
              countIf(outcome = 'partial') AS partial,
              countIf(outcome = 'error' AND caller_fault = 0) AS server_errors,
              countIf(redaction_count > 0) AS redacted,
              countIf(audience_match = 'mismatch') AS audience_mismatch,
              countIf(method = 'resources/read') AS resource_reads,
              countIf(method = 'prompts/get') AS prompt_gets
       FROM ${SERVER_CALLS}`,
    )
    for (const [signal, n] of Object.entries(row)) expect(Number(n), signal).toBeGreaterThan(0)
    const retries = await first<{ loops: string }>(
      `SELECT count() AS loops FROM (SELECT session_id, target, cityHash64(input) AS h, count() AS n
        FROM ${SERVER_CALLS} AND method = 'tools/call' AND session_id != '' GROUP BY session_id, target, h HAVING n > 1)`,
    )
    expect(Number(retries.loops)).toBeGreaterThan(50)
  })

  it('records tool definitions, with tools whose definition changed within the range', async () => {
    const changed = await all<{ tool: string }>(
      `SELECT concat(server_name, '/', tool_name) AS tool FROM db.tool_versions WHERE project_id = {p:String}
       GROUP BY server_name, tool_name HAVING uniqExact(description_hash, input_schema_hash, annotations_hash) = 2
       ORDER BY tool`,
    )
    expect(changed.map((c) => c.tool)).toEqual([
      'billing/issue_refund',
      'crm/search_accounts',
      'db/run_query',
      'github/create_pull_request',
    ])
  })

  it('is deterministic: the same seed writes the same rows, another seed different ones', async () => {
    const checksum = (on: Storage) =>
      one<{ calls: string; spans: string; events: string; versions: string }>(
        `SELECT
          (SELECT sum(cityHash64(trace_id, span_id, timestamp, session_id, step, outcome, input, output)) FROM db.mcp_calls) AS calls,
          (SELECT sum(cityHash64(trace_id, span_id, timestamp, name, toString(attributes), toString(event_attributes))) FROM db.spans) AS spans,
          (SELECT sum(cityHash64(kind, lookup_key, span_id, timestamp, as_of, toString(attributes))) FROM db.mcp_events) AS events,
          (SELECT sum(cityHash64(tool_name, description_hash, first_seen, last_seen, seen_count)) FROM db.tool_versions) AS versions`,
        on,
      )
    const [a, b, c] = await Promise.all([checksum(db), checksum(twin), checksum(other)])
    expect(b).toEqual(a)
    expect(c.calls).not.toBe(a.calls)
    expect(c.spans).not.toBe(a.spans)
    expect(c.events).not.toBe(a.events)
  })

  it('gives every row its own ids, and the changed tools one definition before the change and one after', async () => {
    const ids = await first<{
      calls: string
      call_ids: string
      spans: string
      span_ids: string
      misshapen: string
      sessions: string[]
    }>(
      `SELECT (SELECT count() FROM db.mcp_calls WHERE project_id = {p:String}) AS calls,
              (SELECT uniqExact(trace_id, span_id) FROM db.mcp_calls WHERE project_id = {p:String}) AS call_ids,
              (SELECT count() FROM db.spans WHERE project_id = {p:String}) AS spans,
              (SELECT uniqExact(span_id) FROM db.spans WHERE project_id = {p:String}) AS span_ids,
              (SELECT countIf(NOT match(trace_id, '^[0-9a-f]{32}$') OR NOT match(span_id, '^[0-9a-f]{16}$'))
                 FROM db.spans WHERE project_id = {p:String}) AS misshapen,
              (SELECT groupUniqArray(3)(session_id) FROM ${SERVER_CALLS} AND session_id != '' AND
                 NOT match(session_id, '^([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}|conn-[0-9a-f]{16})$')) AS sessions`,
    )
    expect(Number(ids.call_ids)).toBe(Number(ids.calls))
    expect(Number(ids.span_ids)).toBe(Number(ids.spans))
    expect(Number(ids.misshapen)).toBe(0)
    expect(ids.sessions).toEqual([])
    // Old definition last seen before the new one first seen, for each of the four tools.
    const overlaps = await all<{ tool: string; ordered: number }>(
      `SELECT tool_name AS tool, arraySort(groupArray((first, last)))[1].2 < arraySort(groupArray((first, last)))[2].1 AS ordered
       FROM (SELECT tool_name, description_hash, input_schema_hash, annotations_hash,
                    min(first_seen) AS first, max(last_seen) AS last
             FROM db.tool_versions WHERE project_id = {p:String}
             GROUP BY tool_name, description_hash, input_schema_hash, annotations_hash)
       GROUP BY tool_name HAVING count() = 2 ORDER BY tool_name`,
    )
    expect(overlaps).toEqual([
      { tool: 'create_pull_request', ordered: 1 },
      { tool: 'issue_refund', ordered: 1 },
      { tool: 'run_query', ordered: 1 },
      { tool: 'search_accounts', ordered: 1 },
    ])
  })

  it(`writes each template call ${copies} time(s), in as many sessions`, async () => {
    // A call's fingerprint: who, what, with which payloads, at which step.
    const row = await first<{ calls: string; copied: string }>(
      `SELECT sum(n) AS calls, sumIf(n, sessions = ${copies}) AS copied FROM (
         SELECT count() AS n, uniqExact(session_id) AS sessions FROM ${SERVER_CALLS} AND session_id != ''
         GROUP BY user_id, agent_id, target, input, output, step)`,
    )
    expect(Number(row.copied) / Number(row.calls)).toBeGreaterThan(0.95)
  })
})

describe('pnpm seed (runCli)', () => {
  it('parses its options and refuses bad ones', () => {
    expect(
      parseCommand(['seed', '--calls', '10_000', '--project', 'p1', '--days', '3', '--seed', '9']),
    ).toEqual({
      name: 'seed',
      calls: 10_000,
      project: 'p1',
      days: 3,
      seed: 9,
    })
    expect(parseCommand(['seed', '--calls', '5'])).toEqual({
      name: 'seed',
      calls: 5,
      project: 'default',
      days: 7,
      seed: 1,
    })
    for (const argv of [
      ['seed'],
      ['seed', '--calls', '0'],
      ['seed', '--calls', '100000001'],
      ['seed', '--calls', '1e6'],
      ['seed', '--calls', '5', '--days', '0'],
    ]) {
      expect(() => parseCommand(argv), argv.join(' ')).toThrow(
        expect.objectContaining({ code: 'CLI.USAGE' }) as unknown as Error,
      )
    }
  })

  it('migrates, seeds, prints a summary and creates the project', async () => {
    const config = testConfig(join(root, 'data'), { CLICKHOUSE_DATABASE: 'tg_seed_cli' })
    const out = new Capture()
    const err = new Capture()
    const cli = {
      io: { stdout: out, stderr: err },
      loadConfig: () => config,
      // A second handle on the same data directory (allowed in-process); runCli closes it.
      openStorage: () => openStorage(config.storage),
    }
    expect(await runCli(['seed', '--calls', '300', '--project', 'cli-demo', '--days', '2'], cli)).toBe(0)
    expect(err.text).toContain('seeding 300 calls into project cli-demo over 2 days (seed 1)\n')
    expect(err.text).toContain('created project cli-demo\n')
    expect(out.text).toMatch(/^seeded 300 calls into project cli-demo: [\d,]+ spans, .* calls\/s\)\n$/)
    const row = await one<{ n: string }>(
      `SELECT count() AS n FROM tg_seed_cli.mcp_calls WHERE project_id = 'cli-demo' AND span_kind = 'SERVER'`,
    )
    expect(Number(row.n)).toBe(300)
  })

  it('refuses a range longer than the retention', async () => {
    const config = testConfig(join(root, 'data'), {
      CLICKHOUSE_DATABASE: 'tg_seed_cli',
      TOLLGATE_RETENTION_DAYS: '3',
      TOLLGATE_PAYLOAD_RETENTION_DAYS: '3',
    })
    const err = new Capture()
    const cli = {
      io: { stdout: new Capture(), stderr: err },
      loadConfig: () => config,
      openStorage: () => openStorage(config.storage),
    }
    expect(await runCli(['seed', '--calls', '10', '--days', '5'], cli)).toBe(1)
    expect(err.text).toBe(
      'tollgate: --days 5 exceeds the retention of 3 days (TOLLGATE_RETENTION_DAYS): older rows would be dropped at once\n',
    )
  })
})
