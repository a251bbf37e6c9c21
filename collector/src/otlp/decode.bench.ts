/**
 * Micro-benchmark of the OTLP decoders (not a test): decoded spans per CPU-second for a
 * typical 500-span request of MCP `tools/call` spans (16 attributes of 2–200 characters,
 * one event, remote parent), in protobuf and JSON.
 *
 * Figures are per CPU-second of this process (`process.cpuUsage`, so GC threads count)
 * and also per wall-clock second. Two calibration lines put them in scale on the machine
 * at hand: the OTel exporter encoding the same spans, and `JSON.parse` of the JSON body.
 *
 * Run: `pnpm tsx collector/src/otlp/decode.bench.ts`
 */
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { decodeJsonExport } from './decode-json'
import { decodeProtobufExport } from './decode-protobuf'
import { mcpCallSpan, toJson, toProtobuf } from './test-fixtures'
import { DEFAULT_LIMITS, validateExport } from './validate'

const SPANS_PER_REQUEST = 500
const RUN_MS = 3000
const WARM_UP_MS = 1000

const resource = {
  attributes: { 'service.name': 'docs-mcp', 'service.version': '1.4.2', 'host.name': 'mcp-1' },
}
const spans = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => mcpCallSpan(i, resource))
const protobuf = Buffer.from(toProtobuf(spans))
const json = Buffer.from(toJson(spans))
const jsonText = json.toString()

/** Runs `fn` (one request) for RUN_MS after a warm-up; returns spans per CPU-second and per second. */
function measure(fn: () => unknown): { cpu: number; wall: number } {
  const warmUntil = performance.now() + WARM_UP_MS
  while (performance.now() < warmUntil) fn()
  let requests = 0
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  let elapsed = 0
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 10; i++) fn()
    requests += 10
    elapsed = performance.now() - start
  }
  const cpu = process.cpuUsage(cpu0)
  const spansDone = requests * SPANS_PER_REQUEST
  return { cpu: spansDone / ((cpu.user + cpu.system) / 1e6), wall: spansDone / (elapsed / 1000) }
}

function report(label: string, fn: () => unknown): void {
  const { cpu, wall } = measure(fn)
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10)
  process.stdout.write(`${label.padEnd(44)} ${fmt(cpu)} spans/CPU-s ${fmt(wall)} spans/s\n`)
}

process.stdout.write(
  `${SPANS_PER_REQUEST} spans/request; protobuf ${protobuf.length} B, JSON ${json.length} B; node ${process.version}\n`,
)
report('decodeProtobufExport', () => decodeProtobufExport(protobuf))
report('decodeProtobufExport + validateExport', () =>
  validateExport(decodeProtobufExport(protobuf), DEFAULT_LIMITS),
)
report('decodeJsonExport + validateExport', () => validateExport(decodeJsonExport(json), DEFAULT_LIMITS))
report('calibration: OTel ProtobufTraceSerializer', () => ProtobufTraceSerializer.serializeRequest(spans))
report('calibration: JSON.parse of the JSON body', () => JSON.parse(jsonText))
