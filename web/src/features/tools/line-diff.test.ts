import { describe, expect, it } from 'vitest'
import { diffLines, foldUnchanged } from './line-diff'

const compact = (diff: ReturnType<typeof diffLines>) =>
  diff.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`)

describe('diffLines', () => {
  it('keeps common lines and marks the changed one as removed then added', () => {
    expect(compact(diffLines('a\nb\nc', 'a\nB\nc'))).toEqual([' a', '-b', '+B', ' c'])
  })

  it('finds insertions and deletions in the middle (longest common subsequence)', () => {
    expect(compact(diffLines('a\nb\nc\nd', 'a\nc\nx\nd'))).toEqual([' a', '-b', ' c', '+x', ' d'])
    expect(compact(diffLines('x\na\nb', 'a\nb\ny'))).toEqual(['-x', ' a', ' b', '+y'])
  })

  it('handles empty sides and identical texts', () => {
    expect(diffLines('', '')).toEqual([])
    expect(compact(diffLines('', 'new'))).toEqual(['+new'])
    expect(compact(diffLines('old\nline', ''))).toEqual(['-old', '-line'])
    expect(compact(diffLines('same\ntext', 'same\ntext'))).toEqual([' same', ' text'])
  })

  it('treats CRLF and LF line ends alike', () => {
    expect(compact(diffLines('a\r\nb', 'a\nb'))).toEqual([' a', ' b'])
  })

  it('stays quick on a long text with one change', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`)
    const changed = [...lines]
    changed[2500] = 'changed'
    const started = performance.now()
    const diff = diffLines(lines.join('\n'), changed.join('\n'))
    expect(performance.now() - started).toBeLessThan(500)
    expect(diff.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'line 2500' },
      { kind: 'added', text: 'changed' },
    ])
    expect(diff).toHaveLength(5001)
  })
})

describe('foldUnchanged', () => {
  it('folds unchanged runs beyond the context lines around each change', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n')
    const after = before.replace('5', 'five')
    expect(foldUnchanged(diffLines(before, after), 1)).toEqual([
      { kind: 'elided', count: 3 },
      { kind: 'same', text: '4' },
      { kind: 'removed', text: '5' },
      { kind: 'added', text: 'five' },
      { kind: 'same', text: '6' },
      { kind: 'elided', count: 4 },
    ])
  })

  it('folds nothing in a short diff', () => {
    expect(foldUnchanged(diffLines('a\nb', 'a\nc'))).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'c' },
    ])
  })
})
