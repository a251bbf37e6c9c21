/**
 * What a settings server action answers, for the form that called it (`useActionState`):
 * a refusal to show, or a confirmation. Plain data: it crosses from server to client.
 */
export type ActionState =
  | { status: 'idle' }
  | { status: 'error'; error: string }
  | { status: 'ok'; ok: string }

/** A just-created secret (API token or ingest key): kept only in the form's React state. */
export interface CreatedSecret {
  name: string
  /** The display prefix the list shows for it. */
  prefix: string
  /** The secret itself. NB: never logged, never put in a URL or cookie. */
  secret: string
}

/** The answer of a create action: on success it carries the secret to show once. */
export type CreateState = ActionState & { created?: CreatedSecret }

export const IDLE: ActionState = { status: 'idle' }

export const refused = (error: string): ActionState => ({ status: 'error', error })
export const done = (ok: string): ActionState => ({ status: 'ok', ok })
