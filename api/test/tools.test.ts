import 'reflect-metadata'
import { insertRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0)
let token: string

let sequence = 0
/** One server-side tools/call row of project p1, 10 ms long, at a distinct time in the range. */
function toolCall(server: string, tool: string, extra: Record<string, unknown> = {}) {
  sequence += 1
  return {
    project_id: 'p1',
    timestamp: ns(T0 + sequence * 1000),
    duration_ns: '10000000',
    span_kind: 'SERVER',
    method: 'tools/call',
    server_name: server,
    target: tool,
    session_id: 's1',
    outcome: 'ok',
    caller_fault: 0,
    error_code: 0,
    side_effect: 'read',
    approval: '',
    injection_suspected: 0,
    input: `{"n":${sequence}}`,
    ...extra,
  }
}

const fx = graphqlFixture('tools', async (storage) => {
  token = await userWithToken(storage, 'ivy', { p1: 'viewer' })
  // crm lists search and delete_account; web never listed its tools.
  await insertRows(
    storage,
    'tool_versions',
    ['search', 'delete_account'].map((tool) => ({
      project_id: 'p1',
      server_name: 'crm',
      tool_name: tool,
      description_hash: 'h',
      input_schema_hash: 'h',
      output_schema_hash: '',
      annotations_hash: '',
    })),
  )
  const sameArgs = { input: '{"q":"a"}' }
  await insertRows(storage, 'mcp_calls', [
    // search: the same arguments three times in one session (2 repeats), one invalid call.
    toolCall('crm', 'search', sameArgs),
    toolCall('crm', 'search', sameArgs),
    toolCall('crm', 'search', sameArgs),
    toolCall('crm', 'search', {
      outcome: 'error',
      error_code: -32602,
      caller_fault: 1,
      error_type: '-32602',
    }),
    // delete_account: writes, one approved, one with no approval, one denied without approval.
    toolCall('crm', 'delete_account', { side_effect: 'write', approval: 'approved' }),
    toolCall('crm', 'delete_account', { side_effect: 'write', approval: 'none' }),
    toolCall('crm', 'delete_account', { side_effect: 'write', outcome: 'denied' }),
    // hack: crm never listed it, and refused it as invalid params.
    toolCall('crm', 'hack', { outcome: 'error', error_code: -32602, caller_fault: 1 }),
    toolCall('crm', 'hack', { outcome: 'error', error_code: -32602, caller_fault: 1 }),
    // web: no tool list to judge unknown tools by; one injection-suspected output, one server error.
    toolCall('web', 'fetch', { injection_suspected: 1 }),
    toolCall('web', 'fetch', { outcome: 'error' }),
    // Not tools/call, or not server side: ignored.
    toolCall('crm', '', { method: 'tools/list' }),
    toolCall('crm', 'search', { span_kind: 'CLIENT', injection_suspected: 1 }),
  ])
})

const TOOLS = `query($projectId: ID!, $from: DateTime!, $to: DateTime!, $first: Int, $after: String) {
  tools(projectId: $projectId, from: $from, to: $to, first: $first, after: $after) {
    items {
      serverName tool calls errors denials p95Ms sideEffect misuseScore
      misuse { invalidArguments unknownTool denied writesWithoutApproval retryLoops injectionSuspected }
    }
    nextCursor
  }
}`
const RANGE = {
  projectId: 'p1',
  from: new Date(T0).toISOString(),
  to: new Date(T0 + 3_600_000).toISOString(),
}
type Page = { items: Array<Record<string, unknown>>; nextCursor: string | null }
const tools = async (variables: Record<string, unknown>) => {
  const response = await graphqlRequest(fx.app, TOOLS, { ...RANGE, ...variables }, token)
  return { page: response.data?.tools as Page | undefined, errors: response.errors }
}

describe('tools', () => {
  it('ranks tools by misuse with every signal counted exactly', async () => {
    const { page, errors } = await tools({})
    expect(errors?.map((e) => e.message)).toBeUndefined()
    const none = {
      invalidArguments: 0,
      unknownTool: 0,
      denied: 0,
      writesWithoutApproval: 0,
      retryLoops: 0,
      injectionSuspected: 0,
    }
    expect(page?.items).toEqual([
      {
        serverName: 'crm',
        tool: 'delete_account',
        calls: 3,
        errors: 0,
        denials: 1,
        p95Ms: 10,
        sideEffect: 'write',
        misuseScore: 2 * 4 + 1 * 3,
        misuse: { ...none, denied: 1, writesWithoutApproval: 2 },
      },
      {
        serverName: 'crm',
        tool: 'hack',
        calls: 2,
        errors: 0,
        denials: 0,
        p95Ms: 10,
        sideEffect: 'read',
        misuseScore: 2 * 2 + 2 * 1,
        misuse: { ...none, invalidArguments: 2, unknownTool: 2 },
      },
      {
        serverName: 'web',
        tool: 'fetch',
        calls: 2,
        errors: 1,
        denials: 0,
        p95Ms: 10,
        sideEffect: 'read',
        misuseScore: 5,
        misuse: { ...none, injectionSuspected: 1 },
      },
      {
        serverName: 'crm',
        tool: 'search',
        calls: 4,
        errors: 0,
        denials: 0,
        p95Ms: 10,
        sideEffect: 'read',
        misuseScore: 1 + 2,
        misuse: { ...none, invalidArguments: 1, retryLoops: 2 },
      },
    ])
    expect(page?.nextCursor).toBeNull()
  })

  it('pages with an opaque cursor and no overlap', async () => {
    const first = await tools({ first: 2 })
    expect(first.page?.items.map((t) => t.tool)).toEqual(['delete_account', 'hack'])
    expect(first.page?.nextCursor).toEqual(expect.any(String))
    const second = await tools({ first: 2, after: first.page?.nextCursor })
    expect(second.page?.items.map((t) => t.tool)).toEqual(['fetch', 'search'])
    expect(second.page?.nextCursor).toBeNull()
  })

  it('refuses page sizes over the cap and cursors it did not issue', async () => {
    expect((await tools({ first: 1000 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect((await tools({ first: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const forged = Buffer.from('o:1; DROP TABLE mcp_calls').toString('base64url')
    expect((await tools({ after: forged })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('an internal failure', () => {
  it('reaches the client as a bare "Internal error", without the storage’s message', async () => {
    await fx.storage.client.command({ query: `DROP TABLE ${fx.storage.database}.tool_versions` })
    const { page, errors } = await tools({})
    expect(page).toBeUndefined()
    expect(errors).toEqual([
      expect.objectContaining({ message: 'Internal error', extensions: { code: 'INTERNAL' } }),
    ])
    expect(JSON.stringify(errors)).not.toMatch(/tool_versions|UNKNOWN_TABLE|SELECT/)
  })
})
