import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'

const TOOLS = [
  'search_tickets',
  'read_ticket',
  'lookup_customer',
  'draft_reply',
  'assign_ticket',
  'oncall_roster',
]

/**
 * Builds `requests` OTLP protobuf export bodies of `spansPerRequest` MCP server
 * spans each, through the real OTel SDK and serializer, as an instrumented MCP
 * server would send them. Span ids are random, so every request is distinct.
 */
export function buildMcpRequests(requests: number, spansPerRequest: number): Uint8Array[] {
  const exporter = new InMemorySpanExporter()
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'support-desk', 'service.version': '1.4.2' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  })
  const tracer = provider.getTracer('@tollgate/sdk', '0.1.0')
  const bodies: Uint8Array[] = []
  for (let r = 0; r < requests; r++) {
    exporter.reset()
    for (let i = 0; i < spansPerRequest; i++) {
      const tool = TOOLS[(r + i) % TOOLS.length]!
      const span = tracer.startSpan(`tools/call ${tool}`, {
        kind: 1, // SERVER
        attributes: {
          'mcp.method.name': 'tools/call',
          'gen_ai.tool.name': tool,
          'gen_ai.operation.name': 'execute_tool',
          'jsonrpc.request.id': String(i),
          'mcp.session.id': `session-${r}-${i % 7}`,
          'mcp.protocol.version': '2025-06-18',
          'network.transport': 'tcp',
          'tollgate.user.id': `user-${i % 50}@example.com`,
          'tollgate.agent.id': 'support-agent',
          'tollgate.oauth.client_id': 'desk-web',
          'tollgate.oauth.scopes': ['tickets:read', 'customers:read'],
          'tollgate.tenant': `tenant-${i % 5}`,
          'tollgate.side_effect': 'read',
          'gen_ai.tool.call.arguments': JSON.stringify({ query: `refund request ${i}`, limit: 20 }),
          'gen_ai.tool.call.result': JSON.stringify({
            tickets: [{ id: `T-${i}`, subject: 'Refund for order' }],
          }),
        },
      })
      if (i % 10 === 0) {
        span.addEvent('tollgate.provenance', {
          'tollgate.provenance.source': 'tickets-db',
          'tollgate.provenance.uri': `tickets://T-${i}`,
        })
      }
      span.end()
    }
    bodies.push(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!)
  }
  return bodies
}
