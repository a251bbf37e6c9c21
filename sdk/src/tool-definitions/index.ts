/** Tool-definition hashing for `tollgate.tool.definition` events (SEMCONV.md §4.7). */
export { canonicalJson, sha256Hex } from './canonical-json.js'
export type { ToolDefinition } from './tool-definition-attributes.js'
export { toolDefinitionAttributes } from './tool-definition-attributes.js'
