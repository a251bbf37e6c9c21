import type { ActionState } from '../action-state'

/** A form's answer: a refusal as an alert, a confirmation as a status; nothing while idle. */
export function FormMessage({ state, id }: { state: ActionState; id?: string }) {
  if (state.status === 'error') {
    return (
      <p id={id} role="alert" className="form-error">
        {state.error}
      </p>
    )
  }
  if (state.status === 'ok') {
    return (
      <p id={id} role="status" className="small">
        {state.ok}
      </p>
    )
  }
  return null
}
