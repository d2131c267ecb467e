/**
 * Pipeline timeline as an SVG Gantt chart: one row per pipeline rank, bars for forward (F), backward (B),
 * weight-gradient (W) and overlapped forward+backward (FB) ops, micro-batch ids on bars wide enough to hold them.
 * Plain SVG (no chart library), so it renders on the server as well as in the browser.
 */
import type { TimelineOp } from '@flopcast/engine';
import { ganttLayout, idleFraction, OP_LABELS } from '@/lib/chart-data';
import { fmtPct, fmtSeconds } from '@/lib/format';

export const OP_COLORS: Record<TimelineOp['op'], string> = {
  F: '#2563eb',
  B: '#16a34a',
  W: '#d97706',
  FB: '#9333ea',
};

const LEFT = 34;
const WIDTH = 640;
const ROW = 16;
const AXIS = 18;

export function Gantt({ timeline, title, span, from = 0, testId }: { timeline: readonly TimelineOp[]; title: string; span?: number | undefined; from?: number; testId?: string }) {
  const layout = ganttLayout(timeline, { width: WIDTH, rowHeight: ROW, ...(span !== undefined ? { span } : {}), from, minLabelWidth: 12 });
  const h = layout.height + AXIS;
  const ticks = 5;
  const idle = idleFraction(layout);
  const desc = `${title}: ${layout.ranks} pipeline ranks, ${timeline.length} operations over ${fmtSeconds(layout.makespan)}; ranks idle ${fmtPct(idle)} of the time.`;
  return (
    <figure className="gantt" style={{ margin: 0 }} data-testid={testId}>
      <svg viewBox={`0 0 ${LEFT + WIDTH + 4} ${h}`} role="img" aria-label={desc} data-ops={timeline.length}>
        <title>{desc}</title>
        {Array.from({ length: layout.ranks }, (_, r) => (
          <g key={`r${r}`}>
            <rect className="row-bg" x={LEFT} y={r * ROW + 1} width={WIDTH} height={ROW - 2} />
            <text className="rank-label" x={LEFT - 4} y={r * ROW + ROW / 2 + 3} textAnchor="end">{`PP${r}`}</text>
          </g>
        ))}
        <svg x={LEFT} y={0} width={WIDTH} height={layout.height} overflow="hidden">
          {layout.bars.map((b, i) => (
            <g key={i}>
              <rect x={b.x} y={b.y} width={b.width} height={b.height} fill={OP_COLORS[b.op]} fillOpacity={b.chunk > 0 ? 0.7 : 1}>
                <title>{`${OP_LABELS[b.op]} · micro-batch ${b.microBatch} · chunk ${b.chunk} · rank ${b.rank}`}</title>
              </rect>
              {b.label ? (
                <text className="bar-label" x={b.x + b.width / 2} y={b.y + b.height / 2 + 3} textAnchor="middle">{b.label}</text>
              ) : null}
            </g>
          ))}
        </svg>
        <line className="axis" x1={LEFT} x2={LEFT + WIDTH} y1={layout.height + 2} y2={layout.height + 2} />
        {Array.from({ length: ticks + 1 }, (_, i) => {
          const x = LEFT + (WIDTH * i) / ticks;
          return (
            <text key={`t${i}`} className="axis-label" x={x} y={h - 3} textAnchor={i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}>
              {fmtSeconds(from + (layout.span * i) / ticks)}
            </text>
          );
        })}
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}

export function GanttLegend() {
  return (
    <div className="legend" aria-hidden="true">
      {(Object.keys(OP_COLORS) as Array<TimelineOp['op']>).map((op) => (
        <span key={op}><span className="sw" style={{ background: OP_COLORS[op] }} />{op} — {OP_LABELS[op]}</span>
      ))}
      <span><span className="sw" style={{ background: 'var(--idle)', border: '1px solid var(--border)' }} />idle (bubble)</span>
      <span>lighter bars: second model chunk</span>
    </div>
  );
}
