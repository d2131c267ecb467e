/**
 * Calibration against published training runs: estimate each case's plan and compare the report metric the
 * source published (../shared/calibration/README.md). Relative error = (predicted − published) / published.
 * Pure: the caller loads the cases (the engine does no I/O).
 */
import type { Catalog } from './catalog/types.js';
import { estimate } from './estimate.js';
import { getMetric } from './util/get-metric.js';

export interface CalibrationCase {
  id: string;
  plan: unknown;
  expected: { metric: string; value: number };
}

export interface CalibrationRow {
  id: string;
  metric: string;
  published: number;
  predicted: number;
  /** (predicted − published) / published × 100. */
  errorPct: number;
  /** The software stack the estimate used (`assumptions.framework`), and whether the case's GPU profile supplied it. */
  stack: { framework: string; from: 'plan' | 'gpu-profile' };
}

export interface CalibrationResult {
  rows: CalibrationRow[];
  medianAbsErrorPct: number;
  maxAbsErrorPct: number;
  /** Mean signed error: negative = the model is too slow on average (for time metrics: too fast). */
  meanErrorPct: number;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Estimate every case and tabulate the error on its published metric. Throws if a plan does not validate or the
 * metric path does not exist in the report (both are errors in the case, not in the model).
 */
export function runCalibration(cases: CalibrationCase[], opts: { catalog?: Catalog } = {}): CalibrationResult {
  const rows: CalibrationRow[] = [];
  for (const c of cases) {
    const report = estimate(c.plan, opts.catalog ? { catalog: opts.catalog } : {});
    const predicted = getMetric(report, c.expected.metric);
    if (predicted === undefined) throw new Error(`calibration case ${c.id}: report has no numeric metric "${c.expected.metric}"`);
    if (!(c.expected.value > 0)) throw new Error(`calibration case ${c.id}: published value must be > 0, got ${c.expected.value}`);
    const framework = String((report.details?.['assumptions'] as { framework?: string } | undefined)?.framework ?? 'generic');
    const from = report.details?.['frameworkFrom'] === 'plan' ? 'plan' : 'gpu-profile';
    rows.push({
      id: c.id,
      metric: c.expected.metric,
      published: c.expected.value,
      predicted,
      errorPct: ((predicted - c.expected.value) / c.expected.value) * 100,
      stack: { framework, from },
    });
  }
  const abs = rows.map((r) => Math.abs(r.errorPct));
  return {
    rows,
    medianAbsErrorPct: median(abs),
    maxAbsErrorPct: abs.length ? Math.max(...abs) : 0,
    meanErrorPct: rows.length ? rows.reduce((a, r) => a + r.errorPct, 0) / rows.length : 0,
  };
}
