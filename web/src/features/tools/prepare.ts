import type { ToolDefinitionHistoryQuery } from '../../graphql/generated'
import { type DiffLine, diffLines } from './line-diff'

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
