import { readFileSync } from 'node:fs'
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql'

/**
 * Builds requests for every field of the schema the api serves (`api/schema.graphql`, which a
 * test keeps equal to the running app's), so the acceptance tests cover a query added later
 * without being edited.
 */
export const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'))

/** How an argument is filled: a value per named scalar, enum or input type. */
export interface ArgValues {
  projectId: string
  from: string
  to: string
  /** Every other String (and ID) argument. */
  text: string
  int: number
}

/** The operations of the schema's Query (and Mutation) type. */
export function rootFields(kind: 'query' | 'mutation'): GraphQLField<unknown, unknown>[] {
  const type = kind === 'query' ? schema.getQueryType() : schema.getMutationType()
  return type === null || type === undefined ? [] : Object.values(type.getFields())
}

/** A full selection of a type: every scalar and enum field, objects nested to `depth`. */
export function selection(type: GraphQLNamedType, depth = 4): string {
  if (!isObjectType(type)) return ''
  const parts: string[] = []
  for (const field of Object.values((type as GraphQLObjectType).getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue
    const named = getNamedType(field.type)
    if (isObjectType(named)) {
      if (depth > 1) parts.push(`${field.name} { ${selection(named, depth - 1)} }`)
    } else {
      parts.push(field.name)
    }
  }
  return parts.join(' ')
}

/** A value for an argument of `type` named `name`. */
function argValue(name: string, type: GraphQLInputType, values: ArgValues): unknown {
  const inner = isNonNullType(type) ? type.ofType : type
  if (isListType(inner)) return [argValue(name, inner.ofType, values)]
  const named = getNamedType(inner)
  if (name === 'projectId') return values.projectId
  if (name === 'from') return values.from
  if (name === 'to') return values.to
  if (isEnumType(named)) return named.getValues()[0]?.value
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields()).map((f) => [f.name, argValue(f.name, f.type, values)]),
    )
  }
  if (isScalarType(named)) {
    if (named.name === 'Int' || named.name === 'Float') return values.int
    if (named.name === 'Boolean') return false
    if (named.name === 'DateTime') return values.from
  }
  return values.text
}

/** The operation text and variables that call `field` with every argument filled from `values`. */
export function request(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  values: ArgValues,
  overrides: Record<string, unknown> = {},
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {}
  const declared: string[] = []
  const passed: string[] = []
  for (const arg of field.args) {
    variables[arg.name] = arg.name in overrides ? overrides[arg.name] : argValue(arg.name, arg.type, values)
    declared.push(`$${arg.name}: ${arg.type.toString()}`)
    passed.push(`${arg.name}: $${arg.name}`)
  }
  const named = getNamedType(field.type)
  const body = isObjectType(named) ? ` { ${selection(named)} }` : ''
  const head = declared.length === 0 ? kind : `${kind}(${declared.join(', ')})`
  const call = passed.length === 0 ? field.name : `${field.name}(${passed.join(', ')})`
  return { query: `${head} { ${call}${body} }`, variables }
}

/** True when `field` takes an argument called `name`. */
export function hasArg(field: GraphQLField<unknown, unknown>, name: string): boolean {
  return field.args.some((a) => a.name === name)
}
