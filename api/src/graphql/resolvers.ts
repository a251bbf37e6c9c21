import { AlertRulesResolver } from '../alert-rules/alert-rules.resolver'
import { ApiTokensResolver } from '../api-tokens/api-tokens.resolver'
import { AuditResolver } from '../audit/audit.resolver'
import { LoginResolver } from '../auth/login.resolver'
import { CallsResolver } from '../calls/calls.resolver'
import { DenialsResolver } from '../denials/denials.resolver'
import { IngestKeysResolver } from '../ingest-keys/ingest-keys.resolver'
import { MembersResolver } from '../members/members.resolver'
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
  LoginResolver,
  MembersResolver,
  ApiTokensResolver,
  IngestKeysResolver,
  AlertRulesResolver,
]
