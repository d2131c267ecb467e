'use client';
/** Per-pipeline-stage memory (stacked by kind) with the GPU's HBM capacity as a reference line (recharts). */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MEMORY_PARTS, type MemoryRow } from '@/lib/chart-data';
import { fmtGiB } from '@/lib/format';

export function MemoryChart({ rows, capacityGiB }: { rows: MemoryRow[]; capacityGiB: number }) {
  const peak = rows.reduce((m, r) => Math.max(m, r.total), 0);
  const worst = rows.find((r) => r.total === peak);
  const label = `Memory per pipeline stage against ${fmtGiB(capacityGiB)} HBM: peak ${fmtGiB(peak)}${worst ? ` on ${worst.stage}` : ''}; ${rows.filter((r) => r.total > capacityGiB).length} of ${rows.length} stages over capacity.`;
  return (
    <div className="chart-box" role="img" aria-label={label} data-testid="memory-chart" style={{ height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="stage" fontSize={11} interval="preserveStartEnd" />
          <YAxis fontSize={11} tickFormatter={(v: number) => `${v}`} domain={[0, (max: number) => Math.ceil(Math.max(max, capacityGiB) * 1.08)]} unit=" GiB" width={64} />
          <Tooltip formatter={(v) => fmtGiB(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {MEMORY_PARTS.map((p) => (
            <Bar key={p.key} dataKey={p.key} name={p.label} stackId="mem" fill={p.color} isAnimationActive={false} />
          ))}
          <ReferenceLine y={capacityGiB} stroke="#dc2626" strokeDasharray="5 3" strokeWidth={2} label={{ value: `HBM ${fmtGiB(capacityGiB)}`, position: 'insideTopRight', fontSize: 11 }} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
