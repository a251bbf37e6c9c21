import type { PayloadState } from '../graphql/generated'
import { formatBytes } from '../lib/format'

/** A payload as the api gave it for this user's role. */
export interface PayloadValue {
  state: PayloadState
  text: string | null
  bytes: number
}

/** JSON pretty-printed when it parses, else the text as recorded. */
export function prettyPayload(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/**
 * A payload (arguments, result, a source's filter): shown, withheld for the role, or not
 * recorded. A withheld payload is always visibly withheld, never an empty box, so a viewer
 * can tell "hidden from me" from "nothing there".
 */
export function PayloadView({ label, payload }: { label: string; payload: PayloadValue }) {
  const size = payload.bytes > 0 ? ` · ${formatBytes(payload.bytes)}` : ''
  return (
    <div className="payload-view">
      <div className="muted small">
        {label}
        {size}
      </div>
      {payload.state === 'SHOWN' && <pre className="payload">{prettyPayload(payload.text ?? '')}</pre>}
      {payload.state === 'WITHHELD' && (
        <p className="withheld" data-payload="withheld">
          Withheld for your role: payloads need the investigator or admin role{size}.
        </p>
      )}
      {payload.state === 'ABSENT' && (
        <p className="muted small">Not recorded (the SDK did not capture it, or it expired).</p>
      )}
    </div>
  )
}
