import 'reflect-metadata'
import { insertRows } from '@tollgate/collector'
import { describe, expect, it } from 'vitest'
import { graphqlFixture, graphql as graphqlRequest, ns, userWithToken } from './graphql-helpers'

/**
 * `session` over a session longer than the api reads whole (200 calls): the page's calls are
 * picked in the query, and each still comes with its own events only.
 */

// Older than the default retention: fixed test dates must keep working as they age.
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0)
const CALLS = 230
const TRACE = 'c'.repeat(32)
const span = (n: number) => n.toString(16).padStart(16, '0')
let investigator: string

const fx = graphqlFixture('session-paging', async (storage) => {
  investigator = await userWithToken(storage, 'ivy', { p1: 'investigator' })
  const calls = Array.from({ length: CALLS }, (_, i) => i + 1).map((n) => ({
    project_id: 'p1',
    timestamp: ns(T0 + n * 1000),
    trace_id: TRACE,
    span_id: span(n),
    session_id: 's-long',
    step: n,
    method: 'tools/call',
    target: n === 210 ? 'delete_file' : 'read_file',
    outcome: n === 210 ? 'denied' : 'ok',
    input: `{"n":${n}}`,
  }))
  await insertRows(storage, 'mcp_calls', calls)
  const event = (n: number, kind: string, extra: Record<string, unknown>) => ({
    project_id: 'p1',
    timestamp: ns(T0 + n * 1000 + 1),
    kind,
    trace_id: TRACE,
    span_id: span(n),
    session_id: 's-long',
    resource: '',
    reason: '',
    uri: '',
    as_of: ns(T0),
    ...extra,
  })
  await insertRows(storage, 'mcp_events', [
    event(5, 'provenance', { uri: 'file:///a' }),
    event(210, 'denial', { resource: 'file:///b', reason: 'missing scope files.write' }),
  ])
})

const ONE = `query($sessionId: String!, $first: Int, $after: String) {
  session(projectId: "p1", sessionId: $sessionId, first: $first, after: $after) {
    calls denials nextCursor
    steps { step target outcome input { text } denials { resource reason } sources { uri } }
  }
}`

interface Step {
  step: number
  target: string
  outcome: string
  input: { text: string }
  denials: Array<{ resource: string; reason: string }>
  sources: Array<{ uri: string }>
}

describe('session (longer than one read)', () => {
  it('pages through every step in order, each with its own events', async () => {
    const steps: Step[] = []
    let after: string | null = null
    let pages = 0
    do {
      const { data, errors } = await graphqlRequest(
        fx.app,
        ONE,
        { sessionId: 's-long', first: 100, after },
        investigator,
      )
      expect(errors).toBeUndefined()
      const session = data?.session as {
        calls: number
        denials: number
        nextCursor: string | null
        steps: Step[]
      }
      expect(session).toMatchObject({ calls: CALLS, denials: 1 })
      steps.push(...session.steps)
      after = session.nextCursor
      pages++
    } while (after !== null && pages < 5)
    expect(pages).toBe(3)
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: CALLS }, (_, i) => i + 1))
    expect(steps.map((s) => s.input.text)).toEqual(steps.map((s) => `{"n":${s.step}}`))
    const withEvents = steps.filter((s) => s.denials.length > 0 || s.sources.length > 0)
    expect(withEvents).toEqual([
      expect.objectContaining({ step: 5, sources: [{ uri: 'file:///a' }], denials: [] }),
      expect.objectContaining({
        step: 210,
        target: 'delete_file',
        outcome: 'denied',
        denials: [{ resource: 'file:///b', reason: 'missing scope files.write' }],
        sources: [],
      }),
    ])
  })
})
