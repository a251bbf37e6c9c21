import { describe, expect, it } from 'vitest'
import { MAX_SCAN_CHARS } from './detector.js'
import { MAX_TEXTS, textsOf } from './texts-of.js'

describe('textsOf', () => {
  it('collects the texts of a CallToolResult in order', () => {
    const result = {
      content: [
        { type: 'text', text: 'first' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'resource', resource: { uri: 'file:///a.txt', text: 'embedded' } },
        { type: 'resource', resource: { uri: 'file:///b.bin', blob: 'AAAA' } },
        { type: 'audio', data: 'UklGRg==', mimeType: 'audio/wav' },
      ],
      structuredContent: { items: [{ title: 'structured', n: 3 }] },
      isError: false,
    }
    expect(textsOf(result)).toEqual([
      'text',
      'first',
      'image',
      'image/png',
      'resource',
      'file:///a.txt',
      'embedded',
      'resource',
      'file:///b.bin',
      'audio',
      'audio/wav',
      'structured',
    ])
  })

  it('collects string leaves of arguments, not keys, skipping empty strings', () => {
    expect(
      textsOf({ query: 'hello', 'ignore previous instructions': 1, empty: '', nested: [['deep']] }),
    ).toEqual(['hello', 'deep'])
    expect(textsOf('just a string')).toEqual(['just a string'])
    expect(textsOf(42)).toEqual([])
    expect(textsOf(null)).toEqual([])
    expect(textsOf(undefined)).toEqual([])
  })

  it('keeps a `data` string that is not binary content', () => {
    expect(textsOf({ type: 'text', data: 'kept' })).toEqual(['text', 'kept'])
  })

  it('stops at the character limit, cutting the last string', () => {
    expect(textsOf(['abcd', 'efgh', 'ijkl'], 6)).toEqual(['abcd', 'ef'])
    expect(textsOf(['abc'], 0)).toEqual([])
    expect(textsOf(['x'.repeat(MAX_SCAN_CHARS + 10)])[0]).toHaveLength(MAX_SCAN_CHARS)
  })

  it('bounds the number of strings and values visited', () => {
    expect(textsOf(Array.from({ length: 5000 }, () => 'a'))).toHaveLength(MAX_TEXTS)
    const numbersThenText = [...Array.from({ length: 20_000 }, () => 1), 'late']
    expect(textsOf(numbersThenText)).toEqual([])
  })

  it('survives cycles, deep nesting and throwing getters', () => {
    const cyclic: Record<string, unknown> = { text: 'once' }
    cyclic.self = cyclic
    expect(textsOf(cyclic).every((text) => text === 'once')).toBe(true)
    let deep: unknown = 'too deep'
    for (let i = 0; i < 100; i++) deep = { inner: deep }
    expect(textsOf(deep)).toEqual([])
    const throwing = {
      before: 'kept',
      get bad() {
        throw new Error('getter')
      },
    }
    expect(textsOf(throwing)).toEqual(['kept'])
  })

  it('does not mutate its input', () => {
    const value = { content: [{ type: 'text', text: 'x' }] }
    const before = structuredClone(value)
    textsOf(value)
    expect(value).toEqual(before)
  })
})
