/** The details column's JSON object as `key: value` pairs; anything else as one raw line. */
export function detailEntries(details: string): [key: string, value: string][] {
  let parsed: unknown
  try {
    parsed = JSON.parse(details)
  } catch {
    return details === '' ? [] : [['', details]]
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return [['', details]]
  }
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])
}

const CALL_TARGET = /^([0-9a-f]{32})\/([0-9a-f]{16})$/

/**
 * The call a record is about, when its target names one (`traceId/spanId`, as payload reads
 * write it) and its details say the session: enough to link to the session step.
 */
export function callOfRecord(
  target: string,
  details: readonly [key: string, value: string][],
): { sessionId: string; traceId: string; spanId: string } | null {
  const match = CALL_TARGET.exec(target)
  const sessionId = details.find(([key]) => key === 'sessionId')?.[1]
  if (match === null || sessionId === undefined || sessionId === '') return null
  return { sessionId, traceId: match[1]!, spanId: match[2]! }
}
