'use client'

import { useActionState } from 'react'
import { type SignInState, signIn } from '../actions'

/** The sign-in form; works before JavaScript loads (a plain POST to the server action). */
export function LoginForm({ next, notice }: { next: string; notice: string | null }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {
    error: null,
    username: '',
  })
  const message = state.error ?? notice
  return (
    <form action={action} className="login-form" aria-describedby={message ? 'login-message' : undefined}>
      <h1>Sign in to Tollgate</h1>
      {message && (
        <p id="login-message" role="alert" className={state.error ? 'form-error' : 'form-notice'}>
          {message}
        </p>
      )}
      <input type="hidden" name="next" value={next} />
      <label>
        Username
        <input name="username" autoComplete="username" required defaultValue={state.username} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted small">
        First start? The admin password was printed once by <code>pnpm start</code> and saved in{' '}
        <code>.tollgate/data/first-run-secrets.json</code>.
      </p>
    </form>
  )
}
