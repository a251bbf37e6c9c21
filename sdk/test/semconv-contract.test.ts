import { readFileSync } from 'node:fs'
import type { Attributes, AttributeValue } from '@opentelemetry/api'
import type { ReadableSpan } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'
import { approval, instrument, untrusted } from '../src/index.js'
import * as semconv from '../src/semconv.js'
import { eventually, memoryTracing } from './support/tracing.js'
import { buildServer, connect, withProgressTool } from './support/v1-server.js'

/** `SEMCONV.md`'s attribute tables: name → documented type. */
function documentedTypes(): Map<string, string> {
  const doc = readFileSync(new URL('../../SEMCONV.md', import.meta.url), 'utf8')
  const types = new Map<string, string>()
  for (const match of doc.matchAll(/^\|\s*`([a-z_.]+)`\s*\|\s*(string\[\]|string|int|double|bool)\s*\|/gm)) {
    types.set(match[1] as string, match[2] as string)
  }
  return types
}

function typeOf(value: AttributeValue | undefined): string {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  if (typeof value === 'boolean') return 'bool'
  return typeof value
}

/** Every attribute on the spans and their events, with the span or event it came from. */
function emitted(
  spans: readonly ReadableSpan[],
): Array<{ where: string; key: string; value: AttributeValue | undefined }> {
  const out: Array<{ where: string; key: string; value: AttributeValue | undefined }> = []
  const add = (where: string, attributes: Attributes | undefined) => {
    for (const [key, value] of Object.entries(attributes ?? {})) out.push({ where, key, value })
  }
  for (const span of spans) {
    add(span.name, span.attributes)
    for (const event of span.events) add(`${span.name} / ${event.name}`, event.attributes)
  }
  return out
}

describe('the SDK emits exactly what SEMCONV.md documents', () => {
  it('documents every tollgate.* name the SDK defines', () => {
    const documented = documentedTypes()
    const doc = readFileSync(new URL('../../SEMCONV.md', import.meta.url), 'utf8')
    const names = (Object.values(semconv) as unknown[]).filter(
      (v): v is string => typeof v === 'string' && v.startsWith('tollgate.'),
    )
    expect(names.length).toBeGreaterThan(60)
    for (const name of names) expect(documented.has(name) || doc.includes(`\`${name}\``), name).toBe(true)
  })

  it('gives every emitted attribute a documented name and the documented type', async () => {
    const tracing = memoryTracing()
    const server = withProgressTool(instrument(buildServer({}), { tracerProvider: tracing.provider }))
    server.registerTool(
      'approve_and_write',
      { description: 'w', annotations: { destructiveHint: true } },
      async () => {
        approval({ approvedBy: 'manager@acme', approvalId: 'apr-1', shownParameters: { amount: 10 } })
        untrusted({ source: 'email:inbound', reason: 'customer email body' })
        return { content: [{ type: 'text' as const, text: 'done' }] }
      },
    )
    const client = await connect(server)
    await client.listTools()
    for (const [name, args] of [
      ['search_accounts', { query: 'acme', password: 'hunter2' }],
      ['delete_account', { id: '42' }],
      ['explode', {}],
      ['forbidden_thing', {}],
      ['read_contacts', {}],
      ['fetch_page', { url: 'https://x' }],
      ['approve_and_write', {}],
    ] as const) {
      await client.callTool({ name, arguments: args })
    }
    await client.callTool({ name: 'long_task', arguments: {} }, undefined, { onprogress: () => {} })
    await client.listPrompts().catch(() => undefined)
    await eventually(() => tracing.spans().length >= 10)

    const documented = documentedTypes()
    const attributes = emitted(tracing.spans())
    const seen = new Set(attributes.map((a) => a.key))
    // The scenario must reach the parts of the contract that matter, or this test proves little.
    for (const key of [
      'tollgate.denial.inferred',
      'tollgate.partial.granted',
      'tollgate.provenance.excluded.count',
      'tollgate.approval.shown_parameters',
      'tollgate.redaction.field',
      'tollgate.untrusted.source',
      'tollgate.tool.definition.input_schema_hash',
      'tollgate.flag.rules',
      'tollgate.session.prev_span_id',
      'tollgate.progress.total',
    ]) {
      expect(seen, key).toContain(key)
    }
    for (const { where, key, value } of attributes) {
      const type = documented.get(key)
      expect(type, `${key} on ${where} is not in SEMCONV.md`).toBeDefined()
      // A whole number is a valid double.
      expect(
        typeOf(value) === 'int' && type === 'double' ? 'double' : typeOf(value),
        `${key} on ${where}`,
      ).toBe(type)
    }
  })
})
