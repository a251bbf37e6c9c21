/**
 * Who calls: tenants, ≈500 users, 6 agents and 10 OAuth clients with their scopes.
 * Fixed data like the servers (same names whatever the --seed).
 */
import { Prng, Weighted } from '../prng'
import { SERVERS } from './servers'
import type { ServerSpec } from './types'

/** An OAuth client: the app a token was issued to, with the scopes it holds. */
export interface OAuthClient {
  readonly id: string
  /** Granted scopes, shared by every row of the client (never mutated). */
  readonly scopes: readonly string[]
  /** JSON text of `scopes`, as `spans.attributes` stores a string[] attribute. */
  readonly scopesJson: string
  /** Share of its tokens whose audience names another server (a misconfigured client). */
  readonly audienceMismatchRate: number
}

/** An agent: the software acting for users, with its MCP client and usual servers. */
export interface Agent {
  readonly id: string
  readonly clientName: string
  readonly clientVersion: string
  /** Whether the agent runs the Tollgate SDK too: its calls start with its own CLIENT span. */
  readonly instrumented: boolean
  readonly servers: Weighted<ServerSpec>
  readonly clients: readonly OAuthClient[]
  /** Network address the servers see it connect from. */
  readonly address: string
}

/** A user and the tenant they act in. */
export interface User {
  readonly id: string
  readonly tenant: string
}

export const TENANTS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'wonka'] as const

const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kai', 'lena']
const LAST = ['garcia', 'smith', 'nguyen', 'okafor', 'muller', 'rossi', 'kim', 'novak', 'silva', 'haddad']

function client(id: string, scopes: string[], audienceMismatchRate = 0): OAuthClient {
  return { id, scopes, scopesJson: JSON.stringify(scopes), audienceMismatchRate }
}

const CLIENTS = {
  supportDesk: client('cli_support_desk', ['tickets:read', 'tickets:write', 'crm:read', 'search:read']),
  supportLite: client('cli_support_lite', ['tickets:read', 'crm:read', 'calendar:read']),
  ide: client('cli_ide_plugin', ['github:read', 'github:write', 'filesystem:read', 'search:read', 'db:read']),
  ideLegacy: client('cli_ide_legacy', ['github:read', 'search:read', 'db:read'], 0.2),
  salesApp: client('cli_sales_app', [
    'crm:read',
    'crm:write',
    'calendar:read',
    'calendar:write',
    'billing:read',
  ]),
  ops: client('cli_ops_console', ['db:read', 'db:admin', 'tickets:read', 'tickets:write', 'github:read']),
  financeApp: client('cli_finance_app', ['billing:read', 'billing:write', 'db:read', 'crm:read']),
  research: client('cli_research', ['search:read', 'github:read']),
  mobile: client('cli_mobile', ['calendar:read', 'crm:read', 'tickets:read'], 0.05),
  partner: client('cli_partner_integration', ['crm:read', 'billing:read']),
}

function servers(weights: Record<string, number>): Weighted<ServerSpec> {
  const picked = SERVERS.filter((s) => weights[s.name] !== undefined)
  return new Weighted(
    picked,
    picked.map((s) => weights[s.name]!),
  )
}

/** The six agents, most active first. */
export const AGENTS: readonly Agent[] = [
  {
    id: 'support-copilot',
    clientName: 'claude-desktop',
    clientVersion: '0.14.2',
    instrumented: false,
    servers: servers({ tickets: 6, crm: 3, search: 2, calendar: 1 }),
    clients: [CLIENTS.supportDesk, CLIENTS.supportLite, CLIENTS.mobile],
    address: '10.20.1.17',
  },
  {
    id: 'code-assistant',
    clientName: 'cursor',
    clientVersion: '1.7.3',
    instrumented: false,
    servers: servers({ github: 6, filesystem: 4, search: 2, db: 2 }),
    clients: [CLIENTS.ide, CLIENTS.ideLegacy],
    address: '10.20.4.81',
  },
  {
    id: 'sales-agent',
    clientName: 'tollgate-agent-runtime',
    clientVersion: '0.3.0',
    instrumented: true,
    servers: servers({ crm: 6, calendar: 3, billing: 1, search: 1 }),
    clients: [CLIENTS.salesApp, CLIENTS.mobile, CLIENTS.partner],
    address: '10.20.2.40',
  },
  {
    id: 'ops-runbook',
    clientName: 'goose',
    clientVersion: '1.9.0',
    instrumented: false,
    servers: servers({ db: 5, filesystem: 3, tickets: 2, github: 2 }),
    clients: [CLIENTS.ops],
    address: '10.20.3.12',
  },
  {
    id: 'finance-bot',
    clientName: 'tollgate-agent-runtime',
    clientVersion: '0.3.0',
    instrumented: false,
    servers: servers({ billing: 6, db: 2, crm: 2 }),
    clients: [CLIENTS.financeApp, CLIENTS.partner],
    address: '10.20.2.41',
  },
  {
    id: 'research-agent',
    clientName: 'claude-code',
    clientVersion: '2.1.4',
    instrumented: false,
    servers: servers({ search: 6, github: 2, filesystem: 1 }),
    clients: [CLIENTS.research, CLIENTS.ideLegacy],
    address: '10.20.5.9',
  },
]

/** Sessions per agent: a few agents carry most of the traffic. */
export const AGENT_PICKER = new Weighted(AGENTS, [30, 24, 18, 12, 9, 7])

function buildUsers(count: number): User[] {
  const r = new Prng(424242)
  const tenants = Weighted.zipf(TENANTS, 0.8)
  const users: User[] = []
  const seen = new Set<string>()
  while (users.length < count) {
    const tenant = tenants.pick(r)
    const id = `${r.pick(FIRST)}.${r.pick(LAST)}${r.int(100)}@${tenant}.example`
    if (seen.has(id)) continue
    seen.add(id)
    users.push({ id, tenant })
  }
  return users
}

/** 500 users; activity is Zipf-like (a few power users, a long tail). */
export const USERS: readonly User[] = buildUsers(500)
export const USER_PICKER = Weighted.zipf(USERS, 0.9)

/** People who approve state-changing calls. */
export const APPROVERS = [
  'lead.ana@acme.example',
  'ops.oncall@globex.example',
  'finance.controller@initech.example',
  'security@umbrella.example',
]
