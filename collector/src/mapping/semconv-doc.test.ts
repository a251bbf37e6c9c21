import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LEGACY_KEYS } from './legacy'
import * as semconv from './semconv'

// SEMCONV.md is the prose of semconv.ts; these tests keep the two from drifting.
const DOC_PATH = fileURLToPath(new URL('../../../SEMCONV.md', import.meta.url))
const doc = readFileSync(DOC_PATH, 'utf8')

interface Table {
  heading: string
  header: string[]
  rows: string[][]
}

function parseTables(markdown: string): Table[] {
  const tables: Table[] = []
  let heading = ''
  let current: Table | null = null
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) heading = line
    if (!line.startsWith('|')) {
      current = null
      continue
    }
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split(' | ')
      .map((c) => c.trim())
    if (current === null) {
      current = { heading, header: cells, rows: [] }
      tables.push(current)
    } else if (!cells.every((c) => /^-+$/.test(c))) {
      current.rows.push(cells)
    }
  }
  return tables
}

function backticked(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)
}

const tables = parseTables(doc)
const attributeTables = tables.filter((t) => t.header.join('|') === 'Attribute|Type|Requirement|Meaning')
const NAME_COLUMNS = new Set(['Attribute', 'Event', 'Span name'])
const documentedNames = new Set(
  tables
    .filter((t) => NAME_COLUMNS.has(t.header[0] as string))
    .flatMap((t) => t.rows.flatMap((r) => backticked(r[0] as string))),
)
const constants: [string, string][] = []
for (const [key, value] of Object.entries(semconv) as [string, unknown][]) {
  if (typeof value === 'string' && /^(ATTR|EVENT|SPAN)_/.test(key)) constants.push([key, value])
}
const tollgateConstants = new Set(constants.map(([, v]) => v).filter((v) => v.startsWith('tollgate.')))

describe('SEMCONV.md', () => {
  it('has one attribute table per section, each with the fixed columns', () => {
    expect(attributeTables.length).toBeGreaterThanOrEqual(15)
    const headings = attributeTables.map((t) => t.heading)
    expect(new Set(headings).size).toBe(headings.length)
  })

  it('uses only known types and requirement levels', () => {
    const types = new Set(['string', 'int', 'double', 'bool', 'string[]'])
    const levels = /^(Required|Recommended|Opt-In|Conditionally Required: .+)$/
    for (const table of attributeTables) {
      for (const [name, type, requirement] of table.rows) {
        expect(backticked(name as string), `${table.heading}: ${name}`).toHaveLength(1)
        expect(types.has(type as string), `${name}: type ${type}`).toBe(true)
        expect(requirement, `${name}: requirement`).toMatch(levels)
      }
    }
  })

  it('documents every tollgate.* constant of semconv.ts, and nothing else under tollgate.*', () => {
    const documentedTollgate = [...documentedNames].filter((n) => n.startsWith('tollgate.'))
    expect(new Set(documentedTollgate)).toEqual(tollgateConstants)
  })

  it('names in prose only what semconv.ts defines', () => {
    // Named in the doc as an example of what can NOT set the project.
    const notNames = new Set(['tollgate.project'])
    const mentioned = backticked(doc).filter((t) => /^tollgate\.[a-z0-9_.]+$/.test(t) && !notNames.has(t))
    for (const name of mentioned) expect(tollgateConstants.has(name), name).toBe(true)
  })

  it('documents every other attribute the collector reads', () => {
    for (const [key, value] of constants) {
      if (key.startsWith('ATTR_')) expect(documentedNames.has(value), `${key} = ${value}`).toBe(true)
    }
  })

  it('names each event attribute after its event', () => {
    const events = tables.find((t) => t.header[0] === 'Event')
    const eventNames = (events?.rows ?? []).map((r) => backticked(r[0] as string)[0] as string)
    expect(eventNames.length).toBe(7)
    for (const event of eventNames) {
      const table = attributeTables.find((t) => t.heading.endsWith(`\`${event}\``))
      expect(table, event).toBeDefined()
      for (const row of table?.rows ?? []) expect(backticked(row[0] as string)[0]).toMatch(`${event}.`)
    }
  })

  it('never uses a tollgate name as both an attribute and a namespace', () => {
    const attributes = constants.filter(([k]) => k.startsWith('ATTR_')).map(([, v]) => v)
    const clashes = attributes.filter((a) => attributes.some((b) => b.startsWith(`${a}.`)))
    expect(clashes).toEqual([])
  })
})

describe('SEMCONV.md legacy keys', () => {
  const table = tables.find((t) => t.header[0] === 'Legacy key')
  const documented = (table?.rows ?? []).map(([key, producers, mapsTo]) => ({
    key: backticked(key as string)[0],
    producers,
    mapsTo: backticked(mapsTo as string)[0],
  }))

  it('lists exactly the legacy keys the collector maps, with their producers and targets', () => {
    const mapped = LEGACY_KEYS.map((l) => ({ key: l.key, producers: l.producers, mapsTo: l.mapsTo }))
    expect(documented).toEqual(mapped)
  })
})
