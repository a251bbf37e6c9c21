import { Readable } from 'node:stream'
import { Controller, Get, HttpException, HttpStatus, Inject, Query, Req, Res } from '@nestjs/common'
import { type CredentialHeaders, RequestAuthenticator } from '../auth/request-authenticator'
import { requireRole, type Viewer } from '../auth/viewer'
import { type TimeRange, timeRange } from '../graphql/time-range'
import { AuditRepository } from './audit.repository'
import { csvHeader, csvLine, EXPORT_FORMATS, type ExportFormat, jsonLine } from './audit-export-format'
import { AuditLog } from './audit-log'
import { auditCondition } from './audit-query'

/** What the handler uses of Fastify's request and reply (the api does not depend on fastify's types). */
interface RequestLike {
  headers: CredentialHeaders
}
interface ReplyLike {
  header(name: string, value: string): ReplyLike
  send(payload: unknown): unknown
}

type ExportQuery = Partial<Record<'projectId' | 'from' | 'to' | 'format' | 'action' | 'actor', string>>

/**
 * `GET /audit/export?projectId=&from=&to=&format=jsonl|csv[&action=][&actor=]`: a project's
 * audit trail over a range as a file for reviewers, streamed chunk by chunk (memory stays
 * bounded whatever the range holds). Admins only; the export itself is audited.
 */
@Controller('audit')
export class AuditExportController {
  constructor(
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(AuditRepository) private readonly repository: AuditRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  @Get('export')
  async export(@Req() request: RequestLike, @Res() reply: ReplyLike, @Query() query: ExportQuery) {
    const identity = await this.authenticator.identify(request.headers)
    if (identity.refusal !== null) throw httpError(HttpStatus.FORBIDDEN, identity.refusal.message)
    const { projectId, range, format, condition } = this.checked(identity.viewer, query)
    const viewer = identity.viewer as Viewer
    await this.audit.record({
      actor: viewer.username,
      action: 'audit.exported',
      projectId,
      target: 'audit_log',
      details: {
        userId: viewer.userId,
        format,
        from: query.from,
        to: query.to,
        action: query.action,
        actor: query.actor,
      },
    })
    const records = this.repository.all(projectId, range, condition)
    const lines = async function* () {
      if (format === 'csv') yield csvHeader()
      for await (const chunk of records) yield chunk.map(format === 'csv' ? csvLine : jsonLine).join('')
    }
    const stamp = new Date(range.fromMs).toISOString().slice(0, 10)
    return reply
      .header('content-type', EXPORT_FORMATS[format].contentType)
      .header(
        'content-disposition',
        `attachment; filename="tollgate-audit-${projectId.replace(/[^\w.-]/g, '_')}-${stamp}.${EXPORT_FORMATS[format].extension}"`,
      )
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()))
  }

  /** Every parameter checked, with the same rules and messages as the GraphQL queries. */
  private checked(viewer: Viewer | null, query: ExportQuery) {
    try {
      const projectId = query.projectId ?? ''
      requireRole(viewer, projectId, 'admin')
      const format = (query.format ?? 'jsonl') as ExportFormat
      if (!Object.hasOwn(EXPORT_FORMATS, format)) throw new RangeError('format must be jsonl or csv')
      const range: TimeRange = timeRange(new Date(query.from ?? ''), new Date(query.to ?? ''))
      return {
        projectId,
        range,
        format,
        condition: auditCondition({ action: query.action, actor: query.actor }),
      }
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code
      const status =
        code === 'UNAUTHENTICATED'
          ? HttpStatus.UNAUTHORIZED
          : code === 'FORBIDDEN'
            ? HttpStatus.FORBIDDEN
            : HttpStatus.BAD_REQUEST
      if (code === undefined && !(error instanceof RangeError)) throw error
      throw httpError(status, (error as Error).message)
    }
  }
}

function httpError(status: HttpStatus, message: string): HttpException {
  return new HttpException({ statusCode: status, message }, status)
}
