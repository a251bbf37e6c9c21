import { type ChildProcess, spawn } from 'node:child_process'

/** How a child's output reaches the terminal. */
export type OutputMode =
  /** Copied to our stderr as it comes (stdout too: ours stays quiet). */
  | { kind: 'forward'; prefix?: string; filter?: LineFilter }
  /** Kept in memory only: shown if the child fails. */
  | { kind: 'capture' }

/** Decides per line whether it is forwarded (stateful filters see the lines in order). */
export type LineFilter = (line: string) => boolean

/** What to run. */
export interface ChildSpec {
  /** Named in every message about the child ("the server", "the web", ...). */
  name: string
  command: string
  args: readonly string[]
  cwd: string
  env: NodeJS.ProcessEnv
  output: OutputMode
}

/** A running child. */
export interface Child {
  readonly name: string
  readonly process: ChildProcess
  /** Resolves when it exited: its code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Everything it printed on stdout (for commands whose answer is their output). */
  stdout(): string
  /** The last lines of its output, for a failure message. */
  tail(lines?: number): string
}

/** Grace period between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 15_000
const TAIL_BYTES = 64 * 1024

/**
 * Starts and stops the launcher's children. Each runs in its own process group, so a
 * Ctrl-C in the terminal reaches only the launcher, which then stops the children in
 * order (the demo first, so its last spans still reach the server) — and so a stop
 * signal reaches a child's own helpers too (`next start` runs workers): nothing is
 * left behind.
 */
export class Children {
  private readonly running = new Set<Child>()

  /** Spawns `spec`; the child is tracked until it exits. */
  start(spec: ChildSpec): Child {
    const proc = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let recent = ''
    const keep = (text: string) => {
      recent = (recent + text).slice(-TAIL_BYTES)
    }
    const forward =
      spec.output.kind === 'forward' ? lineWriter(spec.output.prefix ?? '', spec.output.filter) : undefined
    proc.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text
      keep(text)
      forward?.write(text)
    })
    proc.stderr?.setEncoding('utf8').on('data', (text: string) => {
      keep(text)
      forward?.write(text)
    })
    proc.once('close', () => forward?.flush())
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      proc.once('error', (error) => {
        keep(`${error.message}\n`)
        resolve({ code: 127, signal: null })
      })
      proc.once('exit', (code, signal) => resolve({ code, signal }))
    })
    const child: Child = {
      name: spec.name,
      process: proc,
      exited,
      stdout: () => stdout,
      tail: (lines = 30) => recent.split('\n').slice(-lines).join('\n'),
    }
    this.running.add(child)
    void exited.then(() => {
      this.running.delete(child)
      // Whatever the child left in its group (workers it did not stop) goes with it.
      signalGroup(proc, 'SIGKILL')
    })
    return child
  }

  /** Runs `spec` to completion; throws, naming it and showing its last output, unless it exits 0. */
  async run(spec: ChildSpec): Promise<Child> {
    const child = this.start(spec)
    const { code, signal } = await child.exited
    if (code !== 0) throw new ChildFailed(child, describeExit(code, signal))
    return child
  }

  /** SIGTERM to `child`'s group, SIGKILL after the grace period; resolves when it exited. */
  async stop(child: Child, graceMs = STOP_GRACE_MS): Promise<void> {
    if (!this.running.has(child)) return
    signalGroup(child.process, 'SIGTERM')
    const timer = setTimeout(() => signalGroup(child.process, 'SIGKILL'), graceMs)
    await child.exited
    clearTimeout(timer)
  }

  /** Stops every child still running, all at once. */
  async stopAll(graceMs = STOP_GRACE_MS): Promise<void> {
    await Promise.all([...this.running].map((c) => this.stop(c, graceMs)))
  }
}

/** A child that exited when it should not have, or with a failure code. */
export class ChildFailed extends Error {
  constructor(
    readonly child: Child,
    readonly how: string,
  ) {
    super(`${child.name} ${how}`)
  }
}

/** `exited with code 1` / `was killed by SIGKILL`. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal === null ? `exited with code ${code}` : `was killed by ${signal}`
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return
  try {
    process.kill(-proc.pid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Splits a stream into lines and writes the kept ones to stderr with `prefix`. */
function lineWriter(
  prefix: string,
  filter: LineFilter | undefined,
): { write(text: string): void; flush(): void } {
  let partial = ''
  const emit = (lines: string[]) => {
    const kept = lines.filter((line) => filter === undefined || filter(line))
    if (kept.length > 0) process.stderr.write(kept.map((line) => `${prefix}${line}\n`).join(''))
  }
  return {
    write(text) {
      const lines = (partial + text).split('\n')
      partial = lines.pop() ?? ''
      emit(lines)
    },
    flush() {
      if (partial !== '') emit([partial])
      partial = ''
    },
  }
}
