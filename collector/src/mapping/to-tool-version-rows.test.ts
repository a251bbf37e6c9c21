import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AttributeValue } from '../otlp/types'
import { mapSpans } from './map-export'
import { accepted, event, START, span } from './test-fixtures'
import { mergeToolVersionRows, toToolVersionRows } from './to-tool-version-rows'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

function definition(
  name: string,
  description: string,
  offset = 1_000n,
  extra: Record<string, AttributeValue> = {},
) {
  const schema = '{"properties":{"q":{"type":"string"}},"type":"object"}'
  return event(
    'tollgate.tool.definition',
    {
      'tollgate.tool.definition.name': name,
      'tollgate.tool.definition.description': description,
      'tollgate.tool.definition.description_hash': sha(description),
      'tollgate.tool.definition.input_schema': schema,
      'tollgate.tool.definition.input_schema_hash': sha(schema),
      ...extra,
    },
    offset,
  )
}

function toolsList(events: ReturnType<typeof definition>[], values: Record<string, AttributeValue> = {}) {
  return accepted(
    span({ 'mcp.method.name': 'tools/list', 'tollgate.server.name': 'crm', ...values }, { events }),
  )
}

describe('toToolVersionRows', () => {
  it('makes one row per tool definition event of a tools/list span', () => {
    const annotations = '{"readOnlyHint":true}'
    const rows = toToolVersionRows(
      'p',
      toolsList([
        definition('search', 'Search accounts', 1_000n, {
          'tollgate.tool.definition.output_schema': '{"type":"object"}',
          'tollgate.tool.definition.output_schema_hash': sha('{"type":"object"}'),
          'tollgate.tool.definition.annotations': annotations,
          'tollgate.tool.definition.annotations_hash': sha(annotations),
        }),
        definition('delete', 'Delete an account', 2_000n),
      ]),
    )
    expect(rows).toEqual([
      {
        project_id: 'p',
        server_name: 'crm',
        tool_name: 'search',
        description_hash: sha('Search accounts'),
        input_schema_hash: sha('{"properties":{"q":{"type":"string"}},"type":"object"}'),
        output_schema_hash: sha('{"type":"object"}'),
        annotations_hash: sha(annotations),
        description: 'Search accounts',
        input_schema: '{"properties":{"q":{"type":"string"}},"type":"object"}',
        output_schema: '{"type":"object"}',
        annotations,
        first_seen: String(START + 1_000n),
        last_seen: String(START + 1_000n),
        seen_count: 1,
      },
      expect.objectContaining({
        tool_name: 'delete',
        description_hash: sha('Delete an account'),
        output_schema: '',
      }),
    ])
  })

  it('hashes the text when the producer sent no hash, and trusts a sent hash over a truncated text', () => {
    const e = event('tollgate.tool.definition', {
      'tollgate.tool.definition.name': 't',
      'tollgate.tool.definition.description': 'abc',
      'tollgate.tool.definition.input_schema': 'cut…[truncated]',
      'tollgate.tool.definition.input_schema_hash': 'full-text-hash',
    })
    const [row] = toToolVersionRows('p', toolsList([e]))
    expect(row).toMatchObject({ description_hash: sha('abc'), input_schema_hash: 'full-text-hash' })
  })

  it('falls back to service.name when the span has no server name, and skips nameless tools', () => {
    const s = span(
      { 'mcp.method.name': 'tools/list' },
      { events: [definition('a', 'x'), definition('', 'y')] },
    )
    const rows = toToolVersionRows('p', accepted(s, { resource: { 'service.name': 'svc' } }))
    expect(rows.map((r) => [r.server_name, r.tool_name])).toEqual([['svc', 'a']])
  })
})

describe('mergeToolVersionRows', () => {
  it('collapses repeats of one definition within a batch, keeping first/last seen and the count', () => {
    const batch = mapSpans('p', [
      toolsList([definition('a', 'x', 5_000n), definition('b', 'y', 5_000n)]),
      toolsList([definition('a', 'x', 1_000n)]),
      toolsList([definition('a', 'x', 9_000n)]),
      toolsList([definition('a', 'changed', 9_000n)]),
    ])
    expect(
      batch.tool_versions.map((r) => [r.tool_name, r.description, r.first_seen, r.last_seen, r.seen_count]),
    ).toEqual([
      ['a', 'x', String(START + 1_000n), String(START + 9_000n), 3],
      ['b', 'y', String(START + 5_000n), String(START + 5_000n), 1],
      ['a', 'changed', String(START + 9_000n), String(START + 9_000n), 1],
    ])
    expect(batch.mcp_calls).toHaveLength(4)
  })

  it('returns a single row as is', () => {
    const rows = toToolVersionRows('p', toolsList([definition('a', 'x')]))
    expect(mergeToolVersionRows(rows)).toBe(rows)
  })
})
