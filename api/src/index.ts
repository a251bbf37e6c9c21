export { type AppDeps, createAppModule } from './app.module'
export { apiTokenDisplayPrefix, generateApiToken, hashApiToken } from './auth/api-token'
export { AuthRepository, type ProjectRole } from './auth/auth.repository'
export { hashPassword } from './auth/password'
export {
  ADMIN_USERNAME,
  DEFAULT_PROJECT_ID,
  type FirstStartDeps,
  type FirstStartResult,
  runFirstStart,
} from './bootstrap/first-start'
export { type CliEnvironment, runCli } from './cli/run'
export {
  type BootstrapSecrets,
  loadConfig,
  parseConfig,
  redactedConfig,
  type TollgateConfig,
} from './config/config'
export { createApp } from './create-app'
export { ApiError, type ApiErrorCode, isApiError } from './errors'
export { createLogger } from './logging/logger'
export { createMetricsRegistry } from './metrics/metrics-registry'
export { type SeedOptions, type SeedResult, seedCalls } from './seed'
export { openStorageExplained } from './storage/open-storage'
export { createStores, type Stores } from './storage/stores'
