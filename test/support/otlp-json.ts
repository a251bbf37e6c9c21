import { randomBytes } from 'node:crypto'

/** One span as the test describes it; turned into OTLP/JSON by {@link otlpJsonBody}. */
export interface TestSpan {
  traceId: string
  spanId: string
  name: string
  startNs: bigint
  endNs: bigint
  attributes: Record<string, string | number | boolean | string[]>
}

export const hexId = (bytes: number): string => randomBytes(bytes).toString('hex')

/** `n` MCP tools/call server spans with distinct ids, starting around now. */
export function mcpSpans(n: number, label = 'batch'): TestSpan[] {
  const base = BigInt(Date.now()) * 1_000_000n
  return Array.from({ length: n }, (_, i) => ({
    traceId: hexId(16),
    spanId: hexId(8),
    name: 'tools/call search_tickets',
    startNs: base + BigInt(i) * 1000n,
    endNs: base + BigInt(i) * 1000n + 2_500_000n,
    attributes: {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'search_tickets',
      'gen_ai.operation.name': 'execute_tool',
      'jsonrpc.request.id': String(i),
      'mcp.session.id': `sess-${label}`,
      'tollgate.user.id': 'user-1',
      'test.label': label,
      'test.index': i,
    },
  }))
}

function anyValue(v: TestSpan['attributes'][string]): object {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } }
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v }
  if (typeof v === 'boolean') return { boolValue: v }
  return { stringValue: v }
}

/** An OTLP/JSON ExportTraceServiceRequest for the given spans (one resource, one scope). */
export function otlpJsonBody(spans: readonly TestSpan[], serviceName = 'support-desk'): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'tollgate-test', version: '1.0.0' },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              name: s.name,
              kind: 2,
              startTimeUnixNano: s.startNs.toString(),
              endTimeUnixNano: s.endNs.toString(),
              attributes: Object.entries(s.attributes).map(([key, value]) => ({
                key,
                value: anyValue(value),
              })),
              status: { code: 1 },
            })),
          },
        ],
      },
    ],
  })
}

/** POSTs an OTLP/JSON body; resolves with the status, or 0 when the connection failed. */
export async function postJson(url: string, key: string, body: string): Promise<number> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body,
    })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}
