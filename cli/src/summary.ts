/**
 * The per-plan numbers a comparison shows (GPU-hours, days, cost, peak memory, MFU, fits) and their deltas.
 * Read straight from the engine Report (plan-format.md); nothing is recomputed here.
 */
import type { Report } from '@flopcast/engine';

export interface PlanSummary {
  /** totals.gpuHours */
  gpuHours: number;
  /** totals.wallClockDays */
  days: number;
  /** totals.costUsd */
  costUsd: number;
  /** memory.peakGiB (worst pipeline stage) */
  peakGiB: number;
  /** throughput.mfu (fraction of the dense peak in the plan's GEMM precision) */
  mfu: number;
  /** memory.fits */
  fits: boolean;
}

export type NumericMetric = 'gpuHours' | 'days' | 'costUsd' | 'peakGiB' | 'mfu';

/** Display metadata of the numeric summary metrics, in display order. */
export const NUMERIC_METRICS: ReadonlyArray<{ key: NumericMetric; label: string; reportPath: string }> = [
  { key: 'gpuHours', label: 'GPU-hours', reportPath: 'totals.gpuHours' },
  { key: 'days', label: 'Days', reportPath: 'totals.wallClockDays' },
  { key: 'costUsd', label: 'Cost (USD)', reportPath: 'totals.costUsd' },
  { key: 'peakGiB', label: 'Peak GiB/GPU', reportPath: 'memory.peakGiB' },
  { key: 'mfu', label: 'MFU', reportPath: 'throughput.mfu' },
];

/** Extracts the summary of one report. */
export function summarize(report: Report): PlanSummary {
  return {
    gpuHours: report.totals.gpuHours,
    days: report.totals.wallClockDays,
    costUsd: report.totals.costUsd,
    peakGiB: report.memory.peakGiB,
    mfu: report.throughput.mfu,
    fits: report.memory.fits,
  };
}

export interface Delta {
  /** head − base, in the metric's unit (MFU as a fraction). */
  abs: number;
  /** (head − base) / base × 100; null when base is 0 (undefined relative change). */
  pct: number | null;
}

export type SummaryDeltas = Record<NumericMetric, Delta>;

/** Absolute and relative change of one number. */
export function delta(base: number, head: number): Delta {
  return { abs: head - base, pct: base === 0 ? null : ((head - base) / base) * 100 };
}

/** Deltas of every numeric metric, head vs base. */
export function summaryDeltas(base: PlanSummary, head: PlanSummary): SummaryDeltas {
  const out = {} as SummaryDeltas;
  for (const m of NUMERIC_METRICS) out[m.key] = delta(base[m.key], head[m.key]);
  return out;
}
