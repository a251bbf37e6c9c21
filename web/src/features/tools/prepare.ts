import type { ChartPoint } from '../../components/charts/chart-types'
import type { ToolDefinitionHistoryQuery, ToolFiguresQuery } from '../../graphql/generated'
import { formatCount, formatDuration, formatPercent } from '../../lib/format'
import { type DiffLine, diffLines } from './line-diff'

/** A KPI tile's inputs (see components/kpi-tile.tsx). */
export interface ToolKpi {
  label: string
  value: string
  current: number | null
  previous: number | null
  worseWhen: 'up' | 'down' | 'neither'
}

/** A tool's figures for the window, ready to draw. */
export interface ToolFiguresView {
  /** No call of the tool in the window. */
  empty: boolean
  kpis: ToolKpi[]
  /** calls, errors, denials per bucket. */
  volume: ChartPoint[]
  /** denial and error rate per bucket; null (a gap) where a bucket had no calls. */
  rates: ChartPoint[]
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

/** The tool's overview (current and previous period) as tiles and chart points. */
export function prepareToolFigures(data: ToolFiguresQuery): ToolFiguresView {
  const { current, previous } = data
  const hadPrevious = previous.calls > 0
  const kpis: ToolKpi[] = [
    {
      label: 'Calls',
      value: formatCount(current.calls),
      current: current.calls,
      previous: previous.calls,
      worseWhen: 'neither',
    },
    {
      label: 'Error rate',
      value: formatPercent(current.calls > 0 ? current.errorRate : null),
      current: current.calls > 0 ? current.errorRate : null,
      previous: hadPrevious ? previous.errorRate : null,
      worseWhen: 'up',
    },
    {
      label: 'Denial rate',
      value: formatPercent(current.calls > 0 ? current.denialRate : null),
      current: current.calls > 0 ? current.denialRate : null,
      previous: hadPrevious ? previous.denialRate : null,
      worseWhen: 'up',
    },
    {
      label: 'p95 latency',
      value: formatDuration(current.p95Ms),
      current: current.p95Ms,
      previous: previous.p95Ms,
      worseWhen: 'up',
    },
  ]
  const volume: ChartPoint[] = []
  const rates: ChartPoint[] = []
  for (const bucket of current.series) {
    const t = Date.parse(bucket.start)
    volume.push({ t, calls: bucket.calls, errors: bucket.errors, denials: bucket.denials })
    rates.push({
      t,
      denialRate: rate(bucket.denials, bucket.calls),
      errorRate: rate(bucket.errors, bucket.calls),
    })
  }
  return { empty: current.calls === 0, kpis, volume, rates }
}

type Version = ToolDefinitionHistoryQuery['toolVersions'][number]['versions'][number]

/** The parts of a tool definition a version can change, in the order they are shown. */
const PARTS = [
  { label: 'Description', text: 'description', hash: 'descriptionHash', json: false },
  { label: 'Input schema', text: 'inputSchema', hash: 'inputSchemaHash', json: true },
  { label: 'Output schema', text: 'outputSchema', hash: 'outputSchemaHash', json: true },
  { label: 'Annotations', text: 'annotations', hash: 'annotationsHash', json: true },
] as const

/** What one part of the definition became in a version. */
export interface PartChange {
  label: string
  diff: DiffLine[]
}

/** One definition of the tool, with what changed since the one before. */
export interface VersionView {
  firstSeen: string
  lastSeen: string
  seenCount: number
  description: string
  /** The input schema, indented for reading. */
  inputSchema: string
  /** Empty for the first version seen. */
  changes: PartChange[]
}

/**
 * Canonical JSON (one line, as the api stores it) indented two spaces, so a line diff shows
 * the property that changed; text that is not JSON is returned as it is.
 */
export function readableJson(text: string): string {
  if (text === '') return ''
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/**
 * The tool's versions, newest first, each with the diff of every part whose hash differs from
 * the version before it (the api lists them oldest first). Hashes decide what changed; the
 * diff shows how.
 */
export function prepareHistory(versions: readonly Version[]): VersionView[] {
  const views = versions.map((version, index): VersionView => {
    const before = index > 0 ? versions[index - 1] : undefined
    const changes: PartChange[] = []
    if (before !== undefined) {
      for (const part of PARTS) {
        if (before[part.hash] === version[part.hash]) continue
        const show = part.json ? readableJson : (text: string) => text
        changes.push({
          label: part.label,
          diff: diffLines(show(before[part.text]), show(version[part.text])),
        })
      }
    }
    return {
      firstSeen: version.firstSeen,
      lastSeen: version.lastSeen,
      seenCount: version.seenCount,
      description: version.description,
      inputSchema: readableJson(version.inputSchema),
      changes,
    }
  })
  return views.reverse()
}

/** A tool's misuse counters as the api gives them. */
export interface MisuseCounts {
  denied: number
  invalidArguments: number
  unknownTool: number
  retryLoops: number
  writesWithoutApproval: number
  injectionSuspected: number
}

/** One misuse signal to show as a badge. */
export interface MisuseSignal {
  label: string
  count: number
  /** `bad` for what is unsafe (unapproved writes, suspected injection, unlisted tools), else `warn`. */
  tone: 'bad' | 'warn'
}

const SIGNALS: { key: keyof MisuseCounts; label: string; tone: 'bad' | 'warn' }[] = [
  { key: 'writesWithoutApproval', label: 'unapproved writes', tone: 'bad' },
  { key: 'injectionSuspected', label: 'injection suspected', tone: 'bad' },
  { key: 'unknownTool', label: 'unlisted tool', tone: 'bad' },
  { key: 'denied', label: 'denied', tone: 'warn' },
  { key: 'invalidArguments', label: 'invalid arguments', tone: 'warn' },
  { key: 'retryLoops', label: 'retry loops', tone: 'warn' },
]

/** The signals a tool raised (count > 0), the unsafe ones first; none for a well-behaved tool. */
export function misuseSignals(counts: MisuseCounts): MisuseSignal[] {
  return SIGNALS.filter((s) => counts[s.key] > 0).map((s) => ({
    label: s.label,
    count: counts[s.key],
    tone: s.tone,
  }))
}
