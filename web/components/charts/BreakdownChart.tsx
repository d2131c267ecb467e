'use client';
/** Stacked horizontal bar of one optimizer step: compute / exposed comm by kind / bubble / optimizer (recharts). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownRow, BreakdownSegment } from '@/lib/chart-data';
import { fmtSeconds } from '@/lib/format';

export function BreakdownChart({ rows, segments }: { rows: BreakdownRow[]; segments: BreakdownSegment[] }) {
  const summary = rows
    .map((r) => `${r.name}: ${fmtSeconds(r.total)} per step (${segments.filter((s) => typeof r[s.key] === 'number').map((s) => `${s.label} ${fmtSeconds(r[s.key] as number)}`).join(', ')})`)
    .join('. ');
  return (
    <div className="chart-box" role="img" aria-label={`Step time breakdown. ${summary}`} data-testid="breakdown-chart" style={{ height: 70 + rows.length * 44 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => fmtSeconds(v)} fontSize={11} />
          <YAxis type="category" dataKey="name" width={120} fontSize={11} />
          <Tooltip formatter={(v) => fmtSeconds(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {segments.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="step" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
