/**
 * Who the demo traffic acts for: users of two tenants, each through an agent and an OAuth
 * client, with the scopes their token carries. The mix is chosen so every kind of outcome
 * shows up: bob and dave lack write scopes (denials), only erin holds `crm.pii` (everyone
 * else gets partial contact lists), dave's agent keeps trying another tenant's account.
 */
export interface Persona {
  user: string
  agent: string
  clientId: string
  tenant: string
  scopes: readonly string[]
}

export const PERSONAS: readonly Persona[] = [
  {
    user: 'alice@acme.example',
    agent: 'support-copilot',
    clientId: 'claude-desktop',
    tenant: 'acme',
    scopes: ['crm.read', 'crm.write'],
  },
  {
    user: 'bob@acme.example',
    agent: 'support-copilot',
    clientId: 'claude-desktop',
    tenant: 'acme',
    scopes: ['crm.read'],
  },
  {
    user: 'carol@globex.example',
    agent: 'billing-agent',
    clientId: 'cursor',
    tenant: 'globex',
    scopes: ['crm.read', 'billing.refund'],
  },
  {
    user: 'dave@globex.example',
    agent: 'research-bot',
    clientId: 'vscode-copilot',
    tenant: 'globex',
    scopes: ['crm.read'],
  },
  {
    user: 'erin@acme.example',
    agent: 'billing-agent',
    clientId: 'cursor',
    tenant: 'acme',
    scopes: ['crm.read', 'crm.write', 'crm.pii', 'billing.refund'],
  },
]

/** One step of a session: a tool and its arguments. */
export interface Step {
  tool: string
  args: Record<string, unknown>
}

type Pick = <T>(items: readonly T[]) => T

const OWN_ACCOUNTS: Record<string, readonly string[]> = {
  acme: ['acc-101', 'acc-102', 'acc-103'],
  globex: ['acc-201', 'acc-202'],
}

/**
 * A session's steps: one of a few journeys an agent takes through the CRM, with the odd
 * slip (another tenant's account, a tool that does not exist, arguments of the wrong type).
 */
export function planSession(persona: Persona, pick: Pick, chance: (p: number) => boolean): Step[] {
  const own = pick(OWN_ACCOUNTS[persona.tenant] ?? ['acc-101'])
  const other = pick(persona.tenant === 'acme' ? OWN_ACCOUNTS.globex! : OWN_ACCOUNTS.acme!)
  // The research bot wanders across the tenant line far more often than the others.
  const account = chance(persona.agent === 'research-bot' ? 0.6 : 0.1) ? other : own
  const order = `ord-${Math.floor(1000 + Math.random() * 9000)}`
  const journeys: Step[][] = [
    [
      { tool: 'search_accounts', args: { query: pick(['north', 'pharma', 'steel', 'init', 'logistics']) } },
      { tool: 'get_account', args: { id: account } },
      { tool: 'list_contacts', args: { accountId: account } },
    ],
    [
      { tool: 'search_accounts', args: { query: 'order' } },
      { tool: 'get_account', args: { id: own } },
      { tool: 'refund_order', args: { order, amount: pick([40, 80, 150, 250, 600]) } },
    ],
    [
      { tool: 'list_contacts', args: { accountId: own } },
      {
        tool: 'draft_email',
        args: { to: 'ben@customer.example', topic: pick(['pricing', 'renewal', 'an outage']) },
      },
      { tool: 'update_contact', args: { accountId: own, contact: 'ben', email: 'ben@new.example' } },
    ],
  ]
  const steps = [...pick(journeys)]
  if (chance(0.3)) steps.push(...pick(journeys))
  if (chance(0.08)) steps.push({ tool: 'export_all_accounts', args: {} })
  if (chance(0.05)) steps.push({ tool: 'refund_order', args: { order, amount: 'a lot' } })
  return steps
}
