/**
 * ClickHouse column types as a tree, parsed from the type strings of `schema/*.ts`.
 * Only the shapes the RowBinary encoder needs to tell apart are kept: wrappers that do
 * not change the binary layout (`LowCardinality`, `SimpleAggregateFunction`) are unwrapped.
 */
export type ColumnType =
  | { readonly kind: 'scalar'; readonly name: ScalarName; readonly scale?: number }
  | { readonly kind: 'array'; readonly element: ColumnType }
  | { readonly kind: 'map'; readonly key: ColumnType; readonly value: ColumnType }
  | { readonly kind: 'nullable'; readonly inner: ColumnType }

/** Scalar types with a RowBinary writer. */
export type ScalarName =
  | 'String'
  | 'UInt8'
  | 'UInt16'
  | 'UInt32'
  | 'UInt64'
  | 'Int8'
  | 'Int16'
  | 'Int32'
  | 'Int64'
  | 'Float32'
  | 'Float64'
  | 'Bool'
  | 'DateTime'
  | 'DateTime64'

const SCALARS = new Set<string>([
  'String',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'Float32',
  'Float64',
  'Bool',
  'DateTime',
])

/** The type tree of `type`, or undefined when the encoder has no writer for it (the insert then stays text). */
export function parseColumnType(type: string): ColumnType | undefined {
  const text = type.trim()
  if (SCALARS.has(text)) return { kind: 'scalar', name: text as ScalarName }
  const call = /^(\w+)\((.*)\)$/s.exec(text)
  if (call === null) return undefined
  const [, name, inner] = call as unknown as [string, string, string]
  const args = splitArguments(inner)
  switch (name) {
    case 'LowCardinality':
      return args.length === 1 ? parseColumnType(args[0] as string) : undefined
    case 'SimpleAggregateFunction':
      // Stored as its argument type; the function only matters to merges.
      return args.length === 2 ? parseColumnType(args[1] as string) : undefined
    case 'Nullable': {
      const innerType = args.length === 1 ? parseColumnType(args[0] as string) : undefined
      return innerType && { kind: 'nullable', inner: innerType }
    }
    case 'Array': {
      const element = args.length === 1 ? parseColumnType(args[0] as string) : undefined
      return element && { kind: 'array', element }
    }
    case 'Map': {
      const key = args.length === 2 ? parseColumnType(args[0] as string) : undefined
      const value = args.length === 2 ? parseColumnType(args[1] as string) : undefined
      return key && value && { kind: 'map', key, value }
    }
    case 'DateTime64': {
      // A time zone argument changes only how the value is shown, never its ticks.
      const scale = Number(args[0])
      return Number.isInteger(scale) && scale >= 0 && scale <= 9
        ? { kind: 'scalar', name: 'DateTime64', scale }
        : undefined
    }
    default:
      return undefined
  }
}

/** Splits `a, B(c, d), e` at its top-level commas. */
function splitArguments(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(text.slice(start).trim())
  return parts
}
