'use client'

import Link from 'next/link'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { type FormEvent, useState } from 'react'
import { useHydrated } from '../../../components/use-hydrated'
import { MAX_RANGE_MS, PRESETS, type Preset, parseRange, withRange } from '../../../lib/time-range'

/** `2026-11-21T10:00` (what a datetime-local input holds) for a UTC instant. */
const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16)

/**
 * The global time range: presets as links (so each is a shareable URL) and a custom UTC
 * window. A range the URL got wrong is named, with what is shown instead.
 */
export function TimeRangePicker() {
  const params = useSearchParams()
  const pathname = usePathname()
  const router = useRouter()
  const { state, problem } = parseRange(params)
  const [error, setError] = useState<string | null>(null)
  const hydrated = useHydrated()
  const href = (preset: Preset) => {
    const query = withRange(params, { kind: 'preset', preset }).toString()
    return query === '' ? pathname : `${pathname}?${query}`
  }
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const fromMs = Date.parse(`${form.get('from')}:00Z`)
    const toMs = Date.parse(`${form.get('to')}:00Z`)
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return setError('Enter both dates.')
    if (toMs <= fromMs) return setError('“To” must be after “from”.')
    if (toMs - fromMs > MAX_RANGE_MS) return setError('A range can span at most 92 days.')
    setError(null)
    router.push(`${pathname}?${withRange(params, { kind: 'fixed', fromMs, toMs })}`)
  }
  const now = Date.now()
  return (
    <fieldset className="time-range" aria-label="Time range">
      {(Object.keys(PRESETS) as Preset[]).map((preset) => (
        <Link
          key={preset}
          href={href(preset)}
          className="chip"
          aria-current={state.kind === 'preset' && state.preset === preset ? 'true' : undefined}
        >
          {preset}
        </Link>
      ))}
      <details className="custom-range">
        <summary className="chip" aria-current={state.kind === 'fixed' ? 'true' : undefined}>
          {state.kind === 'fixed' ? `${toInput(state.fromMs)} → ${toInput(state.toMs)} UTC` : 'Custom'}
        </summary>
        <form onSubmit={apply} className="popover">
          <label>
            From (UTC)
            <input
              type="datetime-local"
              name="from"
              defaultValue={toInput(state.kind === 'fixed' ? state.fromMs : now - 86_400_000)}
            />
          </label>
          <label>
            To (UTC)
            <input
              type="datetime-local"
              name="to"
              defaultValue={toInput(state.kind === 'fixed' ? state.toMs : now)}
            />
          </label>
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
          <button type="submit" disabled={!hydrated}>
            Apply
          </button>
        </form>
      </details>
      {problem && (
        <p role="status" className="range-problem">
          The link’s time range was not used ({problem}); showing the last 24 hours.
        </p>
      )}
    </fieldset>
  )
}
