import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { LoadingBlock } from '../../../components/skeleton'
import { links } from '../../../lib/links'
import { pageWindow } from '../../../lib/page-window'
import styles from '../tools.module.css'
import { ToolFigures } from './tool-figures'
import { ToolHistory } from './tool-history'
import { ToolMisuseExamples } from './tool-misuse-examples'

/**
 * `/[project]/tools/[tool]?server=…`: one tool of one server: its figures and series for the
 * range, sessions where it was denied or failed, and every definition tools/list gave for it.
 * A tool is named by server and tool, so a link without `server` leads nowhere.
 */
export function ToolPage({
  projectId,
  tool,
  searchParams,
}: {
  projectId: string
  tool: string
  searchParams: Record<string, string | string[] | undefined>
}) {
  const rawServer = searchParams.server
  const serverName = Array.isArray(rawServer) ? rawServer[0] : rawServer
  if (serverName === undefined || serverName === '' || tool === '') notFound()
  const window = pageWindow(searchParams)
  const common = { projectId, serverName, tool, window, range: searchParams }
  return (
    <>
      <p className="small">
        <Link href={links.section(projectId, 'tools', searchParams)}>← Tools</Link>
      </p>
      <div className={styles.toolTitle}>
        <h1>{tool}</h1>
        <span className="muted">on server {serverName}</span>
      </div>
      <Suspense
        key={window.key}
        fallback={<LoadingBlock label="Loading the tool’s figures" rows={4} height={48} />}
      >
        <ToolFigures {...common} />
      </Suspense>
      <Suspense
        key={`misuse-${window.key}`}
        fallback={<LoadingBlock label="Loading misuse examples" rows={3} />}
      >
        <ToolMisuseExamples {...common} />
      </Suspense>
      <Suspense fallback={<LoadingBlock label="Loading the definition history" rows={3} />}>
        <ToolHistory {...common} />
      </Suspense>
    </>
  )
}

/** What every section of the tool page receives. */
export interface ToolSectionProps {
  projectId: string
  serverName: string
  tool: string
  window: ReturnType<typeof pageWindow>
  range: Record<string, string | string[] | undefined>
}
