/** One point of a time series chart: `t` in unix ms, then one value per series (null = a gap). */
export type ChartPoint = { t: number } & Record<string, number | null>

/** How a chart writes its values (axis and tooltip). */
export type ValueFormat = 'count' | 'percent' | 'duration'

/** One drawn series. */
export interface ChartSeries {
  key: string
  label: string
  /** A CSS colour, usually a theme variable (`var(--series-1)`). */
  color: string
  shape: 'line' | 'area' | 'bar'
  /** Series on the right axis use `rightFormat`. */
  axis?: 'left' | 'right'
}
