import { type Child, ChildFailed, describeExit } from './children.js'

/**
 * Polls `url` until it answers 200. Fails, naming the child, as soon as `child` exits or
 * after `timeoutMs` — never waits on a process that is gone.
 */
export async function waitUntilAnswers(child: Child, url: string, timeoutMs: number): Promise<void> {
  let exit: string | undefined
  void child.exited.then(({ code, signal }) => {
    exit = describeExit(code, signal)
  })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exit !== undefined) throw new ChildFailed(child, `${exit} before it was ready`)
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.status === 200,
      () => false,
    )
    if (ok) return
    if (Date.now() > deadline) {
      throw new ChildFailed(child, `did not answer ${url} within ${Math.round(timeoutMs / 1000)} s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
