import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { GENERATED_PATH, generateTypes } from './codegen'

describe('generated GraphQL types', () => {
  it('match api/schema.graphql and the operations (run `pnpm --filter @tollgate/web codegen` when this fails)', async () => {
    const expected = await generateTypes()
    expect(readFileSync(GENERATED_PATH, 'utf8') === expected, 'src/graphql/generated.ts is stale').toBe(true)
  })
})
