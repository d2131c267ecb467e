/**
 * Shapes engine reports into the rows the charts draw. Pure functions; the components only render.
 */
import type { CommKind, Report, StageMemory, TimelineOp } from '@flopcast/engine';

// ---------------------------------------------------------------- step-time breakdown (stacked bar)

export interface BreakdownSegment {
  /** Data key in the chart row. */
  key: string;
  label: string;
  color: string;
}

const COMM_LABELS: Record<CommKind, string> = {
  tp: 'Tensor-parallel comm',
  dp: 'Data-parallel comm',
  pp: 'Pipeline comm',
  'ep-dispatch': 'EP dispatch',
  'ep-combine': 'EP combine',
  cp: 'Context-parallel comm',
  offload: 'Host offload copies',
};

const COMM_COLORS: Record<CommKind, string> = {
  tp: '#d97706',
  dp: '#ea580c',
  pp: '#b45309',
  'ep-dispatch': '#dc2626',
  'ep-combine': '#e11d48',
  cp: '#c026d3',
  offload: '#7c3aed',
};

const CAUSE_COLORS: Record<string, string> = {
  compute: '#2563eb',
  bubble: '#94a3b8',
  optimizer: '#059669',
};

/** Row of the stacked step-time bar: seconds per segment key, plus the row name and the step total. */
export type BreakdownRow = { name: string; total: number } & Record<string, number | string>;

/**
 * Splits one step into segments: compute, exposed communication split by kind (from `communication[].exposedSeconds`,
 * scaled so the kinds add up to `breakdown.exposedCommunication`), bubble, optimizer, and any further cause the
 * engine reports. The segments sum to `step.seconds` (the breakdown's own invariant).
 */
export function breakdownRow(report: Report, name: string): { row: BreakdownRow; segments: BreakdownSegment[] } {
  const b = report.step.breakdown;
  const segments: BreakdownSegment[] = [];
  const row: BreakdownRow = { name, total: report.step.seconds };
  const push = (key: string, label: string, color: string, seconds: number) => {
    if (!(seconds > 0) || !Number.isFinite(seconds)) return;
    segments.push({ key, label, color });
    row[key] = seconds;
  };
  push('compute', 'Compute', CAUSE_COLORS.compute!, b.compute);

  const exposed = b.exposedCommunication;
  const kinds = report.communication.filter((c) => c.exposedSeconds > 0);
  const kindSum = kinds.reduce((s, c) => s + c.exposedSeconds, 0);
  if (exposed > 0 && kindSum > 0) {
    const scale = exposed / kindSum;
    for (const c of kinds) push(`comm:${c.kind}`, `Exposed ${COMM_LABELS[c.kind] ?? c.kind}`, COMM_COLORS[c.kind] ?? '#f59e0b', c.exposedSeconds * scale);
  } else {
    push('comm', 'Exposed communication', '#d97706', exposed);
  }
  push('bubble', 'Pipeline bubble', CAUSE_COLORS.bubble!, b.bubble);
  push('optimizer', 'Optimizer', CAUSE_COLORS.optimizer!, b.optimizer);
  for (const [cause, seconds] of Object.entries(b)) {
    if (['compute', 'exposedCommunication', 'bubble', 'optimizer'].includes(cause)) continue;
    push(cause, humanise(cause), '#7c3aed', seconds);
  }
  return { row, segments };
}

/** Merges the segments of several rows (same key once, first colour wins), keeping a stable order. */
export function mergeSegments(lists: BreakdownSegment[][]): BreakdownSegment[] {
  const seen = new Map<string, BreakdownSegment>();
  for (const list of lists) for (const s of list) if (!seen.has(s.key)) seen.set(s.key, s);
  return [...seen.values()];
}

function humanise(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

// ---------------------------------------------------------------- per-stage memory

export interface MemoryRow {
  stage: string;
  params: number;
  gradients: number;
  optimizer: number;
  activations: number;
  other: number;
  total: number;
}

export const MEMORY_PARTS: Array<{ key: keyof Omit<MemoryRow, 'stage' | 'total'>; label: string; color: string }> = [
  { key: 'params', label: 'Parameters', color: '#2563eb' },
  { key: 'gradients', label: 'Gradients', color: '#0891b2' },
  { key: 'optimizer', label: 'Optimizer states', color: '#059669' },
  { key: 'activations', label: 'Activations', color: '#d97706' },
  { key: 'other', label: 'Other', color: '#94a3b8' },
];

/** One stacked-bar row per pipeline rank ("PP0", "PP1", …). */
export function memoryRows(stages: readonly StageMemory[]): MemoryRow[] {
  return stages.map((s) => ({
    stage: `PP${s.stage}`,
    params: s.paramsGiB,
    gradients: s.gradientsGiB,
    optimizer: s.optimizerGiB,
    activations: s.activationsGiB,
    other: s.otherGiB,
    total: s.totalGiB,
  }));
}

// ---------------------------------------------------------------- pipeline timeline (Gantt)

export interface GanttBar {
  rank: number;
  op: TimelineOp['op'];
  microBatch: number;
  chunk: number;
  /** Pixel geometry inside the chart area. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Micro-batch id text when the bar is wide enough to hold it, else undefined. */
  label?: string;
}

export interface GanttLayout {
  ranks: number;
  /** End time of the last op, seconds from the step start. */
  makespan: number;
  /** Seconds the drawing spans (shared between side-by-side charts). */
  span: number;
  bars: GanttBar[];
  /** Per rank: seconds with no op running within [0, makespan]. */
  idleSeconds: number[];
  width: number;
  height: number;
}

export const OP_LABELS: Record<TimelineOp['op'], string> = {
  F: 'Forward',
  B: 'Backward (input grad)',
  W: 'Weight grad',
  FB: 'Overlapped forward + backward',
};

/**
 * Lays out timeline ops as bars: x scaled so `span` seconds fill `width` pixels, one row of `rowHeight` per rank.
 * `from` (seconds) starts the visible window (zoom); ops outside [from, from + span] are left out and bars crossing
 * its edges are clipped. Micro-batch ids are shown on bars at least `minLabelWidth` px wide.
 */
export function ganttLayout(
  timeline: readonly TimelineOp[],
  opts: { width: number; rowHeight: number; span?: number; from?: number; minLabelWidth?: number; gap?: number },
): GanttLayout {
  const ranks = timeline.reduce((m, o) => Math.max(m, o.rank + 1), 0);
  const start0 = timeline.reduce((m, o) => Math.min(m, o.start), Number.POSITIVE_INFINITY);
  const t0 = Number.isFinite(start0) ? Math.min(0, start0) : 0;
  const makespan = timeline.reduce((m, o) => Math.max(m, o.end - t0), 0);
  const from = Math.max(0, opts.from ?? 0);
  const span = (opts.span !== undefined ? opts.span : Math.max(makespan - from, 0)) || 1;
  const to = from + span;
  const k = opts.width / span;
  const gap = opts.gap ?? 1;
  const minLabel = opts.minLabelWidth ?? 14;
  const bars: GanttBar[] = [];
  for (const o of timeline) {
    const s = Math.max(o.start - t0, from);
    const e = Math.min(o.end - t0, to);
    if (e <= s && !(o.end === o.start && s >= from && s <= to)) continue;
    const width = Math.max((e - s) * k, 0.5);
    const bar: GanttBar = {
      rank: o.rank,
      op: o.op,
      microBatch: o.microBatch,
      chunk: o.chunk,
      x: (s - from) * k,
      y: o.rank * opts.rowHeight + gap,
      width,
      height: opts.rowHeight - 2 * gap,
    };
    if (width >= minLabel) bar.label = String(o.microBatch);
    bars.push(bar);
  }
  const busy = new Array<number>(ranks).fill(0);
  for (const [rank, intervals] of groupByRank(timeline)) busy[rank] = unionLength(intervals);
  return {
    ranks,
    makespan,
    span,
    bars,
    idleSeconds: busy.map((b) => Math.max(0, makespan - b)),
    width: opts.width,
    height: ranks * opts.rowHeight,
  };
}

function groupByRank(timeline: readonly TimelineOp[]): Map<number, Array<[number, number]>> {
  const m = new Map<number, Array<[number, number]>>();
  for (const o of timeline) {
    const list = m.get(o.rank) ?? [];
    list.push([o.start, o.end]);
    m.set(o.rank, list);
  }
  return m;
}

/** Total length covered by a set of intervals (overlaps counted once). */
export function unionLength(intervals: Array<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curS = Number.NEGATIVE_INFINITY;
  let curE = Number.NEGATIVE_INFINITY;
  for (const [s, e] of sorted) {
    if (s > curE) {
      if (curE > curS) total += curE - curS;
      curS = s;
      curE = e;
    } else if (e > curE) curE = e;
  }
  if (curE > curS) total += curE - curS;
  return total;
}

/** Fraction of rank-time idle inside the simulated window: Σ idle / (ranks × makespan). */
export function idleFraction(layout: GanttLayout): number {
  if (layout.ranks === 0 || layout.makespan <= 0) return 0;
  return layout.idleSeconds.reduce((s, x) => s + x, 0) / (layout.ranks * layout.makespan);
}
