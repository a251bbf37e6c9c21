import 'server-only'
import {
  ToolDefinitionHistoryDocument,
  ToolFiguresDocument,
  ToolMisuseExamplesDocument,
  ToolsDocument,
} from '../../graphql/generated'
import { gql } from '../../lib/api/graphql-client'
import type { PageWindow } from '../../lib/page-window'

/** Tools per page: the api's most, so sorting a page orders as many tools as it can. */
export const TOOLS_PAGE_SIZE = 100

/** One page of tools, most misused first (the api's order). */
export function loadTools(projectId: string, window: PageWindow, after: string | undefined) {
  return gql(ToolsDocument, { projectId, from: window.from, to: window.to, first: TOOLS_PAGE_SIZE, after })
}

/** One tool's figures and series for the window and the period before it. */
export function loadToolFigures(projectId: string, window: PageWindow, serverName: string, tool: string) {
  return gql(ToolFiguresDocument, {
    projectId,
    from: window.from,
    to: window.to,
    prevFrom: window.previous.from,
    prevTo: window.previous.to,
    serverName,
    tool,
  })
}

/** Recent sessions in which the tool was denied, and in which it failed. */
export function loadToolMisuseExamples(projectId: string, window: PageWindow, tool: string) {
  return gql(ToolMisuseExamplesDocument, { projectId, from: window.from, to: window.to, tool })
}

/** Every definition of the tool seen in tools/list answers, oldest first. */
export function loadToolHistory(projectId: string, serverName: string, tool: string) {
  return gql(ToolDefinitionHistoryDocument, { projectId, serverName, tool })
}
