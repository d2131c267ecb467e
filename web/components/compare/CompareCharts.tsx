'use client';
/** Charts of the compare page (recharts): one metric across plans, and scaling lines per plan. */
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricDef, ScalingPoint } from '@/lib/compare';
import { fmtCompact, fmtUsd } from '@/lib/format';

export const SERIES_COLORS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];

export function GroupedBarChart({ data, metric, capacity }: { data: Array<{ name: string; value: number }>; metric: MetricDef; capacity?: number[] | undefined }) {
  const label = `${metric.label} by plan: ${data.map((d) => `${d.name} ${metric.format(d.value)}`).join(', ')}`;
  const cap = capacity && capacity.length > 0 && capacity.every((c) => c === capacity[0]) ? capacity[0] : undefined;
  return (
    <div className="chart-box" role="img" aria-label={label} style={{ height: 220 }} data-testid={`bars-${metric.key}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 12, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="name" fontSize={11} interval={0} tickFormatter={(s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s)} />
          <YAxis fontSize={11} tickFormatter={(v: number) => metric.format(v)} width={72} />
          <Tooltip formatter={(v) => metric.format(Number(v))} />
          <Bar dataKey="value" name={metric.label} isAnimationActive={false}>
            {data.map((_, i) => <Cell key={i} fill={SERIES_COLORS[i % SERIES_COLORS.length]} />)}
          </Bar>
          {cap !== undefined ? <ReferenceLine y={cap} stroke="#dc2626" strokeDasharray="5 3" label={{ value: `HBM ${cap} GiB`, position: 'insideTopRight', fontSize: 11 }} /> : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ScalingChart({ series, y, label }: { series: Array<{ name: string; points: ScalingPoint[] }>; y: 'tokensPerSecond' | 'costUsd'; label: string }) {
  const fmt = y === 'costUsd' ? fmtUsd : (v: number) => fmtCompact(v);
  const desc = `${label} against GPU count: ${series.map((s) => `${s.name}: ${s.points.map((p) => `${p.gpus} GPUs ${fmt(p[y])}`).join(', ') || 'no valid points'}`).join('; ')}`;
  return (
    <div className="chart-box" role="img" aria-label={desc} style={{ height: 260 }} data-testid={`scaling-${y}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 12, right: 24, bottom: 4, left: 4 }}>
          <CartesianGrid />
          <XAxis dataKey="gpus" type="number" scale="log" domain={['auto', 'auto']} allowDuplicatedCategory={false} fontSize={11} tickFormatter={(v: number) => `${fmtCompact(v)} GPUs`} />
          <YAxis fontSize={11} tickFormatter={(v: number) => fmt(v)} width={72} label={{ value: label, angle: -90, position: 'insideLeft', fontSize: 11, dy: 60 }} />
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(v) => `${v} GPUs`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {series.map((s, i) => (
            <Line key={s.name + i} data={s.points} dataKey={y} name={s.name} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={2} dot isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
