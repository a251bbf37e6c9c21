import { TrafficCharts } from '../../../components/charts/traffic-charts'
import { EmptyState } from '../../../components/empty-state'
import { KpiTiles } from '../../../components/kpi-tile'
import { prepareTraffic } from '../../../lib/traffic'
import { loadToolFigures } from '../tools-data'
import type { ToolSectionProps } from './tool-page'

/** The tool's KPI tiles against the previous period, and its calls, errors and denials over time. */
export async function ToolFigures({ projectId, serverName, tool, window }: ToolSectionProps) {
  const { current, previous } = await loadToolFigures(projectId, window, serverName, tool)
  const view = prepareTraffic(current, previous)
  if (view.empty) {
    return (
      <EmptyState title={`No calls of ${tool} on ${serverName} in this time range`}>
        <p>
          Either the tool was not called in the range, or no instrumented server of this name serves it. A
          wider time range may show older calls; its definition history (below) lists what tools/list
          reported.
        </p>
      </EmptyState>
    )
  }
  return (
    <>
      <KpiTiles kpis={view.kpis} label="Key figures of the tool" />
      <TrafficCharts view={view} spanMs={window.spanMs} latency={false} subject={tool} />
    </>
  )
}
