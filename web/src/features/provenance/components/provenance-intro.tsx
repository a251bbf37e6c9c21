import { EmptyState } from '../../../components/empty-state'

/** What provenance is and how it gets recorded, for a page that has not been asked anything yet. */
export function ProvenanceIntro() {
  return (
    <EmptyState title="Which calls read this record, and from where did a call get its data?">
      <p>
        Provenance links an MCP call to the sources behind its answer: the source, the URI of the record or
        document read, the tenant it was read in, how fresh the data was, and how many records a filter or
        policy left out. Search a URI above to see every call that read it, by whom and under which scopes;
        open a session step to see the sources of that one call.
      </p>
      <p>
        A server records it with the SDK’s <code>provenance()</code>, once per source, inside the handler:
      </p>
      <pre className="snippet">
        {
          "import { provenance } from '@tollgate/sdk'\n\nprovenance({ source: 'crm', uri: 'crm://accounts/42', asOf: row.updatedAt, excluded: { count: 2, reason: 'other tenant' } })"
        }
      </pre>
    </EmptyState>
  )
}
