import { describe, expect, it } from 'vitest'
import { parseColumnType } from './column-type'

describe('parseColumnType', () => {
  it('unwraps types that keep the binary layout of their argument', () => {
    expect(parseColumnType('LowCardinality(String)')).toEqual({ kind: 'scalar', name: 'String' })
    expect(parseColumnType('SimpleAggregateFunction(sum, UInt64)')).toEqual({
      kind: 'scalar',
      name: 'UInt64',
    })
  })

  it('parses nested containers', () => {
    expect(parseColumnType('Array(Map(LowCardinality(String), String))')).toEqual({
      kind: 'array',
      element: {
        kind: 'map',
        key: { kind: 'scalar', name: 'String' },
        value: { kind: 'scalar', name: 'String' },
      },
    })
    expect(parseColumnType('Nullable(Int32)')).toEqual({
      kind: 'nullable',
      inner: { kind: 'scalar', name: 'Int32' },
    })
  })

  it('keeps the scale of DateTime64, with or without a time zone', () => {
    expect(parseColumnType('DateTime64(9)')).toEqual({ kind: 'scalar', name: 'DateTime64', scale: 9 })
    expect(parseColumnType("DateTime64(3, 'UTC')")).toEqual({ kind: 'scalar', name: 'DateTime64', scale: 3 })
  })

  it('has no tree for types without a writer', () => {
    for (const type of [
      'FixedString(16)',
      'Date',
      'UUID',
      'AggregateFunction(sum, UInt64)',
      'Array(UUID)',
      'Map(String)',
    ])
      expect(parseColumnType(type), type).toBeUndefined()
  })
})
