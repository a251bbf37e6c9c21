/**
 * One `bench:sdk` process: `child.ts <group> <sink> <rounds> <calls> <warmup> <queueSize>`.
 * Only the named group's module is imported, so a peer's process-wide setup never reaches
 * another group; the medians go back to the coordinator over IPC.
 */
import type { Group, GroupOptions, GroupResult } from './harness'
import { runGroup } from './harness'

const groups: Record<string, () => Promise<{ setup: (opts: GroupOptions) => Promise<Group> }>> = {
  main: () => import('./main'),
  sentry: () => import('./sentry'),
  traceloop: () => import('./traceloop'),
  shinzolabs: () => import('./shinzolabs'),
}

async function run(): Promise<GroupResult> {
  const [name = '', sink = '', rounds, calls, warmup, queueSize] = process.argv.slice(2)
  const load = groups[name]
  if (load === undefined) throw new Error(`unknown group ${name}`)
  const group = await (await load()).setup({ sink, queueSize: Number(queueSize) })
  const results = await runGroup(group, Number(rounds), Number(calls), Number(warmup))
  await group.close()
  return {
    group: name,
    callsPerVariant: Number(warmup) + Number(rounds) * Number(calls),
    results,
    notes: group.notes,
  }
}

try {
  const result = await run()
  // exit only once the coordinator has the message; peers may hold timers open.
  process.send?.(result, () => process.exit(0))
} catch (error) {
  console.error(error)
  process.exit(1)
}
