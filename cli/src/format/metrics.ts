/** How each summary metric is printed: value, absolute delta and colour direction. */
import type { Delta, NumericMetric, PlanSummary } from '../summary.js';
import { fmtFixed, fmtFraction, fmtInt, fmtPct, fmtUsd, signed } from './numbers.js';
import type { Style } from './style.js';

interface MetricFormat {
  value(n: number): string;
  abs(n: number): string;
  /** true when an increase is bad (cost, time, memory); false when it is good (MFU). */
  higherIsWorse: boolean;
}

export const METRIC_FORMATS: Record<NumericMetric, MetricFormat> = {
  gpuHours: { value: fmtInt, abs: (n) => signed(n, fmtInt), higherIsWorse: true },
  days: { value: (n) => fmtFixed(n, 1), abs: (n) => signed(n, (x) => fmtFixed(x, 1)), higherIsWorse: true },
  // Deltas in whole dollars: cents of a multi-thousand-dollar run are float noise, not a change.
  costUsd: { value: fmtUsd, abs: (n) => signed(n, (x) => `$${fmtInt(x)}`), higherIsWorse: true },
  peakGiB: { value: (n) => fmtFixed(n, 1), abs: (n) => signed(n, (x) => fmtFixed(x, 1)), higherIsWorse: true },
  // MFU is a fraction; its absolute change is shown in percentage points.
  mfu: { value: (n) => fmtFraction(n), abs: (n) => `${signed(n * 100, (x) => x.toFixed(1))} pp`, higherIsWorse: false },
};

/** Formats a metric value. */
export function fmtMetric(key: NumericMetric, v: number): string {
  return METRIC_FORMATS[key].value(v);
}

/** Colours a delta red when it is a regression and green when an improvement (no colour for ~0). */
export function colourDelta(key: NumericMetric, d: Delta, text: string, style: Style): string {
  const r = d.pct ?? d.abs;
  if (Math.abs(r) < 0.05) return text;
  const worse = METRIC_FORMATS[key].higherIsWorse ? r > 0 : r < 0;
  return worse ? style.red(text) : style.green(text);
}

/** "yes" / "NO" for memory fit. */
export function fmtFits(s: PlanSummary | null, style: Style): string {
  if (!s) return '—';
  return s.fits ? style.green('yes') : style.red('NO');
}
