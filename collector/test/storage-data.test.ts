import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertRows, isDataRejection, openStorage, queryRows, type Storage } from '../src/storage/client'
import { runMigrations } from '../src/storage/migrations'
import type { McpCallRow, McpEventRow, SpanRow, ToolVersionRow } from '../src/storage/rows'

// Whole minute 10 minutes ago: every sample time below falls in this minute.
const MINUTE_MS = Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000
const DAY_MS = 86_400_000

/** Unix nanoseconds as rows.ts wants them: `ms` after the sample minute, plus `extra` ns. */
function ns(ms: number, extra = 0): string {
  return (BigInt(MINUTE_MS + ms) * 1_000_000n + BigInt(extra)).toString()
}

const TRACE = `${'a'.repeat(31)}1`

function sampleSpan(overrides: Partial<SpanRow> = {}): SpanRow {
  return {
    project_id: 'proj_data',
    timestamp: ns(1_000, 123_456),
    end_timestamp: ns(1_250, 654_321),
    duration_ns: 250_530_865,
    trace_id: TRACE,
    span_id: 'b'.repeat(16),
    parent_span_id: 'c'.repeat(16),
    trace_state: 'vendor=x',
    flags: 1,
    name: 'tools/call search',
    kind: 'SERVER',
    status_code: 'ERROR',
    status_message: 'boom',
    service_name: 'docs-server',
    scope_name: '@tollgate/sdk',
    scope_version: '0.1.0',
    resource_attributes: { 'service.name': 'docs-server', 'host.name': 'h1' },
    attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'search' },
    event_times: [ns(1_100, 7)],
    event_names: ['tollgate.denial'],
    event_attributes: [{ 'tollgate.denial.resource': 'doc:42' }],
    link_trace_ids: ['d'.repeat(32)],
    link_span_ids: ['e'.repeat(16)],
    link_trace_states: [''],
    link_attributes: [{ kind: 'http' }],
    dropped_attributes_count: 2,
    dropped_events_count: 3,
    dropped_links_count: 4,
    truncated_values: 5,
    ...overrides,
  }
}

function sampleCall(overrides: Partial<McpCallRow> = {}): McpCallRow {
  return {
    project_id: 'proj_data',
    timestamp: ns(1_000, 123_456),
    duration_ns: 250_000_000,
    trace_id: TRACE,
    span_id: 'b'.repeat(16),
    parent_span_id: 'c'.repeat(16),
    span_kind: 'SERVER',
    service_name: 'docs-server',
    session_id: 'sess-1',
    step: 3,
    prev_span_id: 'f'.repeat(16),
    method: 'tools/call',
    target: 'search',
    request_id: '17',
    protocol_version: '2025-06-18',
    transport: 'tcp',
    server_name: 'docs',
    server_version: '1.2.3',
    client_name: 'claude',
    client_version: '0.9',
    client_address: '10.0.0.1',
    user_id: 'alice',
    agent_id: 'agent-7',
    oauth_client_id: 'client-1',
    tenant: 'acme',
    scopes: ['docs:read', 'docs:write'],
    token_audience: 'https://docs.example',
    audience_match: 'match',
    outcome: 'denied',
    authz_outcome: 'denied',
    denial_source: 'explicit',
    error_type: '-32602',
    error_code: -32602,
    caller_fault: 1,
    side_effect: 'write',
    approval: 'approved',
    approved_by: 'bob',
    input: '{"q":"[REDACTED]"}',
    output: '{"isError":true}',
    input_bytes: 120,
    output_bytes: 64,
    untrusted: 1,
    injection_suspected: 1,
    flag_rules: ['ignore-previous'],
    denial_count: 1,
    provenance_count: 2,
    redaction_count: 1,
    ...overrides,
  }
}

function sampleEvent(overrides: Partial<McpEventRow> = {}): McpEventRow {
  return {
    project_id: 'proj_data',
    timestamp: ns(1_100, 7),
    kind: 'provenance',
    lookup_key: 'drive://doc/42',
    trace_id: TRACE,
    span_id: 'b'.repeat(16),
    session_id: 'sess-1',
    method: 'tools/call',
    target: 'search',
    user_id: 'alice',
    agent_id: 'agent-7',
    tenant: 'acme',
    resource: 'doc:42',
    action: 'read',
    reason: 'scope missing',
    policy: 'rbac',
    inferred: 1,
    source: 'drive',
    uri: 'drive://doc/42',
    filter: 'owner=alice',
    source_tenant: 'acme',
    as_of: ns(-5_000, 1),
    excluded_count: 3,
    approved_by: 'bob',
    approval_id: 'appr-1',
    shown_parameters: '{"to":"x"}',
    granted: ['doc:1'],
    denied: ['doc:2'],
    redacted_fields: ['ssn'],
    attributes: { 'tollgate.extra': 'y' },
    ...overrides,
  }
}

function sampleToolVersion(overrides: Partial<ToolVersionRow> = {}): ToolVersionRow {
  return {
    project_id: 'proj_data',
    server_name: 'docs',
    tool_name: 'search',
    description_hash: 'dh1',
    input_schema_hash: 'ih1',
    output_schema_hash: 'oh1',
    annotations_hash: 'ah1',
    description: 'Searches documents',
    input_schema: '{"type":"object"}',
    output_schema: '',
    annotations: '{"readOnlyHint":true}',
    first_seen: ns(1_000, 1),
    last_seen: ns(2_000, 2),
    seen_count: 4,
    ...overrides,
  }
}

let dir: string
let storage: Storage
let db: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-data-'))
  storage = openStorage({
    kind: 'embedded',
    dataDir: join(dir, 'data'),
    database: `tg_data_${randomBytes(4).toString('hex')}`,
  })
  db = storage.database
  await runMigrations(storage)
})

afterAll(async () => {
  await storage?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function rows<T = Record<string, unknown>>(
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  return queryRows<T>(storage, query, params)
}

/** Reads `table` back in the shape of its rows.ts type: times as nanosecond strings, 64-bit ints as numbers. */
async function readBack(table: string, columns: readonly string[], where: string): Promise<unknown[]> {
  const types = await rows<{ name: string; type: string }>(
    'SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {table:String}',
    { db, table },
  )
  const typeOf = new Map(types.map((t) => [t.name, t.type]))
  const select = columns.map((c) => {
    const type = typeOf.get(c) ?? ''
    if (type.startsWith('Array(DateTime64'))
      return `arrayMap(x -> toString(toUnixTimestamp64Nano(x)), ${c}) AS ${c}`
    if (type.includes('DateTime64')) return `toString(toUnixTimestamp64Nano(${c})) AS ${c}`
    return c
  })
  return rows(
    `SELECT ${select.join(', ')} FROM (SELECT * FROM ${db}.${table} WHERE ${where})
     SETTINGS output_format_json_quote_64bit_integers = 0`,
  )
}

describe('data tables', () => {
  it('store a full SpanRow and read it back unchanged', async () => {
    const span = sampleSpan({ span_id: '1'.repeat(16) })
    await insertRows(storage, 'spans', [span])
    expect(await readBack('spans', Object.keys(span), `span_id = '${span.span_id}'`)).toEqual([span])
  })

  it('store a full McpCallRow (payloads included) and read it back unchanged', async () => {
    const call = sampleCall({ span_id: '1'.repeat(16), session_id: 'sess-readback' })
    await insertRows(storage, 'mcp_calls', [call])
    expect(await readBack('mcp_calls', Object.keys(call), `span_id = '${call.span_id}'`)).toEqual([call])
  })

  it('store a full McpEventRow and read it back unchanged', async () => {
    const event = sampleEvent({ span_id: '1'.repeat(16) })
    await insertRows(storage, 'mcp_events', [event])
    expect(await readBack('mcp_events', Object.keys(event), `span_id = '${event.span_id}'`)).toEqual([event])
  })

  it('store a full ToolVersionRow and fold sightings of one definition', async () => {
    const tool = sampleToolVersion({ tool_name: 'readback' })
    await insertRows(storage, 'tool_versions', [tool])
    expect(await readBack('tool_versions', Object.keys(tool), "tool_name = 'readback'")).toEqual([tool])
    await insertRows(storage, 'tool_versions', [
      sampleToolVersion({ tool_name: 'readback', first_seen: ns(500), last_seen: ns(3_000), seen_count: 1 }),
    ])
    await storage.client.command({ query: `OPTIMIZE TABLE ${db}.tool_versions FINAL` })
    const folded = await readBack(
      'tool_versions',
      ['first_seen', 'last_seen', 'seen_count'],
      "tool_name = 'readback'",
    )
    expect(folded).toEqual([{ first_seen: ns(500), last_seen: ns(3_000), seen_count: 5 }])
  })

  it('fill ingested_at by default', async () => {
    const [row] = await rows<{ age: number }>(
      `SELECT dateDiff('second', ingested_at, now()) AS age FROM ${db}.spans LIMIT 1`,
    )
    expect(row!.age).toBeGreaterThanOrEqual(0)
    expect(row!.age).toBeLessThan(600)
  })
})

describe('mcp_events access paths', () => {
  it('"every call that touched X" and "every source behind call Y" are both answered', async () => {
    const call = { trace_id: 'f'.repeat(32), span_id: '2'.repeat(16) }
    await insertRows(storage, 'mcp_events', [
      sampleEvent({ ...call, lookup_key: 'crm://acct/9', uri: 'crm://acct/9' }),
      sampleEvent({ ...call, lookup_key: 'drive://doc/7', uri: 'drive://doc/7' }),
      sampleEvent({ ...call, kind: 'denial', lookup_key: 'doc:secret' }),
    ])
    const touching = await rows<{ span_id: string }>(
      `SELECT span_id FROM ${db}.mcp_events
       WHERE project_id = {p:String} AND kind = 'provenance' AND lookup_key = {k:String}`,
      { p: 'proj_data', k: 'crm://acct/9' },
    )
    expect(touching).toEqual([{ span_id: call.span_id }])
    // force_optimize_projection fails the query unless the by_call projection serves it.
    const sources = await rows<{ uri: string }>(
      `SELECT uri FROM ${db}.mcp_events
       WHERE project_id = {p:String} AND trace_id = {t:String} AND span_id = {s:String} AND kind = 'provenance'
       ORDER BY uri SETTINGS force_optimize_projection = 1`,
      { p: 'proj_data', t: call.trace_id, s: call.span_id },
    )
    expect(sources.map((r) => r.uri)).toEqual(['crm://acct/9', 'drive://doc/7'])
  })
})

describe('materialized views', () => {
  it('trace_lookup gets the time range and span count of a trace', async () => {
    const trace = '7'.repeat(32)
    await insertRows(storage, 'spans', [
      sampleSpan({ trace_id: trace, span_id: '31'.repeat(8), timestamp: ns(2_000) }),
      sampleSpan({ trace_id: trace, span_id: '32'.repeat(8), timestamp: ns(4_000, 9) }),
    ])
    await insertRows(storage, 'spans', [
      sampleSpan({ trace_id: trace, span_id: '33'.repeat(8), timestamp: ns(3_000) }),
    ])
    const lookup = await rows(
      `SELECT toString(toUnixTimestamp64Nano(min(min_time))) AS min_time,
              toString(toUnixTimestamp64Nano(max(max_time))) AS max_time, sum(span_count) AS spans
       FROM ${db}.trace_lookup WHERE project_id = {p:String} AND trace_id = {t:String}
       SETTINGS output_format_json_quote_64bit_integers = 0`,
      { p: 'proj_data', t: trace },
    )
    expect(lookup).toEqual([{ min_time: ns(2_000), max_time: ns(4_000, 9), spans: 3 }])
  })

  it('session_lookup gets time range and counts of a session; calls without a session are skipped', async () => {
    await insertRows(storage, 'mcp_calls', [
      sampleCall({ session_id: 'sess-mv', span_id: '41'.repeat(8), timestamp: ns(100), outcome: 'ok' }),
      sampleCall({ session_id: 'sess-mv', span_id: '42'.repeat(8), timestamp: ns(900), outcome: 'denied' }),
      sampleCall({ session_id: 'sess-mv', span_id: '43'.repeat(8), timestamp: ns(500), outcome: 'error' }),
      sampleCall({ session_id: '', span_id: '44'.repeat(8) }),
    ])
    const lookup = await rows(
      `SELECT session_id, toString(toUnixTimestamp64Nano(min(min_time))) AS min_time,
              toString(toUnixTimestamp64Nano(max(max_time))) AS max_time,
              sum(call_count) AS calls, sum(denied_count) AS denied, sum(error_count) AS errors
       FROM ${db}.session_lookup WHERE project_id = {p:String} AND session_id IN ('sess-mv', '')
       GROUP BY session_id SETTINGS output_format_json_quote_64bit_integers = 0`,
      { p: 'proj_data' },
    )
    expect(lookup).toEqual([
      { session_id: 'sess-mv', min_time: ns(100), max_time: ns(900), calls: 3, denied: 1, errors: 1 },
    ])
  })

  it('mcp_calls_1m rolls calls up per minute with counts, durations, quantiles and distinct ids', async () => {
    const call = {
      project_id: 'proj_rollup',
      server_name: 'crm',
      target: 'update_account',
      outcome: 'ok' as const,
    }
    await insertRows(storage, 'mcp_calls', [
      sampleCall({ ...call, span_id: '51'.repeat(8), duration_ns: 100, session_id: 's1', user_id: 'u1' }),
      sampleCall({ ...call, span_id: '52'.repeat(8), duration_ns: 300, session_id: 's2', user_id: 'u1' }),
      sampleCall({
        ...call,
        span_id: '53'.repeat(8),
        duration_ns: 200,
        session_id: '',
        user_id: '',
        caller_fault: 0,
      }),
    ])
    await insertRows(storage, 'mcp_calls', [
      sampleCall({ ...call, span_id: '54'.repeat(8), duration_ns: 400, session_id: 's1', user_id: 'u2' }),
    ])
    const rollup = await rows(
      `SELECT toUnixTimestamp(minute) * 1000 AS minute, sum(calls) AS calls, sum(caller_faults) AS caller_faults,
              sum(untrusted_calls) AS untrusted, sum(duration_sum_ns) AS duration_sum, max(duration_max_ns) AS duration_max,
              quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(duration_quantiles)[4] AS p99,
              uniqMerge(sessions) AS sessions, uniqMerge(users) AS users
       FROM ${db}.mcp_calls_1m WHERE project_id = 'proj_rollup'
       GROUP BY minute, server_name, method, target, outcome, side_effect
       SETTINGS output_format_json_quote_64bit_integers = 0`,
    )
    expect(rollup).toEqual([
      {
        minute: MINUTE_MS,
        calls: 4,
        caller_faults: 3,
        untrusted: 4,
        duration_sum: 1_000,
        duration_max: 400,
        p99: 400,
        sessions: 2,
        users: 2,
      },
    ])
  })
})

describe('insert_deduplication_token', () => {
  it('drops a retried insert into spans, mcp_calls and mcp_events, and their view targets stay single', async () => {
    const batch = {
      spans: [sampleSpan({ project_id: 'proj_dedup', trace_id: '9'.repeat(32) })],
      mcp_calls: [sampleCall({ project_id: 'proj_dedup', session_id: 'sess-dedup' })],
      mcp_events: [sampleEvent({ project_id: 'proj_dedup' })],
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const [table, data] of Object.entries(batch))
        await insertRows(storage, table, data, `req-1-${table}`)
    }
    const counts = await rows(
      `SELECT
         (SELECT count() FROM ${db}.spans WHERE project_id = 'proj_dedup') AS spans,
         (SELECT count() FROM ${db}.mcp_calls WHERE project_id = 'proj_dedup') AS calls,
         (SELECT count() FROM ${db}.mcp_events WHERE project_id = 'proj_dedup') AS events,
         (SELECT sum(span_count) FROM ${db}.trace_lookup WHERE project_id = 'proj_dedup') AS trace_spans,
         (SELECT sum(call_count) FROM ${db}.session_lookup WHERE project_id = 'proj_dedup') AS session_calls,
         (SELECT sum(calls) FROM ${db}.mcp_calls_1m WHERE project_id = 'proj_dedup') AS rollup_calls
       SETTINGS output_format_json_quote_64bit_integers = 0`,
    )
    expect(counts).toEqual([
      { spans: 1, calls: 1, events: 1, trace_spans: 1, session_calls: 1, rollup_calls: 1 },
    ])
  })

  it('keeps a different request with identical rows', async () => {
    const call = sampleCall({ project_id: 'proj_dedup2' })
    await insertRows(storage, 'mcp_calls', [call], 'req-a')
    await insertRows(storage, 'mcp_calls', [call], 'req-b')
    const [row] = await rows<{ n: string; rollup: string }>(
      `SELECT (SELECT count() FROM ${db}.mcp_calls WHERE project_id = 'proj_dedup2') AS n,
              (SELECT sum(calls) FROM ${db}.mcp_calls_1m WHERE project_id = 'proj_dedup2') AS rollup`,
    )
    expect([Number(row!.n), Number(row!.rollup)]).toEqual([2, 2])
  })
})

describe('insertRows', () => {
  it('stores rows whose keys come in another order or are missing, by column name', async () => {
    const { span_id: _, trace_state: __, ...rest } = sampleSpan({ project_id: 'proj_shapes' })
    const reordered = { trace_state: 'second', span_id: '2'.repeat(16), ...rest }
    const missing = { ...rest, span_id: '3'.repeat(16) }
    await insertRows(storage, 'spans', [sampleSpan({ project_id: 'proj_shapes' }), reordered, missing])
    const stored = await rows<{ span_id: string; trace_state: string }>(
      `SELECT span_id, trace_state FROM ${db}.spans WHERE project_id = 'proj_shapes' ORDER BY span_id`,
    )
    expect(stored).toEqual([
      { span_id: '2'.repeat(16), trace_state: 'second' },
      { span_id: '3'.repeat(16), trace_state: '' },
      { span_id: 'b'.repeat(16), trace_state: 'vendor=x' },
    ])
  })

  it('reports a value the engine refuses as a data rejection and writes nothing of the insert', async () => {
    const good = sampleSpan({ project_id: 'proj_refused' })
    const bad = sampleSpan({ project_id: 'proj_refused', timestamp: 'not a time' })
    const err = await insertRows(storage, 'spans', [good, bad]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(isDataRejection(err), String(err)).toBe(true)
    const [row] = await rows<{ n: string }>(
      `SELECT count() AS n FROM ${db}.spans WHERE project_id = 'proj_refused'`,
    )
    expect(Number(row!.n)).toBe(0)
  })

  it('does not take other failures for data rejections', async () => {
    const err = await insertRows(storage, 'no_such_table', [{ a: 1 }]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(isDataRejection(err)).toBe(false)
    expect(isDataRejection(new Error('ECONNRESET'))).toBe(false)
  })
})

describe('retention', () => {
  it('expires payload columns before the row, and whole expired day partitions', async () => {
    const tenDaysAgo = (BigInt(MINUTE_MS - 10 * DAY_MS) * 1_000_000n).toString()
    const fortyDaysAgo = (BigInt(MINUTE_MS - 40 * DAY_MS) * 1_000_000n).toString()
    await insertRows(storage, 'mcp_calls', [sampleCall({ project_id: 'proj_ttl', timestamp: tenDaysAgo })])
    await insertRows(storage, 'mcp_calls', [sampleCall({ project_id: 'proj_ttl', timestamp: fortyDaysAgo })])
    await storage.client.command({ query: `OPTIMIZE TABLE ${db}.mcp_calls FINAL` })
    const left = await rows(
      `SELECT input, output, input_bytes, target FROM ${db}.mcp_calls WHERE project_id = 'proj_ttl'`,
    )
    expect(left).toEqual([{ input: '', output: '', input_bytes: 120, target: 'search' }])
  })
})
