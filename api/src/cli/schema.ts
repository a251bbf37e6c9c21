/** `pnpm schema`: writes `api/schema.graphql`, the file the web generates its types from. */
import 'reflect-metadata'
import { writeFileSync } from 'node:fs'
import { buildSchemaText } from '../graphql/print-schema'

const target = new URL('../../schema.graphql', import.meta.url)
writeFileSync(target, await buildSchemaText())
console.log(`wrote ${target.pathname}`)
