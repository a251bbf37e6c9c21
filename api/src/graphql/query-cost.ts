import type {
  ASTVisitor,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
} from 'graphql'
import { GraphQLError, Kind } from './graphql-runtime'

/**
 * What one request may ask for, beyond the depth limit. Every top-level field is a storage
 * query, so it costs {@link ROOT_FIELD_COST}; every other selected field costs 1 (fragments
 * counted where they are spread). Aliases make one request ask many questions: this bounds
 * them. A session page (about 60 fields) costs under 100; the cap allows a dashboard page's
 * batch of queries and refuses a request built to fan out.
 */
export const MAX_QUERY_COST = 1000
export const ROOT_FIELD_COST = 25

/** The cost of `operation` as defined above; stops counting past `limit`. */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  limit = MAX_QUERY_COST,
): number {
  let cost = 0
  const visit = (set: SelectionSetNode, root: boolean, spread: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (cost > limit) return
      if (selection.kind === Kind.FIELD) {
        cost += root ? ROOT_FIELD_COST : 1
        if (selection.selectionSet !== undefined) visit(selection.selectionSet, false, spread)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, root, spread)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        // A cycle is refused by GraphQL's own rules; here it must only not loop.
        if (fragment !== undefined && !spread.has(name)) {
          visit(fragment.selectionSet, root, new Set([...spread, name]))
        }
      }
    }
  }
  visit(operation.selectionSet, true, new Set())
  return cost
}

/** The validation rule that refuses an operation costing more than {@link MAX_QUERY_COST}. */
export function queryCostRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map(
    context
      .getDocument()
      .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  )
  return {
    OperationDefinition(node) {
      if (operationCost(node, fragments) > MAX_QUERY_COST) {
        context.reportError(
          new GraphQLError(
            `Query too costly: more than ${MAX_QUERY_COST} (each top-level field costs ${ROOT_FIELD_COST}, every other field 1). Split it into several requests.`,
            { nodes: [node], extensions: { code: 'QUERY_TOO_COSTLY' } },
          ),
        )
      }
    },
  }
}
