import { insertRows, type Storage } from '@tollgate/collector'
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from '../../../api/src/auth/api-token'
import { AuthRepository } from '../../../api/src/auth/auth.repository'

/** The seeded project, the one the bench's viewer may read. */
export const PROJECT_ID = 'p_bench'

const DAY_MS = 86_400_000
const BATCH_ROWS = 20_000
const SERVERS = ['crm', 'files', 'search', 'tickets'] as const
const TOOLS = [
  'search',
  'get_record',
  'update_record',
  'list_files',
  'read_file',
  'create_ticket',
  'send_mail',
]

/** Deterministic PRNG (mulberry32): every run seeds the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function hex(next: () => number, chars: number): string {
  let text = ''
  while (text.length < chars)
    text += Math.floor(next() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0')
  return text.slice(0, chars)
}

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)] as T
}

/** One `mcp_calls` row at `timeMs`: mostly server-side tool calls, a few errors and denials, log-normal latency. */
function callRow(next: () => number, timeMs: number) {
  const roll = next()
  const outcome = roll < 0.92 ? 'ok' : roll < 0.97 ? 'error' : 'denied'
  const callerFault = outcome === 'error' && next() < 0.3 ? 1 : 0
  const methodRoll = next()
  const method =
    methodRoll < 0.7
      ? 'tools/call'
      : methodRoll < 0.85
        ? 'resources/read'
        : methodRoll < 0.95
          ? 'tools/list'
          : 'prompts/get'
  // Box–Muller: ln(duration) ~ N(ln 20 ms, 1).
  const gaussian = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  const durationNs = Math.round(Math.exp(Math.log(20) + gaussian) * 1_000_000)
  const session = Math.floor(next() * 2_000)
  return {
    project_id: next() < 0.9 ? PROJECT_ID : 'p_other',
    timestamp: `${BigInt(Math.floor(timeMs)) * 1_000_000n + BigInt(Math.floor(next() * 1_000_000))}`,
    duration_ns: durationNs,
    trace_id: hex(next, 32),
    span_id: hex(next, 16),
    span_kind: next() < 0.85 ? 'SERVER' : 'CLIENT',
    service_name: 'mcp-bench',
    session_id: `sess-${session}`,
    step: 1 + Math.floor(next() * 40),
    method,
    target:
      method === 'tools/call' ? pick(next, TOOLS) : method === 'resources/read' ? 'file:///notes.md' : '',
    server_name: pick(next, SERVERS),
    user_id: `user-${session % 300}`,
    outcome,
    error_type: outcome === 'error' ? (callerFault ? '-32602' : 'tool_error') : '',
    error_code: outcome === 'error' && callerFault ? -32602 : 0,
    caller_fault: callerFault,
    input_bytes: 50 + Math.floor(next() * 2_000),
    output_bytes: 100 + Math.floor(next() * 20_000),
  }
}

/**
 * Inserts `rows` `mcp_calls` rows spread at random over `[dayStartMs, dayStartMs + 1 day)`
 * (90% in {@link PROJECT_ID}, 85% server side), in batches, then merges the parts so the
 * engine's background merges do not run during the measurement.
 */
export async function seedCalls(storage: Storage, rows: number, dayStartMs: number): Promise<void> {
  const next = random(4)
  for (let done = 0; done < rows; done += BATCH_ROWS) {
    const batch = []
    for (let i = done; i < Math.min(rows, done + BATCH_ROWS); i++)
      batch.push(callRow(next, dayStartMs + next() * DAY_MS))
    await insertRows(storage, 'mcp_calls', batch)
  }
  await storage.client.command({ query: `OPTIMIZE TABLE ${storage.database}.mcp_calls FINAL` })
}

/** A user who is a viewer of {@link PROJECT_ID}, with an API token; returns the token. */
export async function seedViewer(storage: Storage): Promise<string> {
  const auth = new AuthRepository(storage)
  const token = generateApiToken()
  await auth.saveUser({ id: 'u_bench', username: 'bench', passwordHash: 'unused' })
  await auth.saveApiToken({
    id: 't_bench',
    userId: 'u_bench',
    name: 'bench',
    prefix: apiTokenDisplayPrefix(token),
    tokenHash: hashApiToken(token),
  })
  await auth.saveMember({ projectId: PROJECT_ID, userId: 'u_bench', role: 'viewer' })
  return token
}
