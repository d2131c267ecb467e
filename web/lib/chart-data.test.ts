import { describe, expect, it } from 'vitest';
import type { TimelineOp } from '@flopcast/engine';
import { breakdownRow, ganttLayout, idleFraction, memoryRows, mergeSegments, unionLength } from './chart-data';
import { fixtureReport } from './test-fixtures';

describe('breakdownRow', () => {
  it('splits exposed communication by kind in proportion, and the segments sum to the step time', () => {
    const r = fixtureReport({ exposed: 2 });
    const { row, segments } = breakdownRow(r, 'plan');
    // tp exposed 1 and ep-dispatch 3 are scaled to the breakdown's 2 s: 0.5 and 1.5
    expect(row['comm:tp']).toBeCloseTo(0.5);
    expect(row['comm:ep-dispatch']).toBeCloseTo(1.5);
    expect(row['comm:dp']).toBeUndefined();
    const sum = segments.reduce((s, seg) => s + (row[seg.key] as number), 0);
    expect(sum).toBeCloseTo(r.step.seconds);
    expect(segments.map((s) => s.key)).toEqual(['compute', 'comm:tp', 'comm:ep-dispatch', 'bubble', 'optimizer']);
  });
  it('keeps exposed communication as one segment when no kind reports exposed time', () => {
    const r = fixtureReport({ exposed: 2, comm: [] });
    const { row } = breakdownRow(r, 'plan');
    expect(row.comm).toBe(2);
  });
  it('adds extra causes the engine reports', () => {
    const r = fixtureReport({ extra: { quantisation: 0.25 } });
    const { row, segments } = breakdownRow(r, 'plan');
    expect(row.quantisation).toBe(0.25);
    expect(segments.find((s) => s.key === 'quantisation')?.label).toBe('Quantisation');
  });
  it('drops zero segments', () => {
    const { segments } = breakdownRow(fixtureReport({ bubble: 0 }), 'plan');
    expect(segments.some((s) => s.key === 'bubble')).toBe(false);
  });
});

describe('mergeSegments', () => {
  it('unions keys of several rows in first-seen order', () => {
    const a = breakdownRow(fixtureReport({ bubble: 0 }), 'a').segments;
    const b = breakdownRow(fixtureReport({ bubble: 2 }), 'b').segments;
    expect(mergeSegments([a, b]).map((s) => s.key)).toEqual(['compute', 'comm:tp', 'comm:ep-dispatch', 'optimizer', 'bubble']);
  });
});

describe('memoryRows', () => {
  it('makes one row per pipeline rank with the parts and total', () => {
    const rows = memoryRows(fixtureReport().memory.stages);
    expect(rows.map((r) => r.stage)).toEqual(['PP0', 'PP1']);
    expect(rows[0]).toMatchObject({ params: 10, activations: 20, total: 60 });
  });
});

describe('ganttLayout', () => {
  const ops: TimelineOp[] = [
    { rank: 0, op: 'F', microBatch: 0, chunk: 0, start: 0, end: 1 },
    { rank: 1, op: 'F', microBatch: 0, chunk: 0, start: 1, end: 2 },
    { rank: 1, op: 'B', microBatch: 0, chunk: 0, start: 2, end: 4 },
    { rank: 0, op: 'B', microBatch: 0, chunk: 0, start: 4, end: 6 },
  ];
  it('scales time to pixels and places one row per rank', () => {
    const g = ganttLayout(ops, { width: 600, rowHeight: 20, gap: 1 });
    expect(g.ranks).toBe(2);
    expect(g.makespan).toBe(6);
    expect(g.height).toBe(40);
    const last = g.bars[3]!;
    expect(last.x).toBeCloseTo(400);
    expect(last.width).toBeCloseTo(200);
    expect(last.y).toBe(1);
    expect(last.height).toBe(18);
    expect(g.bars[2]!.y).toBe(21);
  });
  it('labels only bars wide enough for the micro-batch id', () => {
    const g = ganttLayout(ops, { width: 60, rowHeight: 20, minLabelWidth: 15 });
    expect(g.bars.map((b) => b.label)).toEqual([undefined, undefined, '0', '0']);
  });
  it('uses a shared span so two schedules are drawn on one time scale', () => {
    const g = ganttLayout(ops, { width: 600, rowHeight: 20, span: 12 });
    expect(g.span).toBe(12);
    expect(g.bars[3]!.width).toBeCloseTo(100);
  });
  it('zooms into a window: ops outside are dropped, crossing ops are clipped', () => {
    const g = ganttLayout(ops, { width: 300, rowHeight: 20, from: 1.5, span: 3 });
    // visible window [1.5, 4.5]: F(rank1, 1–2) clipped to 0.5 s, B(rank1, 2–4) whole, B(rank0, 4–6) clipped to 0.5 s
    expect(g.bars.map((b) => [b.rank, b.op, b.x, b.width])).toEqual([
      [1, 'F', 0, 50],
      [1, 'B', 50, 200],
      [0, 'B', 250, 50],
    ]);
  });
  it('measures idle time per rank within the makespan', () => {
    const g = ganttLayout(ops, { width: 600, rowHeight: 20 });
    expect(g.idleSeconds).toEqual([3, 3]);
    expect(idleFraction(g)).toBeCloseTo(0.5);
  });
  it('handles an empty timeline', () => {
    const g = ganttLayout([], { width: 600, rowHeight: 20 });
    expect(g.ranks).toBe(0);
    expect(g.bars).toEqual([]);
    expect(idleFraction(g)).toBe(0);
  });
});

describe('unionLength', () => {
  it('counts overlapping intervals once', () => {
    expect(unionLength([[0, 2], [1, 3], [5, 6]])).toBe(4);
  });
});
