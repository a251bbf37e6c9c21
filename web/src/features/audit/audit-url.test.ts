import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, auditHref, exportHref, MAX_ACTOR_LENGTH, parseAuditState } from './audit-url'

describe('parseAuditState', () => {
  it('reads action, actor and cursor; blanks mean "any"', () => {
    expect(
      parseAuditState(new URLSearchParams('action=payload.read&actor=+admin+&after=eyJvIjo1MH0')),
    ).toEqual({
      action: 'payload.read',
      actor: 'admin',
      after: 'eyJvIjo1MH0',
    })
    expect(parseAuditState({ action: '', actor: '' })).toEqual({ action: null, actor: null, after: null })
  })

  it('drops malformed values instead of sending them', () => {
    expect(
      parseAuditState({ action: 'DROP TABLE', actor: 'x'.repeat(MAX_ACTOR_LENGTH + 1), after: 'a b' }),
    ).toEqual({
      action: null,
      actor: null,
      after: null,
    })
  })

  it('passes a well-formed action it does not know, for the api to judge', () => {
    expect(parseAuditState({ action: 'report.generated' }).action).toBe('report.generated')
  })
})

describe('auditHref', () => {
  it('keeps the range and sets only the given filters', () => {
    expect(auditHref('p', { range: '7d', by: 'USER' }, { actor: 'vera', action: null, after: null })).toBe(
      '/p/audit?range=7d&actor=vera',
    )
    expect(auditHref('p', {}, { action: 'member.set', after: 'abc' })).toBe(
      '/p/audit?action=member.set&after=abc',
    )
    expect(auditHref('p', {}, {})).toBe('/p/audit')
  })
})

describe('exportHref', () => {
  it('downloads the window as fixed bounds with the filters, through the web’s export route', () => {
    const window = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' }
    expect(exportHref('my project', window, { action: 'payload.read', actor: null }, 'csv')).toBe(
      '/my%20project/audit/export?from=2026-11-20T00%3A00%3A00.000Z&to=2026-11-21T00%3A00%3A00.000Z&format=csv&action=payload.read',
    )
  })
})

describe('AUDIT_ACTIONS', () => {
  it('is the api’s list (api/src/audit/audit-log.ts), in its order', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../../api/src/audit/audit-log.ts'), 'utf8')
    const list = /export const AUDIT_ACTIONS = \[([^\]]*)\]/.exec(source)?.[1] ?? ''
    const api = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1])
    expect(api.length).toBeGreaterThan(10)
    expect([...AUDIT_ACTIONS]).toEqual(api)
  })
})
