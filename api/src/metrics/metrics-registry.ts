import { collectDefaultMetrics, Registry } from 'prom-client'

/**
 * A fresh registry with the default process metrics (CPU, memory, event loop,
 * GC). One per app, never prom-client's global registry: two apps in one
 * process (tests) must not share or collide on metric names.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return registry
}
