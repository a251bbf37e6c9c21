import { describe, expect, it } from 'vitest'
import { accepted, event, START, span } from './test-fixtures'
import { toMcpCallRow } from './to-mcp-call-row'
import { toMcpEventRows } from './to-mcp-event-rows'

describe('toMcpEventRows', () => {
  it('keeps an unparseable as_of in attributes and leaves the column at the epoch', () => {
    const s = span(
      { 'mcp.method.name': 'tools/call' },
      {
        events: [
          event('tollgate.provenance', {
            'tollgate.provenance.source': 'crm',
            'tollgate.provenance.as_of': 'last week',
          }),
        ],
      },
    )
    const a = accepted(s)
    const [row] = toMcpEventRows('p', a, toMcpCallRow('p', a))
    expect(row).toMatchObject({
      kind: 'provenance',
      lookup_key: 'crm',
      as_of: '0000000000000000000',
      attributes: { 'tollgate.provenance.as_of': 'last week' },
    })
  })

  it('falls back to the call target as the lookup key of a denial without a resource', () => {
    const s = span(
      { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'delete_repo' },
      {
        events: [
          event('tollgate.denial', { 'tollgate.denial.action': 'call', 'tollgate.denial.inferred': true }),
        ],
      },
    )
    const a = accepted(s)
    expect(toMcpEventRows('p', a, toMcpCallRow('p', a))[0]).toMatchObject({
      kind: 'denial',
      lookup_key: 'delete_repo',
      target: 'delete_repo',
      action: 'call',
      inferred: 1,
    })
  })

  it('reads the context from the span itself when it is not a call', () => {
    const s = span(
      { 'tollgate.session.id': 'conn-3', 'tollgate.user.id': 'dave', 'tollgate.tenant': 't1' },
      { events: [event('tollgate.redaction', { 'tollgate.redaction.field': 'headers.cookie' })] },
    )
    expect(toMcpEventRows('p', accepted(s), null)).toMatchObject([
      {
        kind: 'redaction',
        session_id: 'conn-3',
        user_id: 'dave',
        tenant: 't1',
        method: '',
        target: '',
        lookup_key: 'headers.cookie',
        redacted_fields: ['headers.cookie'],
      },
    ])
  })

  it('ignores other events, and uses the span start when an event has no time', () => {
    const timeless = {
      ...event('tollgate.untrusted', { 'tollgate.untrusted.source': 'web' }),
      timeUnixNano: 0n,
    }
    const s = span({ 'mcp.method.name': 'tools/call' }, { events: [event('exception', { a: 1 }), timeless] })
    const a = accepted(s)
    const rows = toMcpEventRows('p', a, toMcpCallRow('p', a))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'untrusted', timestamp: String(START), source: 'web' })
  })

  it('treats a single string where a string[] is expected as a one-element list', () => {
    const s = span({}, { events: [event('tollgate.partial', { 'tollgate.partial.denied': 'ssn' })] })
    expect(toMcpEventRows('p', accepted(s), null)[0]?.denied).toEqual(['ssn'])
  })
})
