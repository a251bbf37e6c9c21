import { AuditResolver } from '../audit/audit.resolver'
import { CallsResolver } from '../calls/calls.resolver'
import { DenialsResolver } from '../denials/denials.resolver'
import { OverviewResolver } from '../overview/overview.resolver'
import { PrincipalsResolver } from '../principals/principals.resolver'
import { ProvenanceResolver } from '../provenance/provenance.resolver'
import { SessionsResolver } from '../sessions/sessions.resolver'
import { ToolVersionsResolver } from '../tool-versions/tool-versions.resolver'
import { ToolsResolver } from '../tools/tools.resolver'
import { TracesResolver } from '../traces/traces.resolver'

/** Every resolver class: what `pnpm schema` prints. A test checks it against the running app's schema. */
export const RESOLVERS = [
  OverviewResolver,
  ToolsResolver,
  DenialsResolver,
  PrincipalsResolver,
  ProvenanceResolver,
  ToolVersionsResolver,
  SessionsResolver,
  TracesResolver,
  CallsResolver,
  AuditResolver,
]
