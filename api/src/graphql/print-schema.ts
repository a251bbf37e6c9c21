import { NestFactory } from '@nestjs/core'
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql'
import type { GraphQLSchema } from 'graphql'
import { lexicographicSortSchema, printSchema } from './graphql-runtime'
import { RESOLVERS } from './resolvers'

/** The SDL of a schema as `api/schema.graphql` holds it: sorted, with a trailing newline. */
export function schemaText(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`
}

/** Builds the schema from the resolver classes alone (no storage, no server). */
export async function buildSchemaText(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false })
  try {
    return schemaText(await app.get(GraphQLSchemaFactory).create(RESOLVERS))
  } finally {
    await app.close()
  }
}
