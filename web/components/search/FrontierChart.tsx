'use client';
/** Pareto frontier scatter: cost (x) against days (y); a click on a point opens that plan. */
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { ScatterPoint } from '@/lib/search';
import { fmtDays, fmtUsd } from '@/lib/format';

export function FrontierChart({ points, onPick }: { points: ScatterPoint[]; onPick: (index: number) => void }) {
  const desc = `Pareto frontier, cost against days: ${points.map((p) => `${p.label} ${fmtUsd(p.costUsd)} in ${fmtDays(p.wallClockDays)}`).join('; ')}`;
  return (
    <div className="chart-box" role="img" aria-label={desc} style={{ height: 360 }} data-testid="frontier-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 12, right: 24, bottom: 24, left: 12 }}>
          <CartesianGrid />
          <XAxis type="number" dataKey="costUsd" name="Cost" tickFormatter={(v: number) => fmtUsd(v)} fontSize={11} domain={['auto', 'auto']} label={{ value: 'Cost (USD)', position: 'insideBottom', offset: -12, fontSize: 11 }} />
          <YAxis type="number" dataKey="wallClockDays" name="Days" tickFormatter={(v: number) => fmtDays(v)} fontSize={11} domain={['auto', 'auto']} label={{ value: 'Days', angle: -90, position: 'insideLeft', fontSize: 11 }} />
          <ZAxis range={[90, 90]} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as ScatterPoint | undefined;
              if (!p) return null;
              return (
                <div className="panel small">
                  <strong>{p.label}</strong>
                  <div>{fmtUsd(p.costUsd)} · {fmtDays(p.wallClockDays)}</div>
                  {p.best.length ? <div className="muted">{p.best.join(', ')}</div> : null}
                  <div className="muted">click to open</div>
                </div>
              );
            }}
          />
          <Scatter
            data={points}
            fill="#2563eb"
            line={{ stroke: '#94a3b8' }}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(d: unknown) => {
              const p = (d as { payload?: ScatterPoint; index?: number }).payload;
              if (p) onPick(p.index);
            }}
          />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
