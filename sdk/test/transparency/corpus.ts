import { z } from 'zod'
import type { Subject } from './subjects.js'

/** The two ends of an MCP connection a corpus needs; v1 and v2 bring their own. */
export interface ClientKit {
  Client: new (info: { name: string; version: string }) => CorpusClient
  createLinkedPair(): [CorpusTransport, CorpusTransport]
}

export interface CorpusTransport {
  onmessage?: (message: unknown, extra?: unknown) => void
}

export interface CorpusClient {
  connect(transport: never): Promise<void>
  close(): Promise<void>
  listTools(): Promise<unknown>
  callTool(
    params: { name: string; arguments?: Record<string, unknown> },
    schema?: undefined,
    options?: object,
  ): Promise<unknown>
  request(request: { method: string; params?: object }, schema: never): Promise<unknown>
}

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: value }),
    (error: unknown) => ({ error: String((error as Error)?.message ?? error) }),
  )

/**
 * Drives one subject through the corpus and returns every message its client received,
 * serialized as it arrived: the bytes a bare and an instrumented server must agree on.
 */
export async function runCorpus(subject: Subject, kit: ClientKit): Promise<string[]> {
  const received: string[] = []
  const [clientTransport, serverTransport] = kit.createLinkedPair()
  // Set before connect: Protocol.connect chains an existing onmessage instead of replacing it.
  clientTransport.onmessage = (message) => received.push(JSON.stringify(message))
  await subject.server.connect(serverTransport as never)
  const client = new kit.Client({ name: 'corpus', version: '1.0.0' })
  await client.connect(clientTransport as never)
  const results: unknown[] = []
  const step = async (promise: Promise<unknown>) => results.push(await settle(promise))

  await step(client.listTools())
  await step(client.callTool({ name: 'echo', arguments: { text: 'hello' } }))
  await step(client.callTool({ name: 'fails', arguments: {} }))
  await step(client.callTool({ name: 'throws', arguments: {} }))
  await step(client.callTool({ name: 'echo', arguments: { text: 5 } }))
  await step(client.callTool({ name: 'no_such_tool', arguments: {} }))
  await step(client.request({ method: 'custom/unknown', params: {} }, z.object({}) as never))
  await step(client.callTool({ name: 'progress', arguments: {} }, undefined, { onprogress: () => {} }))
  const controller = new AbortController()
  const cancelled = settle(
    client.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal }),
  )
  await new Promise((resolve) => setTimeout(resolve, 20))
  controller.abort('stop')
  results.push(await cancelled)
  if (subject.lifecycle !== undefined) {
    const { lifecycle } = subject
    lifecycle.disable()
    await step(client.callTool({ name: 'changing', arguments: {} }))
    lifecycle.enable()
    await step(client.callTool({ name: 'changing', arguments: {} }))
    lifecycle.update()
    await step(client.listTools())
    lifecycle.remove()
    await step(client.listTools())
  }
  // Let list-changed notifications and anything late arrive before comparing.
  await new Promise((resolve) => setTimeout(resolve, 50))
  await client.close()
  received.push(JSON.stringify(results))
  return received
}
