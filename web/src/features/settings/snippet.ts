/**
 * The two lines that start an MCP server with the SDK and a new ingest key (README.md,
 * "Instrument an MCP server"). `otlpUrl` is the receiver's base URL (the SDK adds
 * `/v1/traces`). Values are quoted for the shell when they need it; generated keys never do.
 */
export function sdkSnippet(otlpUrl: string, key: string): string {
  return `TOLLGATE_ENDPOINT=${shellWord(otlpUrl)} TOLLGATE_API_KEY=${shellWord(key)} \\\n  node --import @tollgate/sdk/register server.js`
}

/** `value` as one POSIX shell word: bare when it is plain, else single-quoted. */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9_.:/@%+=,-]+$/.test(value)) return value
  return `'${value.replaceAll("'", `'\\''`)}'`
}
