import { describe, expect, it } from 'vitest'
import { MAX_URI_LENGTH, parseProvenanceQuery } from './provenance-url'

const TRACE = '0af7651916cd43dd8448eb211c80319c'
const SPAN = 'b7ad6b7169203331'

describe('parseProvenanceQuery', () => {
  it('asks nothing, without a problem, when the URL names no URI or call', () => {
    expect(parseProvenanceQuery({})).toEqual({ kind: 'none', problem: null })
    expect(parseProvenanceQuery({ uri: '   ' })).toEqual({ kind: 'none', problem: null })
  })

  it('searches a trimmed URI, with the page cursor when it looks like one', () => {
    expect(parseProvenanceQuery(new URLSearchParams('uri=+crm://accounts/42+&after=eyJvIjo1MH0'))).toEqual({
      kind: 'uri',
      uri: 'crm://accounts/42',
      after: 'eyJvIjo1MH0',
    })
    expect(parseProvenanceQuery({ uri: 'crm', after: 'not a cursor!' })).toEqual({
      kind: 'uri',
      uri: 'crm',
      after: null,
    })
  })

  it('refuses an overlong URI with the reason', () => {
    const query = parseProvenanceQuery({ uri: 'x'.repeat(MAX_URI_LENGTH + 1) })
    expect(query.kind).toBe('none')
    expect(query.kind === 'none' && query.problem).toMatch(/at most 2048/)
    expect(parseProvenanceQuery({ uri: 'x'.repeat(MAX_URI_LENGTH) }).kind).toBe('uri')
  })

  it('opens one call’s sources from trace and span ids (which win over a URI)', () => {
    expect(parseProvenanceQuery({ trace: TRACE.toUpperCase(), span: SPAN, uri: 'crm' })).toEqual({
      kind: 'call',
      traceId: TRACE,
      spanId: SPAN,
    })
  })

  it('says why when the ids are not ids', () => {
    for (const params of [{ trace: TRACE }, { trace: TRACE, span: 'xyz' }, { trace: 'abc', span: SPAN }]) {
      const query = parseProvenanceQuery(params)
      expect(query.kind).toBe('none')
      expect(query.kind === 'none' && query.problem).toMatch(/32-digit trace id/)
    }
  })
})
