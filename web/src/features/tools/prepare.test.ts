import { describe, expect, it } from 'vitest'
import type { ToolDefinitionHistoryQuery, ToolFiguresQuery } from '../../graphql/generated'
import { misuseSignals, prepareHistory, prepareToolFigures, readableJson } from './prepare'

const figures = (calls: number, previousCalls: number): ToolFiguresQuery => ({
  current: {
    calls,
    errors: calls > 0 ? 2 : 0,
    denials: calls > 0 ? 10 : 0,
    errorRate: calls > 0 ? 2 / calls : 0,
    denialRate: calls > 0 ? 10 / calls : 0,
    p50Ms: calls > 0 ? 8 : null,
    p95Ms: calls > 0 ? 42 : null,
    bucketSeconds: 3600,
    series:
      calls > 0
        ? [
            { start: '2026-11-21T10:00:00.000Z', calls, errors: 2, denials: 10, p95Ms: 42 },
            { start: '2026-11-21T11:00:00.000Z', calls: 0, errors: 0, denials: 0, p95Ms: null },
          ]
        : [],
  },
  previous: { calls: previousCalls, errorRate: 0.5, denialRate: 0, p95Ms: previousCalls > 0 ? 21 : null },
})

describe('prepareToolFigures', () => {
  it('makes the tiles against the previous period and the series', () => {
    const view = prepareToolFigures(figures(100, 50))
    expect(view.empty).toBe(false)
    expect(view.kpis.map((k) => [k.label, k.value, k.current, k.previous])).toEqual([
      ['Calls', '100', 100, 50],
      ['Error rate', '2.0%', 0.02, 0.5],
      ['Denial rate', '10%', 0.1, 0],
      ['p95 latency', '42 ms', 42, 21],
    ])
    expect(view.volume[0]).toEqual({
      t: Date.parse('2026-11-21T10:00:00Z'),
      calls: 100,
      errors: 2,
      denials: 10,
    })
    expect(view.rates[0]).toEqual({ t: Date.parse('2026-11-21T10:00:00Z'), denialRate: 0.1, errorRate: 0.02 })
  })

  it('draws a bucket without calls as a gap in the rates, and gives no rate without calls', () => {
    const view = prepareToolFigures(figures(100, 0))
    expect(view.rates[1]).toMatchObject({ denialRate: null, errorRate: null })
    expect(view.volume[1]).toMatchObject({ calls: 0 })
    expect(view.kpis[1]?.previous).toBeNull()
    const none = prepareToolFigures(figures(0, 0))
    expect(none.empty).toBe(true)
    expect(none.kpis.map((k) => k.value)).toEqual(['0', '—', '—', '—'])
  })
})

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
