import { describe, expect, it } from 'vitest';
import { checkBudgets, parseBudgetConfig } from './budgets.js';
import type { PlanComparison } from './comparison.js';
import { InputError } from './errors.js';
import { summaryDeltas, type PlanSummary } from './summary.js';

const base: PlanSummary = { gpuHours: 100_000, days: 10, costUsd: 200_000, peakGiB: 60, mfu: 0.4, fits: true };

function entry(head: PlanSummary, withBase = true): PlanComparison {
  return {
    id: 'plans/a.plan.yaml',
    name: 'a',
    status: withBase ? 'modified' : 'added',
    base: withBase ? base : null,
    head,
    deltas: withBase ? summaryDeltas(base, head) : null,
    notes: [],
    baseReport: null,
    headReport: null,
  };
}

describe('parseBudgetConfig', () => {
  it('reads every rule of the documented shape', () => {
    const c = parseBudgetConfig(
      'budgets:\n  maxGpuHours: 3e6\n  maxCostUsd: 6000000\n  maxDays: 60\n  mustFit: true\n  maxIncreasePct: { gpuHours: 10, costUsd: 10, days: 5, peakGiB: 2.5 }\n',
      'flopcast.yml',
    );
    expect(c.budgets).toEqual({
      maxGpuHours: 3e6,
      maxCostUsd: 6e6,
      maxDays: 60,
      mustFit: true,
      maxIncreasePct: { gpuHours: 10, costUsd: 10, days: 5, peakGiB: 2.5 },
    });
  });

  it('accepts an empty file as "no rules"', () => {
    expect(parseBudgetConfig('', 'flopcast.yml').budgets).toEqual({});
  });

  it('names every bad field, including typos that would silently disable a rule', () => {
    let err: unknown;
    try {
      parseBudgetConfig('budgets:\n  maxCostUsd: lots\n  mustfit: true\n  maxIncreasePct: { dollars: 5, days: -1 }\nbudget: {}\n', 'ci.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const paths = (err as InputError).fields.map((f) => f.path).sort();
    expect(paths).toEqual(['budget', 'budgets.maxCostUsd', 'budgets.maxIncreasePct.days', 'budgets.maxIncreasePct.dollars', 'budgets.mustfit']);
    expect((err as InputError).message).toMatch(/^ci\.yml: invalid budget config: /);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseBudgetConfig('budgets:\n  maxDays: [1,\n', 'flopcast.yml')).toThrow(/flopcast\.yml: not valid YAML at line \d+/);
  });
});

describe('checkBudgets', () => {
  const budgets = parseBudgetConfig('budgets:\n  mustFit: true\n  maxIncreasePct: { costUsd: 10, gpuHours: 10 }\n', 'f').budgets;

  it('fails an 18% cost increase against a 10% limit and names the rule', () => {
    const head = { ...base, gpuHours: 118_000, costUsd: 236_000 };
    const v = checkBudgets(budgets, [entry(head)]);
    expect(v.map((x) => x.rule)).toEqual(['budgets.maxIncreasePct.gpuHours', 'budgets.maxIncreasePct.costUsd']);
    expect(v[1]!.actual).toBe(18);
    expect(v[1]!.limit).toBe(10);
    expect(v[1]!.message).toContain('+18.0%');
  });

  it('passes a 9% increase and any decrease', () => {
    expect(checkBudgets(budgets, [entry({ ...base, costUsd: 218_000 })])).toEqual([]);
    expect(checkBudgets(budgets, [entry({ ...base, costUsd: 100_000, gpuHours: 50_000 })])).toEqual([]);
  });

  it('applies mustFit and absolute limits to added plans but no increase rules', () => {
    const all = parseBudgetConfig('budgets:\n  mustFit: true\n  maxDays: 5\n  maxIncreasePct: { costUsd: 0 }\n', 'f').budgets;
    const v = checkBudgets(all, [entry({ ...base, fits: false, costUsd: 9e9 }, false)]);
    expect(v.map((x) => x.rule)).toEqual(['budgets.maxDays', 'budgets.mustFit']);
  });

  it('does not check removed plans', () => {
    const removed: PlanComparison = { ...entry(base), status: 'removed', head: null, deltas: null };
    expect(checkBudgets({ maxDays: 0, mustFit: true }, [removed])).toEqual([]);
  });
});
