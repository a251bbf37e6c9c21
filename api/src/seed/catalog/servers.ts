/**
 * The demo estate: eight MCP servers and their tools, records, prompts and
 * policies. Fixed data (not drawn from the seed), so every seeded project shows
 * the same names and a test can name a tool.
 */
import { Prng, Weighted } from '../prng'
import type {
  ArgKind,
  ChildKind,
  EntityPool,
  ResultKind,
  ServerSpec,
  ToolSideEffect,
  ToolSpec,
} from './types'

interface ToolOptions {
  provenance?: boolean
  untrusted?: boolean
  child?: number
}

/** `tool('get_account', 'read', 8, 40, 'account_id:entity fields:fields', 'record', …)`. */
function tool(
  name: string,
  sideEffect: ToolSideEffect,
  weight: number,
  medianMs: number,
  args: string,
  result: ResultKind,
  description: string,
  options: ToolOptions = {},
): ToolSpec {
  return {
    name,
    sideEffect,
    weight,
    medianMs,
    args: args
      .split(' ')
      .filter(Boolean)
      .map((pair) => pair.split(':') as [string, ArgKind]),
    result,
    provenance: options.provenance ?? (sideEffect === 'read' && result !== 'ack'),
    untrusted: options.untrusted ?? false,
    childProbability: options.child ?? 0,
    description,
  }
}

interface ServerInput {
  name: string
  version: string
  transport: 'tcp' | 'pipe'
  tools: ToolSpec[]
  prompts: string[]
  entities: { count: number; source: string; id: (i: number, r: Prng) => string; uri: (id: string) => string }
  policies: [string, string][]
  unknownTool: string
  child: ChildKind
  upstream: string
}

function server(input: ServerInput): ServerSpec {
  // A private stream per server: the catalog is the same whatever the --seed.
  const r = new Prng(input.name.length * 7919 + input.name.charCodeAt(0))
  const ids: string[] = []
  const seen = new Set<string>()
  while (ids.length < input.entities.count) {
    const id = input.entities.id(ids.length, r)
    if (seen.has(id)) continue
    seen.add(id)
    ids.push(id)
  }
  const entities: EntityPool = {
    ids,
    uris: ids.map(input.entities.uri),
    popularity: Weighted.zipf(
      ids.map((_, i) => i),
      1.05,
    ),
    source: input.entities.source,
  }
  return {
    name: input.name,
    version: input.version,
    serviceName: `mcp-${input.name}`,
    transport: input.transport,
    resourceUrl: `https://mcp.tollgate-demo.dev/${input.name}`,
    tools: input.tools,
    toolPicker: new Weighted(
      input.tools,
      input.tools.map((t) => t.weight),
    ),
    prompts: input.prompts,
    entities,
    policies: input.policies,
    unknownTool: input.unknownTool,
    child: input.child,
    upstream: input.upstream,
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')
const REPOS = ['payments-api', 'web-app', 'infra', 'mobile', 'data-pipeline', 'auth-service', 'docs', 'sdk']
const DEPARTMENTS = ['finance', 'legal', 'engineering', 'sales', 'support', 'hr', 'ops']
const DOCS = ['runbook', 'contract', 'report', 'notes', 'policy', 'spec', 'minutes', 'budget', 'roadmap']
const SITES = [
  'docs.python.org',
  'stackoverflow.com',
  'en.wikipedia.org',
  'news.ycombinator.com',
  'github.com',
]
const TABLES = [
  'orders',
  'customers',
  'invoices',
  'payments',
  'subscriptions',
  'events',
  'users',
  'products',
  'refunds',
  'sessions',
  'audit_log',
  'shipments',
]

/** The eight servers (58 tools in all). */
export const SERVERS: readonly ServerSpec[] = [
  server({
    name: 'crm',
    version: '2.4.1',
    transport: 'tcp',
    tools: [
      tool(
        'search_accounts',
        'read',
        14,
        60,
        'query:query limit:limit',
        'list',
        'Search CRM accounts by name, domain or owner.',
        { child: 0.2 },
      ),
      tool(
        'get_account',
        'read',
        12,
        35,
        'account_id:entity fields:fields',
        'record',
        'Get one CRM account with its owner, ARR and stage.',
        { child: 0.2 },
      ),
      tool(
        'list_contacts',
        'read',
        8,
        45,
        'account_id:entity limit:limit',
        'list',
        'List the contacts of an account.',
      ),
      tool(
        'get_opportunity',
        'read',
        6,
        40,
        'account_id:entity',
        'record',
        'Get the open opportunity of an account.',
      ),
      tool(
        'update_opportunity',
        'write',
        3,
        90,
        'account_id:entity stage:status amount:amount',
        'ack',
        'Update stage or amount of an opportunity.',
      ),
      tool(
        'create_note',
        'write',
        3,
        70,
        'account_id:entity text:text',
        'ack',
        'Attach a note to an account.',
      ),
      tool(
        'draft_email',
        'draft',
        4,
        350,
        'account_id:entity to:email subject:title',
        'draft',
        'Draft an email to a contact (not sent).',
      ),
      tool(
        'log_activity',
        'write',
        2,
        60,
        'account_id:entity text:text',
        'ack',
        'Log a call or meeting on an account.',
      ),
    ],
    prompts: ['summarize_account', 'prepare_renewal'],
    entities: {
      count: 4000,
      source: 'crm',
      id: (i) => `acc_${pad(i + 1, 5)}`,
      uri: (id) => `crm://accounts/${id}`,
    },
    policies: [
      ['crm.account_team', 'user is not on the account team'],
      ['crm.tenant_boundary', 'record belongs to another tenant'],
      ['scope.crm_write', 'token lacks scope crm:write'],
    ],
    unknownTool: 'export_all_contacts',
    child: 'http',
    upstream: 'api.salesforce.example',
  }),
  server({
    name: 'filesystem',
    version: '0.9.3',
    transport: 'pipe',
    tools: [
      tool('read_file', 'read', 16, 8, 'path:entity', 'page', 'Read a text file under the allowed roots.'),
      tool('list_directory', 'read', 9, 5, 'path:path', 'list', 'List a directory.', { provenance: false }),
      tool(
        'search_files',
        'read',
        7,
        120,
        'query:query path:path',
        'list',
        'Search file names and contents.',
      ),
      tool(
        'get_file_info',
        'read',
        4,
        4,
        'path:entity',
        'record',
        'Size, owner and modification time of a file.',
      ),
      tool('write_file', 'write', 4, 15, 'path:entity text:text', 'ack', 'Create or overwrite a file.'),
      tool('move_file', 'write', 1, 10, 'path:entity destination:path', 'ack', 'Move or rename a file.'),
      tool('delete_file', 'write', 1, 6, 'path:entity', 'ack', 'Delete a file.'),
    ],
    prompts: [],
    entities: {
      count: 6000,
      source: 'fs',
      id: (_, r) => `/srv/share/${r.pick(DEPARTMENTS)}/${r.pick(DOCS)}-${pad(r.int(9000), 4)}.md`,
      uri: (id) => `file://${id}`,
    },
    policies: [
      ['fs.allowed_roots', 'path outside the allowed roots'],
      ['fs.read_only_share', 'share is mounted read-only for agents'],
    ],
    unknownTool: 'exec_command',
    child: 'http',
    upstream: 'localhost',
  }),
  server({
    name: 'github',
    version: '1.12.0',
    transport: 'tcp',
    tools: [
      tool(
        'search_code',
        'read',
        10,
        220,
        'query:query limit:limit',
        'list',
        'Search code across the organization.',
        { child: 0.25 },
      ),
      tool('get_issue', 'read', 10, 120, 'issue:entity', 'record', 'Get an issue with its comments.', {
        untrusted: true,
        child: 0.25,
      }),
      tool(
        'list_pull_requests',
        'read',
        7,
        150,
        'repo:query status:status',
        'list',
        'List pull requests of a repository.',
        { child: 0.25 },
      ),
      tool(
        'get_pull_request',
        'read',
        7,
        160,
        'issue:entity',
        'record',
        'Get a pull request with its diff summary.',
        { untrusted: true, child: 0.25 },
      ),
      tool('create_issue', 'write', 3, 260, 'repo:query title:title body:text', 'ack', 'Open an issue.', {
        child: 0.25,
      }),
      tool(
        'comment_on_issue',
        'write',
        4,
        200,
        'issue:entity body:text',
        'ack',
        'Comment on an issue or pull request.',
      ),
      tool(
        'create_pull_request',
        'write',
        2,
        420,
        'repo:query title:title body:text',
        'ack',
        'Open a pull request from a branch.',
      ),
      tool('merge_pull_request', 'write', 1, 600, 'issue:entity', 'ack', 'Merge a pull request.'),
      tool(
        'draft_release_notes',
        'draft',
        2,
        900,
        'repo:query',
        'draft',
        'Draft release notes from merged pull requests.',
      ),
    ],
    prompts: ['review_pull_request'],
    entities: {
      count: 5000,
      source: 'github',
      id: (_, r) => `tollgate-demo/${r.pick(REPOS)}#${r.range(1, 4000)}`,
      uri: (id) => `https://github.com/${id.replace('#', '/issues/')}`,
    },
    policies: [
      ['github.protected_branch', 'branch is protected: review required'],
      ['github.repo_access', 'no access to this repository'],
      ['scope.github_write', 'token lacks scope github:write'],
    ],
    unknownTool: 'delete_repository',
    child: 'http',
    upstream: 'api.github.com',
  }),
  server({
    name: 'billing',
    version: '3.1.0',
    transport: 'tcp',
    tools: [
      tool('get_invoice', 'read', 10, 50, 'invoice_id:entity', 'record', 'Get an invoice with its lines.', {
        child: 0.2,
      }),
      tool(
        'list_invoices',
        'read',
        8,
        80,
        'customer:email status:status limit:limit',
        'list',
        'List invoices of a customer.',
        { child: 0.2 },
      ),
      tool(
        'get_subscription',
        'read',
        6,
        45,
        'invoice_id:entity',
        'record',
        'Get the subscription behind an invoice.',
      ),
      tool(
        'issue_refund',
        'write',
        2,
        300,
        'invoice_id:entity amount:amount reason:text',
        'ack',
        'Refund all or part of an invoice.',
        { child: 0.2 },
      ),
      tool(
        'update_payment_method',
        'write',
        1,
        250,
        'customer:email card:card',
        'ack',
        'Replace the card on file.',
      ),
      tool(
        'create_invoice_draft',
        'draft',
        2,
        120,
        'customer:email amount:amount',
        'draft',
        'Prepare an invoice without sending it.',
      ),
      tool(
        'cancel_subscription',
        'write',
        1,
        200,
        'invoice_id:entity reason:text',
        'ack',
        'Cancel a subscription at period end.',
      ),
    ],
    prompts: [],
    entities: {
      count: 8000,
      source: 'billing',
      id: (i) => `in_${pad(100000 + i * 7, 7)}`,
      uri: (id) => `billing://invoices/${id}`,
    },
    policies: [
      ['billing.refund_limit', 'refund exceeds the agent limit of $500'],
      ['billing.pci', 'payment methods may only be changed by the customer'],
      ['billing.tenant_boundary', 'invoice belongs to another tenant'],
    ],
    unknownTool: 'refund_all',
    child: 'http',
    upstream: 'api.stripe.example',
  }),
  server({
    name: 'search',
    version: '1.0.7',
    transport: 'tcp',
    tools: [
      tool('web_search', 'read', 14, 450, 'query:query limit:limit', 'list', 'Search the web.', {
        untrusted: true,
        child: 0.3,
      }),
      tool('fetch_url', 'read', 10, 700, 'url:entity', 'page', 'Fetch a web page as markdown.', {
        untrusted: true,
        child: 0.35,
      }),
      tool('search_docs', 'read', 6, 180, 'query:query', 'list', 'Search the internal documentation.', {
        child: 0.2,
      }),
      tool('summarize_page', 'read', 3, 1500, 'url:entity', 'page', 'Fetch and summarize a page.', {
        untrusted: true,
        child: 0.35,
      }),
      tool('search_news', 'read', 2, 500, 'query:query', 'list', 'Search recent news.', {
        untrusted: true,
        child: 0.3,
      }),
    ],
    prompts: ['research_brief'],
    entities: {
      count: 10000,
      source: 'web',
      id: (_, r) => `https://${r.pick(SITES)}/${r.pick(DOCS)}/${r.hex(3)}`,
      uri: (id) => id,
    },
    policies: [['search.blocked_domain', 'domain is on the block list']],
    unknownTool: 'browse_with_cookies',
    child: 'http',
    upstream: 'api.search.example',
  }),
  server({
    name: 'calendar',
    version: '2.0.2',
    transport: 'tcp',
    tools: [
      tool('list_events', 'read', 10, 60, 'from:date to:date', 'list', 'List calendar events in a range.'),
      tool('get_event', 'read', 5, 30, 'event_id:entity', 'record', 'Get one event with attendees.'),
      tool('find_free_slots', 'read', 6, 110, 'attendees:email from:date', 'list', 'Find common free slots.'),
      tool(
        'create_event',
        'write',
        3,
        90,
        'title:title start:date attendees:email',
        'ack',
        'Create an event and invite attendees.',
      ),
      tool('update_event', 'write', 2, 80, 'event_id:entity start:date', 'ack', 'Move or edit an event.'),
      tool('cancel_event', 'write', 1, 70, 'event_id:entity', 'ack', 'Cancel an event and notify attendees.'),
      tool(
        'draft_invite',
        'draft',
        2,
        200,
        'title:title attendees:email',
        'draft',
        'Draft an invitation text.',
      ),
    ],
    prompts: [],
    entities: {
      count: 3000,
      source: 'calendar',
      id: (i) => `evt_${pad(i * 13 + 5, 6)}`,
      uri: (id) => `calendar://events/${id}`,
    },
    policies: [['calendar.delegation', 'no delegation to this calendar']],
    unknownTool: 'read_all_calendars',
    child: 'http',
    upstream: 'graph.microsoft.example',
  }),
  server({
    name: 'tickets',
    version: '4.3.0',
    transport: 'tcp',
    tools: [
      tool('search_tickets', 'read', 12, 90, 'query:query status:status', 'list', 'Search support tickets.', {
        untrusted: true,
      }),
      tool(
        'get_ticket',
        'read',
        12,
        45,
        'ticket_id:entity',
        'record',
        'Get a ticket with the customer thread.',
        { untrusted: true },
      ),
      tool('create_ticket', 'write', 3, 110, 'title:title body:text', 'ack', 'Open a ticket.'),
      tool(
        'update_ticket',
        'write',
        3,
        80,
        'ticket_id:entity status:status',
        'ack',
        'Change status or priority.',
      ),
      tool(
        'add_comment',
        'write',
        4,
        75,
        'ticket_id:entity body:text',
        'ack',
        'Add a public or internal comment.',
      ),
      tool('assign_ticket', 'write', 2, 60, 'ticket_id:entity assignee:email', 'ack', 'Assign a ticket.'),
      tool('close_ticket', 'write', 2, 60, 'ticket_id:entity', 'ack', 'Close a ticket.'),
      tool(
        'draft_reply',
        'draft',
        5,
        800,
        'ticket_id:entity',
        'draft',
        'Draft a reply to the customer (not sent).',
      ),
    ],
    prompts: ['triage_ticket'],
    entities: {
      count: 8000,
      source: 'helpdesk',
      id: (i) => `TCK-${pad(20000 + i, 6)}`,
      uri: (id) => `tickets://${id}`,
    },
    policies: [
      ['tickets.queue_access', 'agent has no access to this queue'],
      ['tickets.vip_customer', 'VIP tickets need a human owner'],
    ],
    unknownTool: 'merge_customers',
    child: 'http',
    upstream: 'api.zendesk.example',
  }),
  server({
    name: 'db',
    version: '0.7.4',
    transport: 'tcp',
    tools: [
      tool('run_query', 'read', 12, 140, 'sql:sql', 'rows', 'Run a read-only SQL query.', { child: 0.5 }),
      tool('list_tables', 'read', 4, 20, 'schema:query', 'list', 'List tables of a schema.', {
        child: 0.5,
        provenance: false,
      }),
      tool('describe_table', 'read', 5, 25, 'table:entity', 'record', 'Columns and indexes of a table.', {
        child: 0.5,
      }),
      tool('explain_query', 'read', 3, 60, 'sql:sql', 'record', 'Show the plan of a query.', {
        child: 0.5,
        provenance: false,
      }),
      tool('export_rows', 'read', 2, 900, 'sql:sql limit:limit', 'rows', 'Export query results as CSV.', {
        child: 0.5,
      }),
      tool('insert_rows', 'write', 1, 120, 'table:entity rows:text', 'ack', 'Insert rows into a table.', {
        child: 0.5,
      }),
      tool('run_migration', 'write', 1, 1800, 'sql:sql', 'ack', 'Apply a schema migration.', { child: 0.5 }),
    ],
    prompts: ['weekly_report'],
    entities: {
      count: TABLES.length,
      source: 'postgres',
      id: (i) => `public.${TABLES[i]}`,
      uri: (id) => `postgres://prod-db/${id}`,
    },
    policies: [
      ['db.pii_columns', 'query selects PII columns'],
      ['db.read_only', 'writes need the db:admin scope'],
    ],
    unknownTool: 'drop_table',
    child: 'db',
    upstream: 'prod-db.internal',
  }),
]
