import { join } from 'node:path'
import type { ChildSpec, LineFilter, OutputMode } from './children.js'
import type { StartSettings } from './settings.js'

/**
 * The commands `pnpm start` runs, as child specs: the same entries `pnpm serve`,
 * `pnpm tollgate`, `next build` / `next start` use, so the launcher adds no second way to
 * start anything. TypeScript entries run through tsx resolved from their own package.
 */

const WEB_ENV = { NEXT_TELEMETRY_DISABLED: '1' }

function nextBin(s: StartSettings): string {
  return join(s.repoRoot, 'web', 'node_modules', 'next', 'dist', 'bin', 'next')
}

/** The Tollgate server (`pnpm serve`). Its JSON log lines go to stderr with everything else. */
export function serverSpec(s: StartSettings, env: NodeJS.ProcessEnv, output: OutputMode): ChildSpec {
  return {
    name: 'the server',
    command: process.execPath,
    args: ['--import', 'tsx', join(s.repoRoot, 'api/src/main.ts')],
    cwd: join(s.repoRoot, 'api'),
    env,
    output,
  }
}

/** `pnpm tollgate <args>` (the operator CLI, same storage settings as the server). */
export function cliSpec(
  s: StartSettings,
  env: NodeJS.ProcessEnv,
  args: readonly string[],
  output: OutputMode,
): ChildSpec {
  return {
    name: `\`tollgate ${args.slice(0, 2).join(' ')}\``,
    command: process.execPath,
    args: ['--import', 'tsx', join(s.repoRoot, 'api/src/cli/main.ts'), ...args],
    cwd: join(s.repoRoot, 'api'),
    env,
    output,
  }
}

/** `next build` of the dashboard, output kept for a failure message. */
export function webBuildSpec(s: StartSettings, env: NodeJS.ProcessEnv): ChildSpec {
  return {
    name: 'the dashboard build (next build)',
    command: process.execPath,
    args: [nextBin(s), 'build'],
    cwd: join(s.repoRoot, 'web'),
    env: { ...env, ...WEB_ENV },
    output: { kind: 'capture' },
  }
}

/** `next start` on TOLLGATE_WEB_PORT, pointed at the api. */
export function webSpec(s: StartSettings, env: NodeJS.ProcessEnv): ChildSpec {
  return {
    name: 'the web (next start)',
    command: process.execPath,
    args: [nextBin(s), 'start', '--port', String(s.ports.web), '--hostname', s.host],
    cwd: join(s.repoRoot, 'web'),
    env: {
      ...env,
      ...WEB_ENV,
      TOLLGATE_API_PORT: String(s.ports.api),
      TOLLGATE_API_URL: s.apiGraphqlUrl,
      // Shown in Settings' SDK snippet: where a server on this machine sends its spans.
      TOLLGATE_OTLP_URL: env.TOLLGATE_OTLP_URL ?? `http://${s.dialHost}:${s.ports.otlp}`,
    },
    // Next's own banner names a URL we print ourselves; keep its warnings and errors.
    output: { kind: 'forward', prefix: '[web] ', filter: dropNextBanner() },
  }
}

/** The demo's MCP server + client loop, exporting to the OTLP port with `ingestKey`. */
export function demoSpec(s: StartSettings, env: NodeJS.ProcessEnv, ingestKey: string): ChildSpec {
  return {
    name: 'the demo traffic',
    command: process.execPath,
    // The SDK runs from its TypeScript source: a fresh clone has no sdk/dist.
    args: [
      '--conditions=tollgate-source',
      '--import',
      'tsx',
      join(s.repoRoot, 'deploy/local/demo/traffic.ts'),
    ],
    cwd: join(s.repoRoot, 'deploy/local'),
    env: { ...env, TOLLGATE_ENDPOINT: `http://${s.dialHost}:${s.ports.otlp}`, TOLLGATE_API_KEY: ingestKey },
    output: { kind: 'forward' },
  }
}

/** Drops the lines of Next's start banner (`▲ Next.js …`, `- Local: …`, `✓ Ready in …`) and blank ones. */
function dropNextBanner(): LineFilter {
  return (line) => !/^\s*(▲ Next\.js|- (Local|Network):|✓ (Starting|Ready|Running next\.config)|$)/.test(line)
}

/**
 * For the seed: a progress line repeating the previous one's count (the engine is merging,
 * nothing moved) says nothing new.
 */
export function dropRepeatedProgress(): LineFilter {
  let lastCount = ''
  return (line) => {
    const count = /^([\d,]+ \/ [\d,]+) calls/.exec(line)?.[1]
    if (count === undefined) return true
    if (count === lastCount) return false
    lastCount = count
    return true
  }
}

/**
 * For the server's set-up run on a fresh data directory: keeps the first-start credentials
 * block, drops the "Tollgate is running" block (that run is stopped at once; the real
 * start prints it again).
 */
export function dropListeningBanner(): LineFilter {
  let inBanner = false
  return (line) => {
    if (line.startsWith('Tollgate is running')) inBanner = true
    else if (inBanner && !line.startsWith('  ')) inBanner = false
    return !inBanner
  }
}
