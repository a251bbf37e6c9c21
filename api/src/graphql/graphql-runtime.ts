import { createRequire } from 'node:module'

/**
 * The `graphql` package as @nestjs/graphql and mercurius load it: CommonJS. NB: an ES
 * `import` of `graphql` gets the package's ESM build, a second copy whose classes fail the
 * other's `instanceof` checks ("Cannot use GraphQLScalarType from another module or realm").
 * Take runtime values from here; type imports from `graphql` are fine.
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof import('graphql')

export const { GraphQLError, Kind, lexicographicSortSchema, printSchema } = graphql
