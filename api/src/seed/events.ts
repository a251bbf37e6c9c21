/**
 * The Tollgate span events a server's handler reports (SEMCONV.md §4), with their
 * attributes exactly as the SDK names them. `call-rows.ts` maps them to
 * `mcp_events` rows with the collector's own `mcpEventRow`.
 */
import type { PlannedEvent } from './call-plan'
import { msToIso } from './nanos'

/** A denial decided inside the call (explicit), or inferred by the SDK's classifier from an error. */
export function denialEvent(
  resource: string,
  action: string,
  reason: string,
  policy: string,
  inferred: boolean,
): PlannedEvent {
  const attributes: Record<string, string> = {
    'tollgate.denial.resource': resource,
    'tollgate.denial.action': action,
    'tollgate.denial.reason': reason,
  }
  if (policy !== '') attributes['tollgate.denial.policy'] = policy
  if (inferred) attributes['tollgate.denial.inferred'] = 'true'
  return { kind: 'denial', name: 'tollgate.denial', attributes }
}

/** Part of what was asked was granted: fields withheld and masked. */
export function partialEvent(
  resource: string,
  granted: string[],
  denied: string[],
  reason: string,
): PlannedEvent {
  return {
    kind: 'partial',
    name: 'tollgate.partial',
    attributes: {
      'tollgate.partial.resource': resource,
      'tollgate.partial.granted': JSON.stringify(granted),
      'tollgate.partial.denied': JSON.stringify(denied),
      'tollgate.partial.redacted_fields': '["email","phone"]',
      'tollgate.partial.reason': reason,
    },
  }
}

/** One source the answer was built from, with the freshness of what was read. */
export function provenanceEvent(
  source: string,
  uri: string,
  tenant: string,
  asOfMs: number,
  filter: string,
  excluded: number,
): PlannedEvent {
  const attributes: Record<string, string> = {
    'tollgate.provenance.source': source,
    'tollgate.provenance.uri': uri,
    'tollgate.provenance.tenant': tenant,
    'tollgate.provenance.as_of': msToIso(asOfMs),
  }
  if (filter !== '') attributes['tollgate.provenance.filter'] = filter
  if (excluded > 0) {
    attributes['tollgate.provenance.excluded.count'] = String(excluded)
    attributes['tollgate.provenance.excluded.reason'] = 'outside the caller’s tenant or team'
  }
  return {
    kind: 'provenance',
    name: 'tollgate.provenance',
    attributes,
    // The SDK sends ms precision; the collector stores what it parsed.
  }
}

/** The approval a state-changing call ran under. */
export function approvalEvent(approvalId: string, approvedBy: string, shownParameters: string): PlannedEvent {
  return {
    kind: 'approval',
    name: 'tollgate.approval',
    attributes: {
      'tollgate.approval.id': approvalId,
      'tollgate.approval.approved_by': approvedBy,
      'tollgate.approval.shown_parameters': shownParameters,
    },
  }
}

/** One field the SDK redacted before export. */
export function redactionEvent(field: string, rule: string): PlannedEvent {
  return {
    kind: 'redaction',
    name: 'tollgate.redaction',
    attributes: { 'tollgate.redaction.field': field, 'tollgate.redaction.rule': rule },
  }
}

/** Content from an untrusted source entered the result. */
export function untrustedEvent(source: string, reason: string): PlannedEvent {
  return {
    kind: 'untrusted',
    name: 'tollgate.untrusted',
    attributes: {
      'tollgate.untrusted.source': source,
      'tollgate.untrusted.rule': 'third_party_content',
      'tollgate.untrusted.reason': reason,
    },
  }
}
