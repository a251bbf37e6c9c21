/**
 * Sentry's MCP wrapper, enabled the way its docs say: `Sentry.init` with tracing on, then
 * `wrapMcpServerWithSentry(new McpServer(…))` before the tools are registered. The DSN points at
 * the loopback collector, so envelopes are built and sent as in production and never leave the
 * machine. Its own process: `init` installs process-wide integrations (http, console, global
 * handlers) that must not tax the other variants.
 */
import * as Sentry from '@sentry/node'
import { buildServer, connect, type Group, type GroupOptions } from './harness'

export async function setup(opts: GroupOptions): Promise<Group> {
  const url = new URL(opts.sink)
  Sentry.init({
    dsn: `http://bench@${url.host}/sentry/1`,
    tracesSampleRate: 1,
    // The sink stands in for sentry.io; nothing is read from or sent to the network otherwise.
    sendClientReports: false,
  })
  const bare = await connect(buildServer())
  const wrapped = await connect(
    // recordInputs/recordOutputs: capture on, as for the other variants (their default is on too).
    buildServer({
      setup: (server) => Sentry.wrapMcpServerWithSentry(server, { recordInputs: true, recordOutputs: true }),
    }),
  )
  return {
    variants: [
      { name: 'bare', client: bare },
      {
        name: 'sentry wrapMcpServerWithSentry',
        client: wrapped,
        peer: true,
        sinkKey: 'sentry',
        flush: async () => {
          // flush() drains Sentry's span buffer and waits for its transport; false = timed out.
          if (!(await Sentry.flush(10_000))) throw new Error('Sentry.flush timed out')
        },
      },
    ],
    notes: [],
    close: async () => {
      await bare.close()
      await wrapped.close()
      await Sentry.close(2000)
    },
  }
}
