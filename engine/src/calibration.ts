/**
 * Calibration against published training runs: estimate each case's plan and compare the report metric the
 * source published (../shared/calibration/README.md). Relative error = (predicted − published) / published.
 * Pure: the caller loads the cases (the engine does no I/O).
 */
import type { Catalog } from './catalog/types.js';
import { estimate } from './estimate.js';
import { reportStack } from './stack-sensitivity.js';
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
    rows.push({
      id: c.id,
      metric: c.expected.metric,
      published: c.expected.value,
      predicted,
      errorPct: ((predicted - c.expected.value) / c.expected.value) * 100,
      stack: reportStack(report),
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

/**
 * A reading of one calibration case in the terms its own source states and the case's plan cannot carry or assumed
 * otherwise: the software stack (plan assumptions), the exact hardware (a catalog GPU id), a parallelism setting the
 * case lists as assumed where the source implies another (e.g. the interleaving depth) and the FLOP convention of the
 * published number (the report field that counts the same way). `because` cites the source. Readings are kept apart
 * from the cases (engine/validation/calibration-readings.json) so a case is always also reported as it is defined.
 */
export interface CaseReading {
  case: string;
  assumptions?: Record<string, string>;
  /**
   * Merged over the plan's `parallelism` (e.g. `{ virtualStages: 8 }`, `{ recomputeModules: ["layernorm", "moe"] }`);
   * the plan is validated as usual after.
   */
  parallelism?: Record<string, number | string | boolean | string[]>;
  gpu?: string;
  metric?: string;
  because: string;
}

/** A readings document that does not parse, with the fields at fault (`readings[2].case`, …). */
export class ReadingsError extends Error {
  readonly errors: Array<{ path: string; message: string }>;
  constructor(errors: Array<{ path: string; message: string }>) {
    super(`invalid calibration readings: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'ReadingsError';
    this.errors = errors;
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Parses `{ version: 1, readings: CaseReading[] }`; every problem is reported with its path. `caseIds`, when given,
 * must contain every reading's case (a reading of a case that is not there is an error, not a silent no-op).
 */
export function parseCaseReadings(doc: unknown, caseIds?: readonly string[]): CaseReading[] {
  const errors: Array<{ path: string; message: string }> = [];
  if (!isRecord(doc) || doc['version'] !== 1 || !Array.isArray(doc['readings'])) {
    throw new ReadingsError([{ path: '', message: 'must be an object { version: 1, readings: [...] }' }]);
  }
  const out: CaseReading[] = [];
  const seen = new Set<string>();
  (doc['readings'] as unknown[]).forEach((r, i) => {
    const at = `readings[${i}]`;
    if (!isRecord(r)) return void errors.push({ path: at, message: 'must be an object' });
    const known = ['case', 'assumptions', 'parallelism', 'gpu', 'metric', 'because'];
    for (const k of Object.keys(r)) if (!known.includes(k)) errors.push({ path: `${at}.${k}`, message: `unknown field (known: ${known.join(', ')})` });
    const id = r['case'];
    if (typeof id !== 'string' || id === '') errors.push({ path: `${at}.case`, message: 'must be a case id' });
    else if (seen.has(id)) errors.push({ path: `${at}.case`, message: `"${id}" is read twice` });
    else if (caseIds && !caseIds.includes(id)) errors.push({ path: `${at}.case`, message: `no case "${id}" in the calibration folder` });
    const a = r['assumptions'];
    if (a !== undefined && (!isRecord(a) || Object.values(a).some((v) => typeof v !== 'string'))) {
      errors.push({ path: `${at}.assumptions`, message: 'must map assumption names to string values' });
    }
    const par = r['parallelism'];
    const scalarOrList = (v: unknown) => ['number', 'string', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));
    if (par !== undefined && (!isRecord(par) || Object.keys(par).length === 0 || !Object.values(par).every(scalarOrList))) {
      errors.push({ path: `${at}.parallelism`, message: 'must map parallelism fields to numbers, strings, booleans or lists of strings' });
    }
    for (const k of ['gpu', 'metric'] as const) {
      if (r[k] !== undefined && (typeof r[k] !== 'string' || r[k] === '')) errors.push({ path: `${at}.${k}`, message: 'must be a non-empty string' });
    }
    if (typeof r['because'] !== 'string' || r['because'].length < 20) errors.push({ path: `${at}.because`, message: 'must cite what the source states (at least 20 characters)' });
    if (typeof id === 'string') seen.add(id);
    out.push(r as unknown as CaseReading);
  });
  if (errors.length > 0) throw new ReadingsError(errors);
  return out;
}

/** One line saying how a reading reads its case: "framework=torchtitan · virtualStages=8 · h100-hbm2e-96gb · read as <metric>". */
export function describeCaseReading(r: CaseReading): string {
  return [
    ...Object.entries(r.assumptions ?? {}).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(r.parallelism ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`),
    ...(r.gpu ? [r.gpu] : []),
    ...(r.metric ? [`read as ${r.metric}`] : []),
  ].join(' · ');
}

/** The case as its source ran it: the reading's assumptions and parallelism merged over the plan's, its GPU, its metric. */
export function readCaseAsSource(c: CalibrationCase, r: CaseReading): CalibrationCase {
  const plan = (isRecord(c.plan) ? c.plan : {}) as Record<string, unknown>;
  const cluster = isRecord(plan['cluster']) ? plan['cluster'] : {};
  const assumptions = isRecord(plan['assumptions']) ? plan['assumptions'] : {};
  const parallelism = isRecord(plan['parallelism']) ? plan['parallelism'] : {};
  return {
    id: c.id,
    plan: {
      ...plan,
      ...(r.assumptions ? { assumptions: { ...assumptions, ...r.assumptions } } : {}),
      ...(r.parallelism ? { parallelism: { ...parallelism, ...r.parallelism } } : {}),
      ...(r.gpu ? { cluster: { ...cluster, gpu: r.gpu } } : {}),
    },
    expected: { ...c.expected, metric: r.metric ?? c.expected.metric },
  };
}
