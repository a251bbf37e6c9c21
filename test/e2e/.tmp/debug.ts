import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOtlpReceiver, IngestKeyStore, openStorage, runMigrations } from '@tollgate/collector'
import { Registry } from 'prom-client'
import { SpanKind } from '@opentelemetry/api'
import { protobufBody, recordSpans } from '../../support/sdk-spans'
import { exportTraces } from '../../support/otlp-wire'
import { TEST_LIMITS } from '../../support/in-process'

const dir = mkdtempSync(join(tmpdir(), 'dbg-'))
const storage = openStorage({ kind: 'embedded', dataDir: join(dir, 'data'), database: 'tollgate_test' })
await runMigrations(storage)
const keys = new IngestKeyStore(storage)
const { key } = await keys.create('p1', 'k')
const log = { info() {}, debug() {}, warn: (o: object, m?: string) => console.error('WARN', m, JSON.stringify(o)), error: (o: object, m?: string) => console.error('ERR', m, JSON.stringify(o)) }
const receiver = createOtlpReceiver({ host: '127.0.0.1', port: 0, storage, keys, logger: log, registry: new Registry(), limits: TEST_LIMITS, body: { maxBodyBytes: 8 << 20, maxDecompressedBytes: 64 << 20 }, batch: { maxRows: 20000, maxDelayMs: 50, maxQueueBytes: 128 << 20 } })
const { port } = await receiver.listen()
const spans = await recordSpans((tracer) => {
  const span = tracer.startSpan('tools/call x', { kind: SpanKind.SERVER, attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'x' } })
  span.addEvent('tollgate.denial', { 'tollgate.denial.resource': 'doc:1' })
  span.addEvent('tollgate.provenance', { 'tollgate.provenance.uri': 'kb://1' })
  span.end()
})
const res = await exportTraces(`http://127.0.0.1:${port}/v1/traces`, protobufBody(spans), { format: 'protobuf', key })
console.log(res.status, res.body.toString())
await receiver.close(); await storage.close()
