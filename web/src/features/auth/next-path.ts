/**
 * Where to go after signing in: a path of this site only (`/…`, not `//host` or `/\host`,
 * which browsers read as another origin), so a crafted login link cannot send a user away.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return '/'
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  // Control characters (a newline, say) never belong in a path we send a browser to.
  for (const ch of value) if (ch.charCodeAt(0) < 0x20) return '/'
  return value
}
