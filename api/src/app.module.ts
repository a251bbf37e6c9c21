import { type DynamicModule, Module } from '@nestjs/common'
import type { IngestKeyVerifier, OtlpReceiver, ReceiverOptions, Storage } from '@tollgate/collector'
import { createOtlpReceiver } from '@tollgate/collector'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { AlertRulesModule } from './alert-rules/alert-rules.module'
import { ApiTokensModule } from './api-tokens/api-tokens.module'
import { AuditModule } from './audit/audit.module'
import { AuthModule } from './auth/auth.module'
import { CallsModule } from './calls/calls.module'
import { CollectorModule } from './collector/collector.module'
import type { TollgateConfig } from './config/config'
import { createCoreModule } from './core.module'
import { DenialsModule } from './denials/denials.module'
import { GraphqlRootModule } from './graphql/graphql-root.module'
import { HealthModule } from './health/health.module'
import { IngestKeysModule } from './ingest-keys/ingest-keys.module'
import { MembersModule } from './members/members.module'
import { MetricsModule } from './metrics/metrics.module'
import { OverviewModule } from './overview/overview.module'
import { PrincipalsModule } from './principals/principals.module'
import { ProvenanceModule } from './provenance/provenance.module'
import { SessionsModule } from './sessions/sessions.module'
import { ToolVersionsModule } from './tool-versions/tool-versions.module'
import { ToolsModule } from './tools/tools.module'
import { TracesModule } from './traces/traces.module'

/** Everything the app is built from. The process entry builds these once; tests pass their own. */
export interface AppDeps {
  config: TollgateConfig
  storage: Storage
  logger: Logger
  registry: Registry
  /** Authenticates ingest keys (an `IngestKeyStore` in production). */
  keys: IngestKeyVerifier
  /** Builds the OTLP receiver. @default createOtlpReceiver */
  createReceiver?: (options: ReceiverOptions) => OtlpReceiver
  /**
   * Close `storage` when the app shuts down, after the receiver has flushed.
   * The server process sets it; tests keep their storage for the next case.
   * @default false
   */
  ownsStorage?: boolean
}

@Module({})
class AppModule {}

/** The root module for `deps`: a dynamic module, so each app (and each test) gets its own values. */
export function createAppModule(deps: AppDeps): DynamicModule {
  return {
    module: AppModule,
    imports: [
      createCoreModule({ ...deps, createReceiver: deps.createReceiver ?? createOtlpReceiver }),
      AuthModule,
      AuditModule,
      CollectorModule,
      HealthModule,
      MetricsModule,
      GraphqlRootModule,
      OverviewModule,
      ToolsModule,
      DenialsModule,
      PrincipalsModule,
      ProvenanceModule,
      ToolVersionsModule,
      MembersModule,
      ApiTokensModule,
      IngestKeysModule,
      AlertRulesModule,
      SessionsModule,
      TracesModule,
      CallsModule,
    ],
  }
}
