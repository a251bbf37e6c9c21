import { writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { GENERATED_PATH, generateTypes } from '../src/graphql/codegen'

/** `pnpm --filter @tollgate/web codegen`: rewrites src/graphql/generated.ts. */
writeFileSync(GENERATED_PATH, await generateTypes())
process.stderr.write(`codegen: wrote ${relative(process.cwd(), GENERATED_PATH)}\n`)
