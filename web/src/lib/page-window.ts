import { parseRange, previousWindow, resolveWindow } from './time-range'

/** The window a page shows, in the forms its queries and charts need. */
export interface PageWindow {
  from: string
  to: string
  fromMs: number
  toMs: number
  spanMs: number
  previous: { from: string; to: string }
  /** Identifies the window, to key a Suspense boundary so a new range shows a skeleton. */
  key: string
}

/** The page's window from its search params at `nowMs`. */
export function pageWindow(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  nowMs: number = Date.now(),
): PageWindow {
  const window = resolveWindow(parseRange(params).state, nowMs)
  const prev = previousWindow(window)
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    from: iso(window.fromMs),
    to: iso(window.toMs),
    fromMs: window.fromMs,
    toMs: window.toMs,
    spanMs: window.toMs - window.fromMs,
    previous: { from: iso(prev.fromMs), to: iso(prev.toMs) },
    key: `${window.fromMs}-${window.toMs}`,
  }
}
