/**
 * The process with Tollgate and the hand-written reference span. Nothing here patches a
 * prototype or a module (`instrument()` patches the one server instance it is given), so these
 * variants can share a process with bare and run interleaved.
 */
import { instrument, provenance } from '@tollgate/sdk'
import { buildServer, connect, type Group, type GroupOptions, type Wrap } from './harness'
import { installContextManager, pipeline } from './otel'

export async function setup(opts: GroupOptions): Promise<Group> {
  installContextManager()
  const hand = pipeline(opts, 'hand-written')
  const tollgate = pipeline(opts, 'tollgate')
  const withProvenance = pipeline(opts, 'tollgate-provenance')
  const tracer = hand.provider.getTracer('hand-written')
  const handWritten: Wrap = (name, run) =>
    tracer.startActiveSpan(`tools/call ${name}`, async (span) => {
      try {
        return await run()
      } finally {
        span.end()
      }
    })
  const recordProvenance = () => provenance({ source: 'crm', uri: 'crm:accounts/42' })
  const variants = [
    { name: 'bare', client: await connect(buildServer()) },
    { name: 'hand-written span', client: await connect(buildServer({ wrap: handWritten })), ...hand },
    {
      name: 'tollgate',
      client: await connect(instrument(buildServer(), { tracerProvider: tollgate.provider })),
      ...tollgate,
    },
    {
      name: 'tollgate + provenance',
      client: await connect(
        instrument(buildServer({ before: recordProvenance }), { tracerProvider: withProvenance.provider }),
      ),
      ...withProvenance,
    },
  ]
  return {
    variants,
    notes: [],
    close: async () => {
      for (const v of variants) await v.client.close()
      for (const p of [hand, tollgate, withProvenance]) await p.provider.shutdown()
    },
  }
}
