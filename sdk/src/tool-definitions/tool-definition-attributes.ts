/**
 * The attributes of one `tollgate.tool.definition` event (SEMCONV.md §4.7): the
 * texts the collector stores once per distinct definition, and their hashes, which
 * drift alerts compare.
 */
import {
  ATTR_TOOL_DEFINITION_ANNOTATIONS,
  ATTR_TOOL_DEFINITION_ANNOTATIONS_HASH,
  ATTR_TOOL_DEFINITION_DESCRIPTION,
  ATTR_TOOL_DEFINITION_DESCRIPTION_HASH,
  ATTR_TOOL_DEFINITION_INPUT_SCHEMA,
  ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH,
  ATTR_TOOL_DEFINITION_NAME,
  ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA,
  ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH,
} from '../semconv.js'
import { canonicalJson, sha256Hex } from './canonical-json.js'

/** The fields of an MCP `Tool` (as listed by `tools/list`) that make up its definition. */
export interface ToolDefinition {
  name: string
  description?: string
  inputSchema?: unknown
  outputSchema?: unknown
  annotations?: unknown
  title?: string
}

/**
 * Event attributes describing `tool`, exactly as SEMCONV.md §4.7 lists them:
 *
 * - name; description (`''` when the tool has none) and its hash — always;
 * - input schema as canonical JSON and its hash — always. NB: MCP requires
 *   `inputSchema`, so its absence is written as `null` (the canonical JSON of what is
 *   there), not as an invented `{"type":"object"}`: a tool that later gains a schema
 *   then shows up as a change;
 * - output schema and its hash — only when `outputSchema` is present (`null` counts as
 *   absent);
 * - annotations and their hash — only when the tool has `annotations` or a `title`.
 *   The top-level `title` is merged into a copy of the annotations object as `title`,
 *   unless the annotations carry their own `title`, which then wins.
 *
 * Hashes are lowercase hex SHA-256 of the full text, so they stay right when the
 * collector truncates the text. Never throws and never mutates `tool`: on a value it
 * cannot read (a throwing getter) it returns `{}`, which callers should skip.
 */
export function toolDefinitionAttributes(tool: ToolDefinition): Record<string, string> {
  try {
    const description = typeof tool.description === 'string' ? tool.description : ''
    const inputSchema = canonicalJson(tool.inputSchema)
    const attributes: Record<string, string> = {
      [ATTR_TOOL_DEFINITION_NAME]: typeof tool.name === 'string' ? tool.name : String(tool.name ?? ''),
      [ATTR_TOOL_DEFINITION_DESCRIPTION]: description,
      [ATTR_TOOL_DEFINITION_DESCRIPTION_HASH]: sha256Hex(description),
      [ATTR_TOOL_DEFINITION_INPUT_SCHEMA]: inputSchema,
      [ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH]: sha256Hex(inputSchema),
    }
    if (tool.outputSchema != null) {
      const outputSchema = canonicalJson(tool.outputSchema)
      attributes[ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA] = outputSchema
      attributes[ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH] = sha256Hex(outputSchema)
    }
    const annotations = annotationsWithTitle(tool.annotations, tool.title)
    if (annotations !== undefined) {
      const text = canonicalJson(annotations)
      attributes[ATTR_TOOL_DEFINITION_ANNOTATIONS] = text
      attributes[ATTR_TOOL_DEFINITION_ANNOTATIONS_HASH] = sha256Hex(text)
    }
    return attributes
  } catch {
    return {}
  }
}

/**
 * The annotations to describe, with the tool's `title` folded in (SEMCONV: "`annotations`
 * (and `title`)"), or `undefined` when the tool has neither. Annotations that are not an
 * object cannot take a title and are described as they are.
 */
function annotationsWithTitle(annotations: unknown, title: unknown): unknown {
  const hasTitle = typeof title === 'string'
  if (annotations == null) return hasTitle ? { title } : undefined
  if (!hasTitle || typeof annotations !== 'object' || Array.isArray(annotations)) return annotations
  // A copy: the caller's annotations object belongs to the registered tool.
  return (annotations as { title?: unknown }).title !== undefined ? annotations : { ...annotations, title }
}
