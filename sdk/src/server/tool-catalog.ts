import type { Span } from '@opentelemetry/api'
import type { McpListedTool, McpProtocol } from '../internal-types.js'
import * as sc from '../semconv.js'
import { toolDefinitionAttributes } from '../tool-definitions/index.js'
import type { SideEffect } from '../types.js'

type Annotations = McpListedTool['annotations']

/** Bounds what one server may make us remember: a tools/list is attacker-sized in a gateway. */
const MAX_TOOLS_PER_SERVER = 1024

/**
 * What each server said about its tools: the annotations of the last `tools/list`, or
 * those an `McpServer` registered. Side effects of calls are read from here.
 */
export class ToolCatalog {
  private readonly listed = new WeakMap<object, Map<string, Annotations>>()
  private readonly registered = new WeakMap<object, () => Record<string, { annotations?: Annotations }>>()

  /** Lets calls of `protocol` read the annotations its `McpServer` registered. */
  link(protocol: object, registeredTools: () => Record<string, { annotations?: Annotations }>): void {
    this.registered.set(protocol, registeredTools)
  }

  /** Records the tool definitions of a `tools/list` result as events on its span. */
  recordList(protocol: McpProtocol, span: Span, result: Record<string, unknown>): void {
    const tools = result.tools
    if (!Array.isArray(tools)) return
    const annotations = new Map<string, Annotations>()
    for (const tool of tools.slice(0, MAX_TOOLS_PER_SERVER)) {
      if (!isTool(tool)) continue
      annotations.set(tool.name, tool.annotations)
      span.addEvent(sc.EVENT_TOOL_DEFINITION, toolDefinitionAttributes(tool))
    }
    this.listed.set(protocol, annotations)
  }

  /** SEMCONV.md §3.5: `readOnlyHint` → read; `destructiveHint` or `readOnlyHint: false` → write. */
  sideEffect(protocol: McpProtocol, tool: string): SideEffect {
    const annotations = this.annotationsOf(protocol, tool)
    if (annotations?.readOnlyHint === true) return 'read'
    if (annotations?.destructiveHint === true || annotations?.readOnlyHint === false) return 'write'
    return 'unknown'
  }

  private annotationsOf(protocol: McpProtocol, tool: string): Annotations {
    const fromList = this.listed.get(protocol)?.get(tool)
    if (fromList !== undefined) return fromList
    const registered = this.registered.get(protocol)?.()
    return registered !== undefined && Object.hasOwn(registered, tool)
      ? registered[tool]?.annotations
      : undefined
  }
}

function isTool(value: unknown): value is McpListedTool {
  return typeof value === 'object' && value !== null && typeof (value as McpListedTool).name === 'string'
}
