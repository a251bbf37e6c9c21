import { Inject } from '@nestjs/common'
import { Args, Context, GraphQLISODateTime, ID, Int, Query, Resolver } from '@nestjs/graphql'
import { AuditLog } from '../audit/audit-log'
import { apiError, requireRole, type Viewer } from '../auth/viewer'
import { mayReadPayloads } from '../calls/payload-access'
import { payloadShown, recordPayloadReads } from '../calls/payload-audit'
import { nextCursor, pageRequest } from '../graphql/page'
import { ParamTypes } from '../graphql/param-types'
import type { RequestContext } from '../graphql/request-context'
import { timeRange } from '../graphql/time-range'
import { ProvenancePage, ProvenanceRecord } from './models/provenance.model'
import { ProvenanceRepository } from './provenance.repository'

const TRACE_ID = /^[0-9a-f]{32}$/
const SPAN_ID = /^[0-9a-f]{16}$/
/** Longest URI looked up: longer ones are not keys anyone recorded. */
const MAX_URI_LENGTH = 2048

@Resolver(() => ProvenanceRecord)
export class ProvenanceResolver {
  constructor(
    @Inject(ProvenanceRepository) private readonly repository: ProvenanceRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @ParamTypes(String, Date, Date, String, Number, String, Object)
  @Query(() => ProvenancePage, {
    description: 'Every call that read a source URI: who, when, under which scopes, how fresh. Newest first.',
  })
  async provenanceByUri(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Args('uri', { type: () => String, description: 'The URI (or, for records without one, the source)' })
    uri: string,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1–100 (default 50)' })
    first: number | undefined,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
    @Context() context: RequestContext,
  ): Promise<ProvenancePage> {
    const role = requireRole(context.viewer, projectId, 'viewer')
    if (uri === '' || uri.length > MAX_URI_LENGTH) {
      throw apiError('BAD_USER_INPUT', `uri must be 1–${MAX_URI_LENGTH} characters`)
    }
    const page = pageRequest(first, after)
    const range = timeRange(from, to)
    const { items, hasMore } = await this.repository.byUri(projectId, range, uri, page, mayReadPayloads(role))
    await this.auditFilters(context.viewer as Viewer, projectId, items)
    return { items, nextCursor: nextCursor(page, items.length, hasMore) }
  }

  @ParamTypes(String, String, String, Object)
  @Query(() => [ProvenanceRecord], { description: 'Every source behind one call' })
  async provenanceOfCall(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('traceId', { type: () => String, description: '32 lowercase hex digits' }) traceId: string,
    @Args('spanId', { type: () => String, description: '16 lowercase hex digits' }) spanId: string,
    @Context() context: RequestContext,
  ): Promise<ProvenanceRecord[]> {
    const role = requireRole(context.viewer, projectId, 'viewer')
    if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId)) {
      throw apiError('BAD_USER_INPUT', 'traceId must be 32 and spanId 16 lowercase hex digits')
    }
    const records = await this.repository.ofCall(projectId, traceId, spanId, mayReadPayloads(role))
    await this.auditFilters(context.viewer as Viewer, projectId, records)
    return records
  }

  /** A shown filter text is a payload read of its call. */
  private auditFilters(
    viewer: Viewer,
    projectId: string,
    records: readonly ProvenanceRecord[],
  ): Promise<void> {
    const shown = records.filter((r) => payloadShown(r.filter))
    return recordPayloadReads(this.audit, viewer, projectId, shown, 'provenance')
  }
}
