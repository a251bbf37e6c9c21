import { describe, expect, it } from 'vitest'
import { safeNextPath } from './next-path'

describe('safeNextPath', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeNextPath('/default/sessions?range=7d')).toBe('/default/sessions?range=7d')
  })

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash URL', '/\\evil.example'],
    ['a relative path', 'default/overview'],
    ['a control character', '/x\n/y'],
    ['no value', undefined],
    ['a long value', `/${'a'.repeat(3000)}`],
  ])('sends %s to /', (_, value) => {
    expect(safeNextPath(value)).toBe('/')
  })
})
