import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCollector, type TestCollector } from '../support/in-process'
import { REPO_ROOT } from '../support/spawn-server'

// The reference servers exactly as published: both are ES modules on @modelcontextprotocol/sdk 1.x.
const FILESYSTEM = '@modelcontextprotocol/server-filesystem'
const EVERYTHING = '@modelcontextprotocol/server-everything'

interface Subject {
  client: Client
  stderr(): string
}

/** The `mcp_calls` columns `CALLS` selects. */
type CallRow = { step: number; input_bytes: number } & Record<
  CallIdentity | CallVerdict | 'input' | 'output',
  string
>
type CallIdentity = 'method' | 'target' | 'session_id' | 'server_name' | 'transport'
type CallVerdict = 'outcome' | 'denial_source' | 'error_type' | 'side_effect'

const CALLS = `SELECT step, method, target, session_id, server_name, transport, outcome, denial_source, error_type,
                      side_effect, input, output, input_bytes
               FROM tollgate_test.mcp_calls
               WHERE project_id = {project:String} AND service_name = {service:String} ORDER BY step`

let collector: TestCollector
const subjects: Subject[] = []

beforeAll(async () => {
  collector = await startTestCollector()
})

afterAll(async () => {
  for (const subject of subjects) await subject.client.close()
  await collector?.close()
})

/** The file a package's (single) `bin` entry points at, resolved from this test package. */
function binOf(pkg: string): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve(`${pkg}/package.json`)
  const { bin } = require(manifest) as { bin: Record<string, string> }
  const [entry] = Object.values(bin)
  if (entry === undefined) throw new Error(`${pkg} has no bin entry`)
  return join(dirname(manifest), entry)
}

/** Starts `node --import @tollgate/sdk/register <bin> ...args` and connects the official client to it. */
async function startSubject(pkg: string, args: string[], serviceName: string): Promise<Subject> {
  let stderr = ''
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', '@tollgate/sdk/register', binOf(pkg), ...args],
    // `--import` resolves from the working directory: the test package depends on the SDK.
    cwd: join(REPO_ROOT, 'test'),
    env: {
      PATH: process.env.PATH ?? '',
      TOLLGATE_ENDPOINT: collector.url.replace(/\/v1\/traces$/, ''),
      TOLLGATE_API_KEY: collector.ingestKey,
      OTEL_SERVICE_NAME: serviceName,
      // Any SDK warning or error (a failed patch, a refused export) then shows as `[tollgate …]`.
      OTEL_LOG_LEVEL: 'warn',
    },
    stderr: 'pipe',
  })
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const client = new Client({ name: 'e2e-agent', version: '1.0.0' })
  // A stray byte on the server's stdout would break the JSON-RPC stream and fail here.
  await client.connect(transport)
  const subject = { client, stderr: () => stderr }
  subjects.push(subject)
  return subject
}

async function rowsWhen<T>(
  subject: Subject,
  sql: string,
  params: Record<string, unknown>,
  done: (rows: T[]) => boolean,
): Promise<T[]> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const rows = await collector.rows<T>(sql, { project: collector.projectId, ...params })
    if (done(rows)) return rows
    if (Date.now() > deadline) {
      throw new Error(`rows did not arrive (${rows.length} so far); server stderr:\n${subject.stderr()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The first text block of a tool result (`callTool`'s return type also has a legacy, content-less shape). */
function textOf(result: object): string {
  const [first] = ((result as { content?: unknown }).content ?? []) as { text?: string }[]
  return first?.text ?? ''
}

describe(FILESYSTEM, () => {
  const SERVICE = 'fs-e2e'
  let base: string
  let root: string
  let fs: Subject
  let listed: string[] = []

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'tollgate-fs-'))
    root = join(base, 'root')
    mkdirSync(join(root, 'notes'), { recursive: true })
    writeFileSync(join(root, 'hello.txt'), 'hello from inside the root\n')
    writeFileSync(join(base, 'secret.txt'), 'outside the root\n')
    // A link inside the root whose target is not: the server's symlink check refuses it.
    symlinkSync(join(base, 'secret.txt'), join(root, 'escape.txt'))
    fs = await startSubject(FILESYSTEM, [root], SERVICE)
  })
  const read = (path: string) => fs.client.callTool({ name: 'read_text_file', arguments: { path } })

  afterAll(() => {
    if (base !== undefined) rmSync(base, { recursive: true, force: true })
  })

  it('records every call in step order, with out-of-root reads as inferred denials', async () => {
    const { tools } = await fs.client.listTools()
    listed = tools.map((t) => t.name).sort()
    expect(listed).toContain('read_text_file')
    expect(textOf(await fs.client.callTool({ name: 'list_allowed_directories', arguments: {} }))).toContain(
      root,
    )
    expect(textOf(await read(join(root, 'hello.txt')))).toBe('hello from inside the root\n')
    expect(textOf(await fs.client.callTool({ name: 'list_directory', arguments: { path: root } }))).toContain(
      '[FILE] hello.txt',
    )
    expect((await read(join(base, 'secret.txt'))).isError).toBe(true)
    expect((await read(join(root, 'escape.txt'))).isError).toBe(true)

    const rows = await rowsWhen<CallRow>(fs, CALLS, { service: SERVICE }, (r) => r.length >= 7)
    expect(rows.map((r) => [r.step, r.method, r.target])).toEqual([
      [1, 'initialize', ''],
      [2, 'tools/list', ''],
      [3, 'tools/call', 'list_allowed_directories'],
      [4, 'tools/call', 'read_text_file'],
      [5, 'tools/call', 'list_directory'],
      [6, 'tools/call', 'read_text_file'],
      [7, 'tools/call', 'read_text_file'],
    ])
    for (const row of rows) {
      // The name the package gives its McpServer, as the client saw it in `initialize`.
      expect(row).toMatchObject({ server_name: fs.client.getServerVersion()?.name, transport: 'pipe' })
      expect(row.server_name).toBe('secure-filesystem-server')
      expect(row.session_id).toBe(rows[0]?.session_id)
    }
    expect(rows.slice(0, 5).map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    expect(rows[3]).toMatchObject({ side_effect: 'read', error_type: '' })
    expect(JSON.parse(rows[3]?.input ?? '')).toEqual({ path: join(root, 'hello.txt') })
    expect(rows[3]?.input_bytes).toBeGreaterThan(0)
    expect(rows[3]?.output).toContain('hello from inside the root')
    // "Access denied - path outside allowed directories: …" and "Access denied - symlink target outside …"
    for (const denied of [rows[5], rows[6]]) {
      expect(denied).toMatchObject({ outcome: 'denied', denial_source: 'inferred', error_type: 'tool_error' })
    }
    expect(JSON.parse(rows[5]?.input ?? '')).toEqual({ path: join(base, 'secret.txt') })
  })

  it('records one denial event per refused read, with the server wording as reason', async () => {
    type EventRow = { target: string; inferred: number; reason: string; policy: string }
    const events = await rowsWhen<EventRow>(
      fs,
      `SELECT target, inferred, reason, policy FROM tollgate_test.mcp_events
       WHERE project_id = {project:String} AND kind = 'denial' AND target = 'read_text_file' ORDER BY timestamp`,
      {},
      (r) => r.length >= 2,
    )
    expect(events.map((e) => [e.inferred, e.policy])).toEqual([
      [1, 'pattern:access_denied'],
      [1, 'pattern:access_denied'],
    ])
    expect(events[0]?.reason).toContain('Access denied - path outside allowed directories')
    expect(events[1]?.reason).toContain('Access denied - symlink target outside allowed directories')
  })

  it('records the definition of every tool it listed', async () => {
    expect(listed.length).toBeGreaterThan(0)
    const rows = await rowsWhen<{ tool_name: string }>(
      fs,
      `SELECT DISTINCT tool_name FROM tollgate_test.tool_versions
       WHERE project_id = {project:String} AND server_name = 'secure-filesystem-server' ORDER BY tool_name`,
      {},
      (r) => r.length >= listed.length,
    )
    expect(rows.map((r) => r.tool_name)).toEqual(listed)
  })

  it('leaves stdout to JSON-RPC and writes no Tollgate diagnostics to stderr', () => {
    expect(fs.stderr()).toContain('Secure MCP Filesystem Server running on stdio')
    expect(fs.stderr()).not.toContain('[tollgate')
  })
})

describe(EVERYTHING, () => {
  const SERVICE = 'everything-e2e'
  let ev: Subject

  beforeAll(async () => {
    ev = await startSubject(EVERYTHING, ['stdio'], SERVICE)
  })

  it('records tools, resources and prompts with their targets and outcomes', async () => {
    const { client } = ev
    await client.listTools()
    expect(textOf(await client.callTool({ name: 'echo', arguments: { message: 'hi' } }))).toBe('Echo: hi')
    expect(textOf(await client.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } }))).toContain('is 5')
    const progress: number[] = []
    const long = await client.callTool(
      { name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    )
    expect(textOf(long)).toContain('completed')
    // NB: the MCP client runs notification handlers a microtask late, so when the last progress
    // and the result arrive in one read it drops that progress. The server span's events below
    // are the exact record; the client only has to have seen the first ones, in order.
    expect(progress.length).toBeGreaterThan(0)
    expect([1, 2, 3].slice(0, progress.length)).toEqual(progress)
    // Invalid arguments: the server answers with an `isError` result, not a denial.
    expect((await client.callTool({ name: 'echo', arguments: { message: 42 } })).isError).toBe(true)
    const { resources } = await client.listResources()
    const doc = resources[0]
    if (doc === undefined) throw new Error('the everything server listed no resources')
    expect((await client.readResource({ uri: doc.uri })).contents[0]?.uri).toBe(doc.uri)
    // The template handler throws for id 0: a JSON-RPC error, not an `isError` result.
    await expect(client.readResource({ uri: 'demo://resource/dynamic/text/0' })).rejects.toThrow(
      /Unknown resource/,
    )
    await client.listPrompts()
    const prompt = await client.getPrompt({ name: 'args-prompt', arguments: { city: 'Oslo' } })
    expect(prompt.messages[0]?.content).toMatchObject({ text: "What's weather in Oslo?" })

    const rows = await rowsWhen<CallRow>(ev, CALLS, { service: SERVICE }, (r) => r.length >= 11)
    expect(rows.map((r) => [r.step, r.method, r.target, r.outcome])).toEqual([
      [1, 'initialize', '', 'ok'],
      [2, 'tools/list', '', 'ok'],
      [3, 'tools/call', 'echo', 'ok'],
      [4, 'tools/call', 'get-sum', 'ok'],
      [5, 'tools/call', 'trigger-long-running-operation', 'ok'],
      [6, 'tools/call', 'echo', 'error'],
      [7, 'resources/list', '', 'ok'],
      [8, 'resources/read', doc.uri, 'ok'],
      [9, 'resources/read', 'demo://resource/dynamic/text/0', 'error'],
      [10, 'prompts/list', '', 'ok'],
      [11, 'prompts/get', 'args-prompt', 'ok'],
    ])
    for (const row of rows) {
      expect(row).toMatchObject({
        server_name: 'mcp-servers/everything',
        transport: 'pipe',
        denial_source: '',
      })
      expect(row.session_id).toBe(rows[0]?.session_id)
    }
    expect(rows[2]).toMatchObject({ side_effect: 'read', error_type: '' })
    expect(JSON.parse(rows[2]?.input ?? '')).toEqual({ message: 'hi' })
    expect(rows[5]?.error_type).toBe('tool_error')
    // The SDK maps a throwing resource handler to -32603 (internal error).
    expect(rows[8]?.error_type).toBe('-32603')
  })

  it('puts each progress notification on its call span as an event', async () => {
    type SpanRow = { event_names: string[]; event_attributes: Record<string, string>[] }
    const [span] = await rowsWhen<SpanRow>(
      ev,
      `SELECT event_names, event_attributes FROM tollgate_test.spans
       WHERE project_id = {project:String} AND service_name = {service:String}
         AND name = 'tools/call trigger-long-running-operation'`,
      { service: SERVICE },
      (r) => r.length >= 1,
    )
    const progress = (span?.event_attributes ?? []).filter(
      (_, i) => span?.event_names[i] === 'notifications/progress',
    )
    expect(progress).toEqual(
      [1, 2, 3].map((value) => ({
        'tollgate.progress.value': String(value),
        'tollgate.progress.total': '3',
      })),
    )
  })

  it('leaves stdout to JSON-RPC and writes no Tollgate diagnostics to stderr', () => {
    expect(ev.stderr()).not.toContain('[tollgate')
  })
})
