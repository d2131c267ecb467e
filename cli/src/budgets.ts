/**
 * Budgets from `flopcast.yml`:
 *
 *   budgets:
 *     maxGpuHours: 3000000      # every head plan
 *     maxCostUsd: 6000000
 *     maxDays: 60
 *     mustFit: true             # every stage of every head plan fits in HBM
 *     maxIncreasePct:           # head vs base, in percent (plans with a base only)
 *       gpuHours: 10
 *       costUsd: 10
 *       days: 10
 *       peakGiB: 5
 *
 * All keys optional; unknown keys are errors (a typo must not silently disable a budget).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { PlanComparison } from './comparison.js';
import { InputError, UsageError, type FieldIssue } from './errors.js';
import { fmtMetric } from './format/metrics.js';
import type { NumericMetric, PlanSummary } from './summary.js';

export type IncreaseMetric = 'gpuHours' | 'costUsd' | 'days' | 'peakGiB';

export interface Budgets {
  maxGpuHours?: number;
  maxCostUsd?: number;
  maxDays?: number;
  mustFit?: boolean;
  maxIncreasePct?: Partial<Record<IncreaseMetric, number>>;
}

export interface BudgetConfig {
  /** File the budgets came from, as shown to the user. */
  source: string;
  budgets: Budgets;
}

/** One broken rule for one plan. */
export interface Violation {
  plan: string;
  /** Dotted rule name in flopcast.yml, e.g. `budgets.maxIncreasePct.costUsd`. */
  rule: string;
  limit: number | boolean;
  actual: number | boolean;
  message: string;
}

const ABSOLUTE_RULES: ReadonlyArray<{ key: 'maxGpuHours' | 'maxCostUsd' | 'maxDays'; metric: NumericMetric; what: string }> = [
  { key: 'maxGpuHours', metric: 'gpuHours', what: 'GPU-hours' },
  { key: 'maxCostUsd', metric: 'costUsd', what: 'cost' },
  { key: 'maxDays', metric: 'days', what: 'wall-clock days' },
];

const INCREASE_RULES: ReadonlyArray<{ key: IncreaseMetric; what: string }> = [
  { key: 'gpuHours', what: 'GPU-hours' },
  { key: 'costUsd', what: 'cost' },
  { key: 'days', what: 'wall-clock days' },
  { key: 'peakGiB', what: 'peak memory' },
];

/** Default config file names looked up in the working directory, in order. */
export const CONFIG_FILE_NAMES = ['flopcast.yml', 'flopcast.yaml'] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a parsed config; every problem is reported with its dotted field path. */
export function validateBudgetConfig(doc: unknown, source: string): BudgetConfig {
  const issues: FieldIssue[] = [];
  const budgets: Budgets = {};
  const bad = (p: string, message: string) => issues.push({ path: p, message });
  const nonNegative = (p: string, v: unknown): number | undefined => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      bad(p, `must be a non-negative number (got ${JSON.stringify(v)})`);
      return undefined;
    }
    return v;
  };

  if (doc === null || doc === undefined) return { source, budgets };
  if (!isPlainObject(doc)) {
    bad('', 'must be a mapping with a `budgets` key');
  } else {
    for (const key of Object.keys(doc)) if (key !== 'budgets') bad(key, 'unknown key (expected `budgets`)');
    const b = doc.budgets;
    if (b !== undefined && b !== null && !isPlainObject(b)) bad('budgets', 'must be a mapping');
    if (isPlainObject(b)) {
      for (const [key, v] of Object.entries(b)) {
        const p = `budgets.${key}`;
        if (key === 'maxGpuHours' || key === 'maxCostUsd' || key === 'maxDays') {
          const n = nonNegative(p, v);
          if (n !== undefined) budgets[key] = n;
        } else if (key === 'mustFit') {
          if (typeof v !== 'boolean') bad(p, `must be true or false (got ${JSON.stringify(v)})`);
          else budgets.mustFit = v;
        } else if (key === 'maxIncreasePct') {
          if (!isPlainObject(v)) {
            bad(p, 'must be a mapping of gpuHours, costUsd, days, peakGiB to percentages');
            continue;
          }
          const inc: Partial<Record<IncreaseMetric, number>> = {};
          for (const [k, pv] of Object.entries(v)) {
            if (!INCREASE_RULES.some((r) => r.key === k)) {
              bad(`${p}.${k}`, 'unknown key (expected gpuHours, costUsd, days or peakGiB)');
              continue;
            }
            const n = nonNegative(`${p}.${k}`, pv);
            if (n !== undefined) inc[k as IncreaseMetric] = n;
          }
          budgets.maxIncreasePct = inc;
        } else {
          bad(p, 'unknown key (expected maxGpuHours, maxCostUsd, maxDays, mustFit or maxIncreasePct)');
        }
      }
    }
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new InputError(`${source}: invalid budget config: ${first.path || '(root)'}: ${first.message}`, issues);
  }
  return { source, budgets };
}

/** Parses flopcast.yml text (YAML; JSON is YAML too). */
export function parseBudgetConfig(text: string, source: string): BudgetConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '';
    throw new InputError(`${source}: not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`);
  }
  return validateBudgetConfig(doc, source);
}

/**
 * Loads budgets from `--config PATH` (must exist) or from flopcast.yml in `cwd` (optional).
 * Returns null when there is no config.
 */
export async function loadBudgetConfig(explicit: string | undefined, cwd: string, command: string): Promise<BudgetConfig | null> {
  let file: string | undefined;
  let shown: string;
  if (explicit !== undefined) {
    file = path.resolve(cwd, explicit);
    shown = explicit;
    if (!existsSync(file)) throw new UsageError(`--config ${explicit}: no such file`, command);
  } else {
    const name = CONFIG_FILE_NAMES.find((n) => existsSync(path.join(cwd, n)));
    if (!name) return null;
    file = path.join(cwd, name);
    shown = name;
  }
  return parseBudgetConfig(await readFile(file, 'utf8'), shown);
}

/** A limit or a percentage as written in flopcast.yml. */
function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Absolute rules applied to one head plan. */
function checkAbsolute(budgets: Budgets, plan: string, head: PlanSummary): Violation[] {
  const out: Violation[] = [];
  for (const r of ABSOLUTE_RULES) {
    const limit = budgets[r.key];
    const actual = head[r.metric];
    if (limit !== undefined && actual > limit) {
      out.push({
        plan,
        rule: `budgets.${r.key}`,
        limit,
        actual,
        message: `${r.what} ${fmtMetric(r.metric, actual)} is over the limit of ${fmtMetric(r.metric, limit)}`,
      });
    }
  }
  if (budgets.mustFit === true && !head.fits) {
    out.push({ plan, rule: 'budgets.mustFit', limit: true, actual: false, message: `does not fit in GPU memory (peak ${fmtMetric('peakGiB', head.peakGiB)} GiB per GPU)` });
  }
  return out;
}

/** Checks every rule against every comparison entry; removed plans are not checked. */
export function checkBudgets(budgets: Budgets, entries: PlanComparison[]): Violation[] {
  const out: Violation[] = [];
  for (const e of entries) {
    if (!e.head) continue;
    out.push(...checkAbsolute(budgets, e.id, e.head));
    if (!e.base || !e.deltas || !budgets.maxIncreasePct) continue;
    for (const r of INCREASE_RULES) {
      const limit = budgets.maxIncreasePct[r.key];
      if (limit === undefined) continue;
      const d = e.deltas[r.key];
      // A base of 0 has no relative change; any rise from 0 breaks a percentage limit.
      const pct = d.pct ?? (d.abs > 0 ? Number.POSITIVE_INFINITY : 0);
      if (pct > limit) {
        const shown = Number.isFinite(pct) ? `+${pct.toFixed(1)}%` : 'up from 0';
        out.push({
          plan: e.id,
          rule: `budgets.maxIncreasePct.${r.key}`,
          limit,
          actual: Number.isFinite(pct) ? Math.round(pct * 100) / 100 : d.abs,
          message: `${r.what} rose ${shown} (${fmtMetric(r.key, e.base[r.key])} → ${fmtMetric(r.key, e.head[r.key])}), more than the allowed ${fmt(limit)}%`,
        });
      }
    }
  }
  return out;
}

/** Budget check of a single estimate (absolute rules only). */
export function checkEstimateBudgets(budgets: Budgets, plan: string, head: PlanSummary): Violation[] {
  return checkAbsolute(budgets, plan, head);
}
