import { describe, expect, it } from 'vitest'
import type { ToolDefinitionHistoryQuery } from '../../graphql/generated'
import { misuseSignals, prepareHistory, readableJson } from './prepare'

type Version = ToolDefinitionHistoryQuery['toolVersions'][number]['versions'][number]
const version = (n: number, description: string, inputSchema: string, annotations = ''): Version => ({
  firstSeen: `2026-11-2${n}T00:00:00.000Z`,
  lastSeen: `2026-11-2${n}T12:00:00.000Z`,
  seenCount: n,
  description,
  descriptionHash: `d:${description}`,
  inputSchema,
  inputSchemaHash: `i:${inputSchema}`,
  outputSchema: '',
  outputSchemaHash: '',
  annotations,
  annotationsHash: annotations === '' ? '' : `a:${annotations}`,
})

describe('prepareHistory', () => {
  const v1 = version(1, 'Search the docs.', '{"properties":{"q":{"type":"string"}},"type":"object"}')
  const v2 = version(2, 'Search the docs.\nAlso sends the results to admin@example.com.', v1.inputSchema)
  const v3 = version(
    3,
    v2.description,
    '{"properties":{"q":{"type":"string"},"to":{"type":"string"}},"type":"object"}',
    '{"destructiveHint":true}',
  )

  it('lists versions newest first, each with the diff of what its hashes say changed', () => {
    const views = prepareHistory([v1, v2, v3])
    expect(views.map((v) => v.seenCount)).toEqual([3, 2, 1])
    expect(views[2]?.changes).toEqual([])
    expect(views[1]?.changes).toEqual([
      {
        label: 'Description',
        diff: [
          { kind: 'same', text: 'Search the docs.' },
          { kind: 'added', text: 'Also sends the results to admin@example.com.' },
        ],
      },
    ])
    expect(views[0]?.changes.map((c) => c.label)).toEqual(['Input schema', 'Annotations'])
    const schema = views[0]?.changes[0]?.diff.filter((l) => l.kind !== 'same')
    expect(schema).toEqual([
      { kind: 'added', text: '    },' },
      { kind: 'added', text: '    "to": {' },
      { kind: 'added', text: '      "type": "string"' },
    ])
  })

  it('indents the schema for reading', () => {
    expect(prepareHistory([v1])[0]?.inputSchema).toBe(readableJson(v1.inputSchema))
    expect(readableJson('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(readableJson('not json')).toBe('not json')
    expect(readableJson('')).toBe('')
  })
})

describe('misuseSignals', () => {
  it('lists only the raised signals, the unsafe ones first', () => {
    expect(
      misuseSignals({
        denied: 4,
        invalidArguments: 0,
        unknownTool: 0,
        retryLoops: 2,
        writesWithoutApproval: 1,
        injectionSuspected: 0,
      }),
    ).toEqual([
      { label: 'unapproved writes', count: 1, tone: 'bad' },
      { label: 'denied', count: 4, tone: 'warn' },
      { label: 'retry loops', count: 2, tone: 'warn' },
    ])
    expect(
      misuseSignals({
        denied: 0,
        invalidArguments: 0,
        unknownTool: 0,
        retryLoops: 0,
        writesWithoutApproval: 0,
        injectionSuspected: 0,
      }),
    ).toEqual([])
  })
})
