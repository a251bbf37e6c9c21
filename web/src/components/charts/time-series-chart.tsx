'use client'

import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { formatCount, formatDuration, formatPercent, formatTick, formatTimestamp } from '../../lib/format'
import type { ChartPoint, ChartSeries, ValueFormat } from './chart-types'

const FORMATTERS: Record<ValueFormat, (value: number | null) => string> = {
  count: (v) => formatCount(v, { compact: true }),
  percent: formatPercent,
  duration: formatDuration,
}

/**
 * A time series over the page's window. Data arrives prepared (see each feature's
 * `prepare.ts`): gaps are nulls and are drawn as gaps. `markers` are points to flag (denial
 * spikes), drawn on the series `markerSeries`.
 */
export function TimeSeriesChart(props: {
  label: string
  points: ChartPoint[]
  series: ChartSeries[]
  spanMs: number
  format: ValueFormat
  rightFormat?: ValueFormat
  markers?: { t: number; value: number }[]
  markerSeries?: string
  height?: number
}) {
  const left = FORMATTERS[props.format]
  const right = FORMATTERS[props.rightFormat ?? props.format]
  const byKey = new Map(props.series.map((s) => [s.key, s]))
  return (
    <figure className="chart" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={props.height ?? 240}>
        <ComposedChart data={props.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => formatTick(t, props.spanMs)}
            stroke="var(--muted)"
            fontSize={12}
          />
          <YAxis
            yAxisId="left"
            tickFormatter={(v: number) => left(v)}
            stroke="var(--muted)"
            fontSize={12}
            width={56}
          />
          {props.series.some((s) => s.axis === 'right') && (
            <YAxis
              yAxisId="right"
              orientation="right"
              tickFormatter={(v: number) => right(v)}
              stroke="var(--muted)"
              fontSize={12}
              width={56}
            />
          )}
          <Tooltip
            labelFormatter={(t) => `${formatTimestamp(Number(t))} UTC`}
            formatter={(value, name) => {
              const series = props.series.find((s) => s.label === name)
              const format = series?.axis === 'right' ? right : left
              return [format(typeof value === 'number' ? value : null), name]
            }}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
          />
          <Legend />
          {props.series.map((s) => {
            const common = {
              dataKey: s.key,
              name: s.label,
              yAxisId: s.axis ?? 'left',
              isAnimationActive: false,
            }
            if (s.shape === 'bar') return <Bar key={s.key} {...common} fill={s.color} />
            if (s.shape === 'area') {
              return (
                <Area
                  key={s.key}
                  {...common}
                  type="monotone"
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.15}
                />
              )
            }
            return (
              <Line
                key={s.key}
                {...common}
                type="monotone"
                stroke={s.color}
                dot={false}
                connectNulls={false}
              />
            )
          })}
          {props.markers?.map((m) => (
            <ReferenceDot
              key={m.t}
              x={m.t}
              y={m.value}
              yAxisId={byKey.get(props.markerSeries ?? '')?.axis ?? 'left'}
              r={6}
              fill="var(--bad)"
              stroke="var(--surface)"
              className="spike-marker"
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  )
}
