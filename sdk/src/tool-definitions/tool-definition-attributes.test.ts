import { describe, expect, it } from 'vitest'
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
import { sha256Hex } from './canonical-json.js'
import { toolDefinitionAttributes } from './tool-definition-attributes.js'

const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const OBJECT_SCHEMA_SHA = 'a2c799262a3ce3c19ef5cdd983bf3d12b43ab3c426227091b909dcb7054738c0'

describe('toolDefinitionAttributes', () => {
  it('describes a minimal tool with exactly the required attributes', () => {
    expect(toolDefinitionAttributes({ name: 'search', inputSchema: { type: 'object' } })).toEqual({
      [ATTR_TOOL_DEFINITION_NAME]: 'search',
      [ATTR_TOOL_DEFINITION_DESCRIPTION]: '',
      [ATTR_TOOL_DEFINITION_DESCRIPTION_HASH]: EMPTY_SHA,
      [ATTR_TOOL_DEFINITION_INPUT_SCHEMA]: '{"type":"object"}',
      [ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH]: OBJECT_SCHEMA_SHA,
    })
  })

  it('adds the output schema and annotations with their hashes when present', () => {
    const attributes = toolDefinitionAttributes({
      name: 'update_account',
      description: 'Updates a CRM account ✓',
      inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
      outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
      annotations: { readOnlyHint: false, destructiveHint: true },
    })
    expect(attributes[ATTR_TOOL_DEFINITION_DESCRIPTION]).toBe('Updates a CRM account ✓')
    expect(attributes[ATTR_TOOL_DEFINITION_DESCRIPTION_HASH]).toBe(sha256Hex('Updates a CRM account ✓'))
    expect(attributes[ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA]).toBe(
      '{"properties":{"ok":{"type":"boolean"}},"type":"object"}',
    )
    expect(attributes[ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH]).toBe(
      sha256Hex('{"properties":{"ok":{"type":"boolean"}},"type":"object"}'),
    )
    expect(attributes[ATTR_TOOL_DEFINITION_ANNOTATIONS]).toBe('{"destructiveHint":true,"readOnlyHint":false}')
    expect(attributes[ATTR_TOOL_DEFINITION_ANNOTATIONS_HASH]).toBe(
      sha256Hex('{"destructiveHint":true,"readOnlyHint":false}'),
    )
    expect(Object.keys(attributes)).toHaveLength(9)
  })

  it('hashes a reordered schema the same', () => {
    const a = toolDefinitionAttributes({
      name: 't',
      inputSchema: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 1 } } },
    })
    const b = toolDefinitionAttributes({
      name: 't',
      inputSchema: { properties: { q: { minLength: 1, type: 'string' } }, required: ['q'], type: 'object' },
    })
    expect(a[ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH]).toBe(b[ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH])
  })

  it('changes the hash when array order changes (enum order is meaningful)', () => {
    const a = toolDefinitionAttributes({ name: 't', inputSchema: { enum: ['a', 'b'] } })
    const b = toolDefinitionAttributes({ name: 't', inputSchema: { enum: ['b', 'a'] } })
    expect(a[ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH]).not.toBe(b[ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH])
  })

  it('writes a missing input schema as null rather than inventing one', () => {
    const attributes = toolDefinitionAttributes({ name: 't' })
    expect(attributes[ATTR_TOOL_DEFINITION_INPUT_SCHEMA]).toBe('null')
    expect(attributes[ATTR_TOOL_DEFINITION_INPUT_SCHEMA_HASH]).toBe(
      '74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b',
    )
  })

  it('omits the output schema and annotations when absent or null', () => {
    const attributes = toolDefinitionAttributes({ name: 't', inputSchema: {}, outputSchema: null })
    expect(attributes).not.toHaveProperty(ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA)
    expect(attributes).not.toHaveProperty(ATTR_TOOL_DEFINITION_OUTPUT_SCHEMA_HASH)
    expect(attributes).not.toHaveProperty(ATTR_TOOL_DEFINITION_ANNOTATIONS)
    expect(attributes).not.toHaveProperty(ATTR_TOOL_DEFINITION_ANNOTATIONS_HASH)
  })

  it('merges the title into the annotations', () => {
    const withBoth = toolDefinitionAttributes({
      name: 't',
      title: 'Search',
      annotations: { readOnlyHint: true },
    })
    expect(withBoth[ATTR_TOOL_DEFINITION_ANNOTATIONS]).toBe('{"readOnlyHint":true,"title":"Search"}')
    const titleOnly = toolDefinitionAttributes({ name: 't', title: 'Search' })
    expect(titleOnly[ATTR_TOOL_DEFINITION_ANNOTATIONS]).toBe('{"title":"Search"}')
    expect(titleOnly[ATTR_TOOL_DEFINITION_ANNOTATIONS_HASH]).toBe(sha256Hex('{"title":"Search"}'))
  })

  it("keeps the annotations' own title over the tool's", () => {
    const attributes = toolDefinitionAttributes({
      name: 't',
      title: 'Outer',
      annotations: { title: 'Inner', openWorldHint: true },
    })
    expect(attributes[ATTR_TOOL_DEFINITION_ANNOTATIONS]).toBe('{"openWorldHint":true,"title":"Inner"}')
  })

  it('records empty annotations, since the tool has them', () => {
    expect(toolDefinitionAttributes({ name: 't', annotations: {} })[ATTR_TOOL_DEFINITION_ANNOTATIONS]).toBe(
      '{}',
    )
  })

  it('does not mutate the tool', () => {
    const tool = {
      name: 't',
      title: 'T',
      annotations: { readOnlyHint: true },
      inputSchema: { type: 'object', properties: { b: {}, a: {} } },
    }
    const before = structuredClone(tool)
    toolDefinitionAttributes(tool)
    expect(tool).toEqual(before)
    expect(Object.keys(tool.inputSchema.properties)).toEqual(['b', 'a'])
  })

  it('never throws', () => {
    const tool = {
      name: 't',
      get inputSchema(): unknown {
        throw new Error('boom')
      },
    }
    expect(toolDefinitionAttributes(tool)).toEqual({})
    expect(toolDefinitionAttributes(null as never)).toEqual({})
  })
})
