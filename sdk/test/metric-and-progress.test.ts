import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'
import { afterEach, describe, expect, it } from 'vitest'
import { instrument } from '../src/index.js'
import { drained, eventually, memoryTracing, onlySpan } from './support/tracing.js'
import { buildServer, connect, withProgressTool } from './support/v1-server.js'

const tracing = memoryTracing()
afterEach(() => tracing.reset())

describe('progress notifications', () => {
  it('become events on the span of the request they report on', async () => {
    const server = withProgressTool(instrument(buildServer({}), { tracerProvider: tracing.provider }))
    const client = await connect(server)
    const seen: number[] = []
    await client.callTool({ name: 'long_task', arguments: {} }, undefined, {
      onprogress: (p) => seen.push(p.progress),
    })
    expect(seen).toEqual([1, 2])
    await eventually(() => tracing.spans().some((s) => s.name === 'tools/call long_task'))
    const events = onlySpan(tracing.spans(), 'tools/call long_task').events.filter(
      (e) => e.name === 'notifications/progress',
    )
    expect(events.map((e) => e.attributes)).toEqual([
      { 'tollgate.progress.value': 1, 'tollgate.progress.total': 2 },
      { 'tollgate.progress.value': 2, 'tollgate.progress.total': 2 },
    ])
  })
})

describe('mcp.server.operation.duration', () => {
  it('is recorded per request with the documented buckets and attributes', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })
    const meterProvider = new MeterProvider({ readers: [reader] })
    const server = instrument(buildServer({}), { tracerProvider: tracing.provider, meterProvider })
    const client = await connect(server)
    await client.callTool({ name: 'search_accounts', arguments: { query: 'a' } })
    await client.callTool({ name: 'explode', arguments: {} })
    await drained()
    const { resourceMetrics } = await reader.collect()
    const metric = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === 'mcp.server.operation.duration')
    expect(metric?.descriptor.unit).toBe('s')
    const points = (metric?.dataPoints ?? []) as Array<{
      attributes: Record<string, unknown>
      value: { count: number; buckets: { boundaries: number[] } }
    }>
    const search = points.find((p) => p.attributes['gen_ai.tool.name'] === 'search_accounts')
    const failed = points.find((p) => p.attributes['gen_ai.tool.name'] === 'explode')
    expect(search?.value.count).toBe(1)
    expect(search?.attributes).toMatchObject({ 'mcp.method.name': 'tools/call' })
    expect(search?.attributes['error.type']).toBeUndefined()
    expect(failed?.attributes['error.type']).toBe('tool_error')
    expect(search?.value.buckets.boundaries).toEqual([
      0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
    ])
    expect(points.some((p) => 'jsonrpc.request.id' in p.attributes)).toBe(false)
    await meterProvider.shutdown()
  })
})
