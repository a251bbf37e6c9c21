import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Credentials the spawned server is bootstrapped with (TOLLGATE_BOOTSTRAP_*). */
export const TEST_SECRETS = {
  ingestKey: 'tg_ingest_e2e0000000000000000000000000000000',
  adminPassword: 'e2e-admin-password-0123456789',
  adminToken: 'tg_api_e2e00000000000000000000000000000000000',
}

/** A `pnpm serve`-equivalent child process on free loopback ports. */
export interface SpawnedServer {
  child: ChildProcess
  otlpUrl: string
  apiUrl: string
  /** Everything the process wrote to stderr and stdout so far (for failure messages). */
  output(): string
  /** Sends a signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolvePort(port))
    })
  })
}

/** Starts the server process on `dataDir` and waits until /readyz says ready. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<SpawnedServer> {
  const [otlpPort, apiPort] = [await freePort(), await freePort()]
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'api/src/main.ts')], {
    cwd: join(REPO_ROOT, 'api'),
    env: {
      ...process.env,
      TOLLGATE_DATA_DIR: dataDir,
      TOLLGATE_HOST: '127.0.0.1',
      TOLLGATE_OTLP_PORT: String(otlpPort),
      TOLLGATE_API_PORT: String(apiPort),
      TOLLGATE_BOOTSTRAP_INGEST_KEY: TEST_SECRETS.ingestKey,
      TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD: TEST_SECRETS.adminPassword,
      TOLLGATE_BOOTSTRAP_ADMIN_TOKEN: TEST_SECRETS.adminToken,
      TOLLGATE_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const apiUrl = `http://127.0.0.1:${apiPort}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server not ready within 90 s:\n${output}`)
    }
    const ready = await fetch(`${apiUrl}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ready) break
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    child,
    otlpUrl: `http://127.0.0.1:${otlpPort}/v1/traces`,
    apiUrl,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
