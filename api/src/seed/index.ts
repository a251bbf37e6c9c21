export { AGENTS, TENANTS, USERS } from './catalog/principals'
export { SERVERS } from './catalog/servers'
export {
  DEFAULT_BATCH_CALLS,
  MAX_SEED_CALLS,
  type SeedOptions,
  type SeedProgress,
  type SeedResult,
  seedCalls,
} from './seed-calls'
