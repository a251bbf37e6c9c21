import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCollector, type TestCollector } from '../support/in-process'
import { REPO_ROOT } from '../support/spawn-server'

describe.each(['crm-stdio-server.mjs', 'crm-stdio-server.cjs'])(
  'node --import @tollgate/sdk/register %s',
  (fixture) => {
    let collector: TestCollector
    let client: Client
    let stderr = ''

    beforeAll(async () => {
      collector = await startTestCollector()
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', '@tollgate/sdk/register', join(REPO_ROOT, 'test/fixtures', fixture)],
        // `--import` resolves from the working directory: the test package depends on the SDK.
        cwd: join(REPO_ROOT, 'test'),
        env: {
          PATH: process.env.PATH ?? '',
          TOLLGATE_ENDPOINT: collector.url.replace(/\/v1\/traces$/, ''),
          TOLLGATE_API_KEY: collector.ingestKey,
          OTEL_SERVICE_NAME: 'crm-prod',
        },
        stderr: 'pipe',
      })
      transport.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
      })
      client = new Client({ name: 'e2e-agent', version: '1.0.0' })
      // A stray byte on the server's stdout would break the JSON-RPC stream and fail here.
      await client.connect(transport)
    })

    afterAll(async () => {
      await client?.close()
      await collector?.close()
    })

    async function callsWhen<T>(sql: string, done: (rows: T[]) => boolean): Promise<T[]> {
      const deadline = Date.now() + 15_000
      for (;;) {
        const rows = await collector.rows<T>(sql, { project: collector.projectId })
        if (done(rows)) return rows
        if (Date.now() > deadline) throw new Error(`rows did not arrive; server stderr:\n${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }

    it('delivers every MCP request to Tollgate as an mcp_calls row, in order', async () => {
      await client.listTools()
      const ok = await client.callTool({
        name: 'lookup_customer',
        arguments: { email: 'a@b.co', api_key: 'sk-live-123' },
      })
      expect(ok.content).toEqual([{ type: 'text', text: 'customer a@b.co: gold tier' }])
      const refused = await client.callTool({ name: 'refund_order', arguments: { order: 'o-9' } })
      expect(refused.isError).toBe(true)

      type Row = {
        method: string
        target: string
        step: number
        service_name: string
        server_name: string
        client_name: string
        transport: string
        outcome: string
        denial_source: string
        side_effect: string
        approval: string
        input: string
        session_id: string
      }
      const rows = await callsWhen<Row>(
        `SELECT method, target, step, service_name, server_name, client_name, transport, outcome, denial_source,
              side_effect, approval, input, session_id
       FROM tollgate_test.mcp_calls WHERE project_id = {project:String} ORDER BY step`,
        (r) => r.length >= 4,
      )
      expect(rows.map((r) => [r.step, r.method, r.target])).toEqual([
        [1, 'initialize', ''],
        [2, 'tools/list', ''],
        [3, 'tools/call', 'lookup_customer'],
        [4, 'tools/call', 'refund_order'],
      ])
      for (const row of rows) {
        expect(row).toMatchObject({ service_name: 'crm-prod', server_name: 'fixture-crm', transport: 'pipe' })
        expect(row.session_id).toBe(rows[0]?.session_id)
      }
      expect(rows[2]).toMatchObject({ outcome: 'ok', side_effect: 'read', client_name: 'e2e-agent' })
      expect(JSON.parse(rows[2]?.input ?? '')).toEqual({ email: 'a@b.co', api_key: '[REDACTED:key:apikey]' })
      expect(rows[3]).toMatchObject({
        outcome: 'denied',
        denial_source: 'inferred',
        side_effect: 'write',
        approval: 'none',
      })
    })

    it('records the tool definitions it saw in tools/list', async () => {
      const rows = await callsWhen<{ tool_name: string }>(
        'SELECT tool_name FROM tollgate_test.tool_versions WHERE project_id = {project:String} ORDER BY tool_name',
        (r) => r.length >= 2,
      )
      expect(rows.map((r) => r.tool_name)).toEqual(['lookup_customer', 'refund_order'])
    })

    it('writes nothing to stderr when all goes well', () => {
      expect(stderr).toBe('')
    })
  },
)
