import { Inject } from '@nestjs/common'
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql'
import { AuditLog } from '../audit/audit-log'
import { requireRole } from '../auth/viewer'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { CallsRepository } from './calls.repository'
import { spanIdArg, traceIdArg } from './ids'
import { McpCall } from './models/call.model'
import { mayReadPayloads } from './payload-access'
import { auditPayloadReads } from './payload-audit'

@Resolver(() => McpCall)
export class CallsResolver {
  constructor(
    @Inject(CallsRepository) private readonly repository: CallsRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @ParamTypes(String, String, String, Object)
  @Query(() => McpCall, {
    nullable: true,
    description:
      'One call with its payloads (withheld from viewers), denials, sources and approvals; null when unknown. Reading payloads is audited.',
  })
  async call(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('traceId', { type: () => String, description: '32 lowercase hex digits' }) traceId: string,
    @Args('spanId', { type: () => String, description: '16 lowercase hex digits' }) spanId: string,
    @Context() context: RequestContext,
  ): Promise<McpCall | null> {
    const role = requireRole(context.viewer, projectId, 'viewer')
    const shown = mayReadPayloads(role)
    const call = await this.repository.find(projectId, traceIdArg(traceId), spanIdArg(spanId), shown)
    if (call !== null && context.viewer !== null) {
      await auditPayloadReads(this.audit, context.viewer, projectId, [call], 'call')
    }
    return call
  }
}
