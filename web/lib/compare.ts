/**
 * Comparison of plans: headline metrics, deltas against the baseline (the first plan), and the scaling series
 * (throughput and cost as the GPU count changes while the plan's shape — TP, PP, CP, EP — stays fixed).
 */
import { reportStack, type Report } from '@flopcast/engine';
import type { PlanDocument } from './plan-doc';
import { clone } from './plan-doc';
import { fmtDays, fmtGiB, fmtPct, fmtUsd, fmtCompact } from './format';

export interface MetricDef {
  key: string;
  label: string;
  /** Whether a smaller value is better (drives the good/bad colour of a delta). */
  lowerIsBetter: boolean;
  get: (r: Report) => number;
  format: (v: number) => string;
  /** Format of an absolute difference when it differs from `format` (fractions: percentage points). */
  formatDelta?: (v: number) => string;
}

const pp = (v: number) => `${(v * 100).toFixed(1)} pp`;

export const COMPARE_METRICS: MetricDef[] = [
  { key: 'gpuHours', label: 'GPU-hours', lowerIsBetter: true, get: (r) => r.totals.gpuHours, format: (v) => fmtCompact(v) },
  { key: 'wallClockDays', label: 'Days', lowerIsBetter: true, get: (r) => r.totals.wallClockDays, format: fmtDays },
  { key: 'costUsd', label: 'Cost', lowerIsBetter: true, get: (r) => r.totals.costUsd, format: fmtUsd },
  { key: 'peakGiB', label: 'Peak memory', lowerIsBetter: true, get: (r) => r.memory.peakGiB, format: fmtGiB },
  { key: 'mfu', label: 'MFU', lowerIsBetter: false, get: (r) => r.throughput.mfu, format: (v) => fmtPct(v), formatDelta: pp },
  { key: 'tokensPerSecond', label: 'Tokens/s', lowerIsBetter: false, get: (r) => r.throughput.tokensPerSecond, format: (v) => fmtCompact(v) },
  { key: 'bubbleFraction', label: 'Bubble', lowerIsBetter: true, get: (r) => r.pipeline.bubbleFraction, format: (v) => fmtPct(v), formatDelta: pp },
];

export interface Delta {
  value: number;
  /** value − baseline. */
  abs: number;
  /** (value − baseline) / baseline; undefined when the baseline is 0. */
  pct: number | undefined;
  /** true = better than the baseline, false = worse, undefined = equal. */
  better: boolean | undefined;
}

/** Delta of one value against a baseline for a metric. */
export function delta(value: number, baseline: number, lowerIsBetter: boolean): Delta {
  const abs = value - baseline;
  const pct = baseline !== 0 ? abs / Math.abs(baseline) : undefined;
  const better = abs === 0 ? undefined : lowerIsBetter ? abs < 0 : abs > 0;
  return { value, abs, pct, better };
}

export interface CompareRow {
  metric: MetricDef;
  /** One cell per plan; the first (baseline) has abs 0. */
  cells: Delta[];
}

/** Table rows: for each metric, each plan's value and its delta against the first report. */
export function compareRows(reports: readonly Report[], metrics: readonly MetricDef[] = COMPARE_METRICS): CompareRow[] {
  if (reports.length === 0) return [];
  const base = reports[0]!;
  return metrics.map((m) => ({
    metric: m,
    cells: reports.map((r) => delta(m.get(r), m.get(base), m.lowerIsBetter)),
  }));
}

/** The software stack a report was timed with, and whether the plan named it or its GPU profile supplied it. */
export function stackLabel(r: Report): { framework: string; fromGpu: boolean } {
  const { framework, from } = reportStack(r);
  return { framework, fromGpu: from === 'gpu-profile' };
}

/** Grouped-bar data for one metric: one row per plan. */
export function groupedBars(names: readonly string[], reports: readonly Report[], metric: MetricDef): Array<{ name: string; value: number }> {
  return reports.map((r, i) => ({ name: names[i] ?? `plan ${i + 1}`, value: metric.get(r) }));
}

// ---------------------------------------------------------------- scaling

/** GPU-count multipliers tried for the scaling chart. */
export const SCALE_FACTORS = [0.25, 0.5, 1, 2, 4] as const;

/**
 * The same plan shape on `factor` × the GPUs: the data-parallel degree scales, TP/PP/CP/EP stay, the global batch
 * stays (the engine rejects a count the batch cannot be split over, and that point is left out).
 */
export function scaledPlan(doc: PlanDocument, factor: number): PlanDocument | undefined {
  const gpus = Math.round(doc.cluster.gpus * factor);
  if (!Number.isInteger(gpus) || gpus < 1 || Math.abs(gpus - doc.cluster.gpus * factor) > 1e-9) return undefined;
  const next = clone(doc);
  next.cluster.gpus = gpus;
  delete next.parallelism.data;
  next.name = `${doc.name} ×${factor}`;
  return next;
}

export interface ScalingPoint {
  gpus: number;
  tokensPerSecond: number;
  costUsd: number;
  wallClockDays: number;
}

/**
 * Scaling series of one plan: estimates the plan at each factor with `run` (the engine's estimate) and keeps the
 * points the engine accepts; invalid shapes (batch not divisible, memory does not fit) are reported as skipped.
 */
export function scalingSeries(
  doc: PlanDocument,
  run: (plan: PlanDocument) => Report,
  factors: readonly number[] = SCALE_FACTORS,
): { points: ScalingPoint[]; skipped: Array<{ gpus: number; reason: string }> } {
  const points: ScalingPoint[] = [];
  const skipped: Array<{ gpus: number; reason: string }> = [];
  for (const f of factors) {
    const p = scaledPlan(doc, f);
    const gpus = doc.cluster.gpus * f;
    if (!p) {
      skipped.push({ gpus, reason: 'not a whole number of GPUs' });
      continue;
    }
    try {
      const r = run(p);
      if (!r.memory.fits) {
        skipped.push({ gpus: p.cluster.gpus, reason: 'does not fit in memory' });
        continue;
      }
      points.push({ gpus: p.cluster.gpus, tokensPerSecond: r.throughput.tokensPerSecond, costUsd: r.totals.costUsd, wallClockDays: r.totals.wallClockDays });
    } catch (e) {
      skipped.push({ gpus: p.cluster.gpus, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { points, skipped };
}

/** Parses the `plans` query parameter ("id1,id2,…"): trimmed, de-duplicated, empty entries dropped. */
export function parsePlanIds(param: string | null | undefined): string[] {
  if (!param) return [];
  const out: string[] = [];
  for (const raw of param.split(',')) {
    const id = raw.trim();
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}
