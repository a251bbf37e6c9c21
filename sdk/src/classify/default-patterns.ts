/**
 * The default denial patterns: wording that authorization layers use, and that plain
 * failures (not found, invalid input, timeouts) do not. Each id is stable: it becomes
 * the rule `pattern:<id>` on the denial event.
 */
export const DEFAULT_DENIAL_PATTERNS: readonly { readonly id: string; readonly pattern: RegExp }[] = [
  { id: 'access_denied', pattern: /\baccess\s+(?:is\s+|was\s+)?denied\b/i },
  { id: 'permission_denied', pattern: /\bpermissions?\s+(?:is\s+|was\s+|were\s+)?denied\b/i },
  // NB: "contains forbidden characters" is input validation, not authorization.
  {
    id: 'forbidden',
    pattern:
      /\bforbidden\b(?!\s+(?:characters?|chars?|symbols?|words?|values?|keys?|fields?|names?|tokens?)\b)/i,
  },
  { id: 'not_permitted', pattern: /\bnot\s+permitted\b/i },
  // NB: bare "not allowed" is mostly validation ("trailing commas are not allowed", "method not
  // allowed"), so only the authorization phrasings count.
  {
    id: 'not_allowed',
    pattern:
      /\bnot\s+allowed\s+to\b|\b(?:access|action|operation|request|call|tool\s+call)\s+(?:is\s+|was\s+)?not\s+allowed\b/i,
  },
  { id: 'unauthorized', pattern: /\bunauthori[sz]ed\b/i },
  { id: 'not_authorized', pattern: /\bnot\s+authori[sz]ed\b/i },
  { id: 'insufficient_scope', pattern: /\binsufficient[\s_]+scopes?\b/i },
  {
    id: 'insufficient_permissions',
    pattern: /\binsufficient[\s_]+(?:permissions?|privileges?|access\s+rights)\b/i,
  },
  {
    id: 'policy_denied',
    pattern:
      /\b(?:denied|blocked|rejected)\s+by\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:policy|policies|guardrails?)\b/i,
  },
]

/**
 * The gateway case (SEMCONV.md §1.3): -32602 "Unknown tool" for a tool the caller may
 * not see. Only with that code — elsewhere an unknown tool is just a caller error.
 */
export const UNKNOWN_TOOL_CODE = -32602
export const UNKNOWN_TOOL = /\bunknown\s+tool\b/i
