import { Client as ClientV2 } from '@modelcontextprotocol/client'
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport as InMemoryV1 } from '@modelcontextprotocol/sdk/inMemory.js'
import { InMemoryTransport as InMemoryV2 } from '@modelcontextprotocol/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { instrument } from '../src/index.js'
import { memoryTracing } from './support/tracing.js'
import { type ClientKit, runCorpus } from './transparency/corpus.js'
import { lowLevelServerV1, mcpServerV1, mcpServerV2, type Subject } from './transparency/subjects.js'

const tracing = memoryTracing()
const V1: ClientKit = {
  Client: ClientV1 as never,
  createLinkedPair: () => InMemoryV1.createLinkedPair() as never,
}
const V2: ClientKit = {
  Client: ClientV2 as never,
  createLinkedPair: () => InMemoryV2.createLinkedPair() as never,
}

const SUBJECTS: Array<[string, () => Subject, ClientKit, (s: Subject) => object]> = [
  ['McpServer of @modelcontextprotocol/sdk 1.x', mcpServerV1, V1, (s) => s.server],
  ['low-level Server of @modelcontextprotocol/sdk 1.x', lowLevelServerV1, V1, (s) => s.server],
  ['McpServer of @modelcontextprotocol/server 2.x', mcpServerV2, V2, (s) => s.server],
]

let stdout: ReturnType<typeof vi.spyOn>
beforeAll(() => {
  stdout = vi.spyOn(process.stdout, 'write')
})
afterAll(() => {
  stdout.mockRestore()
})

describe.each(SUBJECTS)('transparency: %s', (_name, build, kit, target) => {
  it('answers the whole corpus byte for byte as the bare server does', async () => {
    const bare = await runCorpus(build(), kit)
    const subject = build()
    instrument(target(subject), { tracerProvider: tracing.provider })
    const instrumented = await runCorpus(subject, kit)
    expect(instrumented).toEqual(bare)
    expect(bare.length).toBeGreaterThan(10)
    // The corpus really went through the instrumentation: one server span per request at least.
    expect(tracing.spans().length).toBeGreaterThanOrEqual(9)
    await tracing.reset()
  })

  it('wraps once when instrumented twice', async () => {
    const subject = build()
    instrument(target(subject), { tracerProvider: tracing.provider })
    instrument(target(subject), { tracerProvider: tracing.provider })
    await runCorpus(subject, kit)
    const names = tracing.spans().map((s) => `${s.name}#${s.attributes['jsonrpc.request.id']}`)
    expect(new Set(names).size).toBe(names.length)
    await tracing.reset()
  })
})

describe('stdout', () => {
  it('was never written to while instrumented servers ran', () => {
    expect(stdout).not.toHaveBeenCalled()
  })
})
