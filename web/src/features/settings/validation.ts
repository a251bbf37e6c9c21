/**
 * Input checks the settings forms run before asking the api, with the api's own limits
 * (api/src/members/members.service.ts, api-tokens.service.ts, ingest-keys.service.ts), so a
 * typo is answered at once and an oversized field never travels. The api checks again.
 */

/** The roles a member can hold, most powerful first. */
export const ROLES = ['ADMIN', 'INVESTIGATOR', 'VIEWER'] as const
export type RoleName = (typeof ROLES)[number]

/** What each role may do, as the role pickers explain it. */
export const ROLE_HINTS: Readonly<Record<RoleName, string>> = {
  ADMIN: 'everything, including members and ingest keys',
  INVESTIGATOR: 'all data, payloads included',
  VIEWER: 'figures and calls, payloads withheld',
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 256
export const TOKEN_NAME_MAX = 100
export const KEY_NAME_MAX = 200
/** Ids (projects, tokens, keys) are short; a longer one is not ours and is not sent. */
const ID_MAX = 200

/** A checked value, or the message the form shows. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string }

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

/** A form field as a string ('' when missing or a file). */
export function field(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

export function checkRole(raw: string): Checked<RoleName> {
  return (ROLES as readonly string[]).includes(raw)
    ? { ok: true, value: raw as RoleName }
    : fail('Choose a role: admin, investigator or viewer.')
}

export function checkUsername(raw: string): Checked<string> {
  const username = raw.trim()
  if (username === '') return fail('Enter a username.')
  if (!USERNAME_PATTERN.test(username)) {
    return fail('A username is 1–64 characters of A–Z, a–z, 0–9, _ . @ - and starts with a letter or digit.')
  }
  return { ok: true, value: username }
}

/** Passwords are taken as typed (no trimming): spaces may be part of them. */
export function checkPassword(raw: string): Checked<string> {
  if (raw.length < PASSWORD_MIN) return fail(`The password must be at least ${PASSWORD_MIN} characters long.`)
  if (raw.length > PASSWORD_MAX) return fail(`The password must be at most ${PASSWORD_MAX} characters long.`)
  return { ok: true, value: raw }
}

/** A token or key name: trimmed, 1–`max` characters. */
export function checkName(raw: string, max: number): Checked<string> {
  const name = raw.trim()
  if (name === '') return fail('Give it a name, such as where it will be used.')
  if (name.length > max) return fail(`The name must be at most ${max} characters long.`)
  return { ok: true, value: name }
}

/** An id the page itself put in a hidden field: present and short. */
export function checkId(raw: string, what: string): Checked<string> {
  if (raw === '' || raw.length > ID_MAX) return fail(`This ${what} is not known. Reload the page.`)
  return { ok: true, value: raw }
}

export interface Invite {
  username: string
  password: string
  role: RoleName
}

/** The invite form's three fields, checked in the order the form shows them. */
export function checkInvite(form: FormData): Checked<Invite> {
  const username = checkUsername(field(form, 'username'))
  if (!username.ok) return username
  const password = checkPassword(field(form, 'password'))
  if (!password.ok) return password
  const role = checkRole(field(form, 'role'))
  if (!role.ok) return role
  return { ok: true, value: { username: username.value, password: password.value, role: role.value } }
}
