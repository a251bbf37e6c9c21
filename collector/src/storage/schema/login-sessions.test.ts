import { describe, expect, it } from 'vitest'
import { renderMigrations } from '../migrations'
import { loginSessionsTable } from './login-sessions'
import { renderTable } from './render-ddl'

describe('loginSessionsTable', () => {
  it('renders a ReplacingMergeTree keyed by the token hash, with an expiry TTL', () => {
    const [ddl, ...rest] = renderTable(loginSessionsTable, { database: 'tollgate' })
    expect(rest).toEqual([])
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS tollgate\.login_sessions\n/)
    expect(ddl).toContain('\nENGINE = ReplacingMergeTree(version, deleted)\n')
    expect(ddl).toContain('\nORDER BY (token_hash)\n')
    expect(ddl).toContain('\nTTL toDateTime(expires_at) + INTERVAL 7 DAY')
    expect(ddl).toContain('`revoked_at` DateTime64(3) DEFAULT 0')
    // Hashes only: no column could hold the cookie or the CSRF token itself.
    expect(ddl).not.toMatch(/`(token|csrf|session_token|csrf_token)` /)
  })

  it('renders a Replicated local table and a Distributed one sharded by the token hash on a cluster', () => {
    const [local, distributed] = renderTable(loginSessionsTable, { database: 'tollgate', cluster: 'tg' })
    expect(local).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/login_sessions_local', '{replica}', version, deleted)",
    )
    expect(distributed).toContain('Distributed(tg, tollgate, login_sessions_local, cityHash64(token_hash))')
  })

  it('is created by migration 0012_login_sessions', () => {
    const migration = renderMigrations({ database: 'tollgate' }).find((m) => m.id === '0012_login_sessions')
    expect(migration?.statements).toEqual(renderTable(loginSessionsTable, { database: 'tollgate' }))
  })
})
