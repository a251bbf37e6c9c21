import type { TollgateConfig } from '../config/config'
import { dialableHost, renderBox } from './banner'
import type { GeneratedSecrets } from './first-start'

/** Input of {@link renderFirstStartBlock}. */
export interface FirstStartBlockInput {
  config: Pick<TollgateConfig, 'host' | 'ports'>
  createdProject: boolean
  createdAdmin: boolean
  generated: GeneratedSecrets
  secretsFile: string | undefined
}

/**
 * The one-time credentials block: what was created, the generated secrets
 * (values taken from TOLLGATE_BOOTSTRAP_* are named, never echoed) and how to
 * send spans.
 */
export function renderFirstStartBlock(input: FirstStartBlockInput): string {
  const { generated } = input
  const otlp = `http://${dialableHost(input.config.host)}:${input.config.ports.otlp}`
  const lines = ['Tollgate first start: credentials (shown ONCE, never again)', '']
  if (input.createdProject) {
    lines.push('Project          default')
    lines.push(`Ingest key       ${generated.ingestKey ?? '(from TOLLGATE_BOOTSTRAP_INGEST_KEY, not shown)'}`)
  }
  if (input.createdAdmin) {
    lines.push('Admin user       admin  (admin of project default)')
    lines.push(
      `Admin password   ${generated.adminPassword ?? '(from TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD, not shown)'}`,
    )
    lines.push(
      `Admin API token  ${generated.adminToken ?? '(from TOLLGATE_BOOTSTRAP_ADMIN_TOKEN, not shown)'}`,
    )
  }
  lines.push(
    '',
    'Send spans (OTLP/HTTP, protobuf or JSON):',
    `  POST ${otlp}/v1/traces`,
    '  Authorization: Bearer <ingest key>',
    'With an OpenTelemetry SDK:',
    `  OTEL_EXPORTER_OTLP_ENDPOINT=${otlp}`,
    '  OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<ingest key>',
  )
  if (input.secretsFile !== undefined) {
    lines.push(
      '',
      `A copy is in ${input.secretsFile} (mode 0600).`,
      'Store these safely, then delete that file.',
    )
  }
  return renderBox(lines)
}
