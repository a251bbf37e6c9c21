import { Server as ServerV1 } from '@modelcontextprotocol/sdk/server/index.js'
import { McpServer as McpServerV1 } from '@modelcontextprotocol/sdk/server/mcp.js'
import { CallToolRequestSchema, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js'
import { McpServer as McpServerV2 } from '@modelcontextprotocol/server'
import { z } from 'zod'

/** A server under test and what the corpus can do to its tools while it runs. */
export interface Subject {
  server: { connect(transport: never): Promise<void> }
  /** Disables, re-enables, updates and removes a tool (high-level servers only). */
  lifecycle?: { disable(): void; enable(): void; update(): void; remove(): void }
}

type ProgressExtra = {
  _meta?: { progressToken?: string | number }
  sendNotification(n: { method: 'notifications/progress'; params: Record<string, unknown> }): Promise<void>
  signal: AbortSignal
}

async function slow(extra: { signal: AbortSignal }): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 500)
    extra.signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

async function progress(extra: ProgressExtra): Promise<void> {
  const token = extra._meta?.progressToken
  if (token === undefined) return
  for (const step of [1, 2]) {
    await extra.sendNotification({
      method: 'notifications/progress',
      params: { progressToken: token, progress: step, total: 2 },
    })
  }
}

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] })

/** `McpServer` of `@modelcontextprotocol/sdk` 1.x. */
export function mcpServerV1(): Subject {
  const server = new McpServerV1({ name: 'subject-v1', version: '1.0.0' })
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text: t }) => text(t))
  server.registerTool('fails', {}, async () => ({ ...text('Access denied: not yours'), isError: true }))
  server.registerTool('throws', {}, async () => {
    throw new Error('kaboom')
  })
  server.registerTool('progress', {}, async (extra) => {
    await progress(extra as unknown as ProgressExtra)
    return text('done')
  })
  server.registerTool('slow', {}, async (extra) => {
    await slow(extra)
    return text('late')
  })
  const changing = server.registerTool('changing', { description: 'v1' }, async () => text('changing'))
  return {
    server,
    lifecycle: {
      disable: () => changing.disable(),
      enable: () => changing.enable(),
      update: () => changing.update({ description: 'v2' }),
      remove: () => changing.remove(),
    },
  }
}

/** The low-level `Server` of `@modelcontextprotocol/sdk` 1.x with hand-written handlers. */
export function lowLevelServerV1(): Subject {
  const server = new ServerV1({ name: 'subject-low', version: '1.0.0' }, { capabilities: { tools: {} } })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }],
  }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args } = request.params
    if (name === 'echo') return text(String(args?.text))
    if (name === 'fails') return { ...text('Access denied: not yours'), isError: true }
    if (name === 'throws') throw new Error('kaboom')
    if (name === 'progress') {
      await progress(extra as unknown as ProgressExtra)
      return text('done')
    }
    if (name === 'slow') {
      await slow(extra)
      return text('late')
    }
    throw new McpError(-32602, `Unknown tool: ${name}`)
  })
  return { server }
}

/** `McpServer` of `@modelcontextprotocol/server` 2.x. */
export function mcpServerV2(): Subject {
  const server = new McpServerV2({ name: 'subject-v2', version: '2.0.0' })
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text: t }) => text(t))
  server.registerTool('fails', {}, async () => ({ ...text('Access denied: not yours'), isError: true }))
  server.registerTool('throws', {}, async () => {
    throw new Error('kaboom')
  })
  server.registerTool('progress', {}, async (ctx) => {
    const c = ctx as unknown as {
      mcpReq: {
        _meta?: { progressToken?: string | number }
        notify: ProgressExtra['sendNotification']
        signal: AbortSignal
      }
    }
    await progress({ _meta: c.mcpReq._meta, sendNotification: c.mcpReq.notify, signal: c.mcpReq.signal })
    return text('done')
  })
  server.registerTool('slow', {}, async (ctx) => {
    await slow((ctx as unknown as { mcpReq: { signal: AbortSignal } }).mcpReq)
    return text('late')
  })
  const changing = server.registerTool('changing', { description: 'v1' }, async () => text('changing'))
  return {
    server: server as unknown as Subject['server'],
    lifecycle: {
      disable: () => changing.disable(),
      enable: () => changing.enable(),
      update: () => changing.update({ description: 'v2' }),
      remove: () => changing.remove(),
    },
  }
}
