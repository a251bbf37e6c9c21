import { describe, expect, it } from 'vitest'
import {
  checkAlertRule,
  checkDestinations,
  checkParams,
  draftOf,
  inputOf,
  KIND_PARAMS,
  paramHint,
} from './alert-rule-form'
import type { ListedAlertRule } from './alert-rules'

function form(values: Record<string, string>, destinations: [string, string][] = []): FormData {
  const data = new FormData()
  for (const [k, v] of Object.entries(values)) data.set(k, v)
  for (const [kind, url] of destinations) {
    data.append('destinationKind', kind)
    data.append('destinationUrl', url)
  }
  return data
}

const HOOK = 'https://hooks.example.com/tollgate'

const spike: ListedAlertRule = {
  id: 'rule_1',
  name: 'Payments spike',
  kind: 'DENIAL_SPIKE',
  enabled: true,
  createdBy: 'admin',
  updatedAt: '2025-01-01T00:00:00.000Z',
  params: {
    windowMinutes: 5,
    baselineWindows: 12,
    factor: 3,
    minCount: 10,
    minCalls: null,
    threshold: null,
    minScore: null,
  },
  destinations: [{ kind: 'WEBHOOK', url: HOOK }],
}

describe('checkAlertRule', () => {
  it('reads a denial spike rule: trimmed name, only the given settings, the destinations, enabled', () => {
    const data = form(
      { name: '  Payments spike ', kind: 'DENIAL_SPIKE', factor: ' 4.5 ', windowMinutes: '', enabled: 'on' },
      [
        ['WEBHOOK', HOOK],
        ['SLACK', 'https://hooks.slack.com/services/T0/B0/x'],
      ],
    )
    expect(checkAlertRule(data)).toEqual({
      ok: true,
      value: {
        name: 'Payments spike',
        kind: 'DENIAL_SPIKE',
        enabled: true,
        params: { factor: 4.5 },
        destinations: [
          { kind: 'WEBHOOK', url: HOOK },
          { kind: 'SLACK', url: 'https://hooks.slack.com/services/T0/B0/x' },
        ],
      },
    })
  })

  it('takes an unticked box as disabled, and no destination rows as none', () => {
    const checked = checkAlertRule(form({ name: 'Definitions', kind: 'TOOL_DEFINITION_CHANGE' }))
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Definitions',
        kind: 'TOOL_DEFINITION_CHANGE',
        enabled: false,
        params: {},
        destinations: [],
      },
    })
  })

  it('answers the first problem in the order of the form', () => {
    const bad = { kind: 'GOSSIP', factor: '0' }
    expect(checkAlertRule(form({ name: ' ', ...bad }, [['WEBHOOK', '']]))).toEqual({
      ok: false,
      error: 'Give the rule a name, such as what it warns about.',
    })
    expect(checkAlertRule(form({ name: 'x'.repeat(201), ...bad }))).toEqual({
      ok: false,
      error: 'The name must be at most 200 characters long.',
    })
    expect(checkAlertRule(form({ name: 'x'.repeat(200), ...bad }))).toEqual({
      ok: false,
      error: 'Choose what the rule watches.',
    })
    expect(checkAlertRule(form({ name: 'r', kind: 'DENIAL_SPIKE', factor: '0' }, [['WEBHOOK', '']]))).toEqual(
      {
        ok: false,
        error: 'Factor must be a number from 1 to 1000.',
      },
    )
    expect(checkAlertRule(form({ name: 'r', kind: 'DENIAL_SPIKE' }, [['WEBHOOK', '']]))).toEqual({
      ok: false,
      error: 'Destination 1: enter its URL, or remove the row.',
    })
  })
})

describe('checkParams', () => {
  const params = (kind: Parameters<typeof checkParams>[1], values: Record<string, string>) =>
    checkParams(form(values), kind)

  it('keeps the bounds of the api, ends included', () => {
    expect(
      params('DENIAL_SPIKE', { factor: '1', windowMinutes: '1440', baselineWindows: '288', minCount: '1' }),
    ).toEqual({
      ok: true,
      value: { factor: 1, windowMinutes: 1440, baselineWindows: 288, minCount: 1 },
    })
    expect(params('DENIAL_SPIKE', { factor: '1000.5' })).toEqual({
      ok: false,
      error: 'Factor must be a number from 1 to 1000.',
    })
    expect(params('DENIAL_SPIKE', { windowMinutes: '1441' })).toEqual({
      ok: false,
      error: 'Window (minutes) must be a whole number from 1 to 1440.',
    })
    expect(params('DENIAL_SPIKE', { baselineWindows: '2.5' })).toEqual({
      ok: false,
      error: 'Baseline windows must be a whole number from 1 to 288.',
    })
    expect(params('DENIAL_RATE', { threshold: '1', minCalls: '1000000' })).toEqual({
      ok: true,
      value: { threshold: 1, minCalls: 1_000_000 },
    })
    expect(params('ERROR_RATE', { threshold: '0' })).toEqual({
      ok: false,
      error: 'Threshold (rate) must be a number above 0, at most 1.',
    })
    expect(params('MISUSE', { minScore: '1000001' })).toEqual({
      ok: false,
      error: 'Minimum score must be a number above 0, at most 1000000.',
    })
  })

  it('refuses text that is not a number, rather than taking the default', () => {
    for (const raw of ['abc', '5 min', 'Infinity', '0x10', '1e3', '5,5']) {
      expect(params('DENIAL_SPIKE', { windowMinutes: raw }).ok, raw).toBe(false)
    }
    expect(params('DENIAL_SPIKE', { windowMinutes: '007', factor: '2.' })).toEqual({
      ok: true,
      value: { windowMinutes: 7, factor: 2 },
    })
    expect(params('DENIAL_SPIKE', { factor: 'three' })).toEqual({
      ok: false,
      error: 'Factor must be a number from 1 to 1000.',
    })
  })

  it('requires the settings without a default', () => {
    expect(params('DENIAL_RATE', {})).toEqual({
      ok: false,
      error: 'Threshold (rate) is required for Denial rate rules.',
    })
    expect(params('MISUSE', { minScore: ' ' })).toEqual({
      ok: false,
      error: 'Minimum score is required for Tool misuse rules.',
    })
  })

  it('sends only the chosen kind’s settings, whatever else the form holds', () => {
    expect(params('ERROR_RATE', { threshold: '0.1', factor: '9', minScore: '3' })).toEqual({
      ok: true,
      value: { threshold: 0.1 },
    })
    expect(params('TOOL_DEFINITION_CHANGE', { threshold: 'nonsense' })).toEqual({ ok: true, value: {} })
  })
})

describe('checkDestinations', () => {
  const destinations = (...rows: [string, string][]) => checkDestinations(form({}, rows))

  it('accepts up to ten distinct http(s) URLs, trimmed', () => {
    const ten = Array.from({ length: 10 }, (_, i): [string, string] => ['WEBHOOK', `http://hooks.test/${i}`])
    expect(destinations(...ten)).toMatchObject({ ok: true })
    expect(destinations(...ten, ['WEBHOOK', 'http://hooks.test/10'])).toEqual({
      ok: false,
      error: 'A rule has at most 10 destinations.',
    })
    expect(destinations(['WEBHOOK', ` ${HOOK} `])).toEqual({
      ok: true,
      value: [{ kind: 'WEBHOOK', url: HOOK }],
    })
  })

  it('names the row of each problem', () => {
    expect(destinations(['WEBHOOK', HOOK], ['WEBHOOK', 'ftp://hooks.test/x'])).toEqual({
      ok: false,
      error: 'Destination 2: enter an http:// or https:// URL.',
    })
    expect(destinations(['WEBHOOK', 'hooks.example.com'])).toEqual({
      ok: false,
      error: 'Destination 1: enter an http:// or https:// URL.',
    })
    expect(destinations(['SLACK', 'https://example.com/hook'])).toEqual({
      ok: false,
      error: 'Destination 1: a Slack webhook URL starts with https://hooks.slack.com/.',
    })
    expect(destinations(['WEBHOOK', HOOK], ['SLACK', HOOK])).toEqual({
      ok: false,
      error: 'Destination 2: a Slack webhook URL starts with https://hooks.slack.com/.',
    })
    expect(destinations(['WEBHOOK', HOOK], ['WEBHOOK', HOOK])).toEqual({
      ok: false,
      error: 'Destination 2: this URL is listed twice.',
    })
    expect(destinations(['EMAIL', HOOK])).toEqual({
      ok: false,
      error: 'Destination 1: choose webhook or Slack.',
    })
    expect(destinations(['WEBHOOK', `https://h.test/${'x'.repeat(2048)}`])).toEqual({
      ok: false,
      error: 'Destination 1: the URL must be at most 2048 characters.',
    })
  })
})

describe('draftOf and inputOf', () => {
  it('starts a new rule as an enabled denial spike with one empty webhook row', () => {
    const draft = draftOf(null)
    expect(draft).toMatchObject({ name: '', kind: 'DENIAL_SPIKE', enabled: true })
    expect(draft.destinations).toEqual([{ kind: 'WEBHOOK', url: '' }])
    expect(Object.values(draft.params).every((v) => v === '')).toBe(true)
  })

  it('fills the form with a rule’s own values', () => {
    expect(draftOf(spike)).toEqual({
      name: 'Payments spike',
      kind: 'DENIAL_SPIKE',
      enabled: true,
      params: {
        windowMinutes: '5',
        baselineWindows: '12',
        factor: '3',
        minCount: '10',
        minCalls: '',
        threshold: '',
        minScore: '',
      },
      destinations: [{ kind: 'WEBHOOK', url: HOOK }],
    })
  })

  it('turns a rule into an update that changes only enabled', () => {
    expect(inputOf(spike, false)).toEqual({
      name: 'Payments spike',
      kind: 'DENIAL_SPIKE',
      enabled: false,
      params: { factor: 3, windowMinutes: 5, baselineWindows: 12, minCount: 10 },
      destinations: [{ kind: 'WEBHOOK', url: HOOK }],
    })
  })
})

describe('paramHint', () => {
  it('gives the bounds and the default, or says the setting is required', () => {
    const [factor] = KIND_PARAMS.DENIAL_SPIKE
    const [threshold] = KIND_PARAMS.DENIAL_RATE
    expect(factor && paramHint(factor)).toBe(
      'A number from 1 to 1000; fires above this many times the baseline. Leave empty for the default, 3.',
    )
    expect(threshold && paramHint(threshold)).toBe(
      'A number above 0, at most 1; fires at this share of calls: 0.05 = 5%. Required.',
    )
  })
})
