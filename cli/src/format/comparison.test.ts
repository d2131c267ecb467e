import { describe, expect, it } from 'vitest';
import type { PlanComparison } from '../comparison.js';
import { summaryDeltas, type PlanSummary } from '../summary.js';
import { comparisonMarkdown, comparisonTable, MARKDOWN_MARKER, type ComparisonDocument } from './comparison.js';

const base: PlanSummary = { gpuHours: 100_000, days: 10, costUsd: 200_000, peakGiB: 60, mfu: 0.4, fits: true };
const head: PlanSummary = { gpuHours: 118_000, days: 11.8, costUsd: 236_000, peakGiB: 60, mfu: 0.42, fits: true };
const entry: PlanComparison = {
  id: 'plans/a.plan.yaml',
  name: 'a',
  status: 'modified',
  base,
  head,
  deltas: summaryDeltas(base, head),
  notes: [],
  baseReport: null,
  headReport: null,
};
const doc: ComparisonDocument = {
  command: 'compare',
  engineVersion: 'x',
  evaluatedBy: 'offline',
  baseLabel: 'base.yaml',
  entries: [entry],
  budgets: null,
  violations: [],
};

describe('comparison output', () => {
  it('colours regressions red and improvements green only when colour is on', () => {
    const plain = comparisonTable(doc, false);
    expect(plain).not.toMatch(/\u001b\[/);
    const coloured = comparisonTable(doc, true);
    expect(coloured).toContain('\u001b[31m+18.0%\u001b[39m'); // cost up: red
    expect(coloured).toContain('\u001b[32m+2.0 pp\u001b[39m'); // MFU up: green
  });

  it('keeps columns aligned when cells carry colour codes', () => {
    const rows = comparisonTable(doc, true)
      .split('\n')
      .filter((l) => /^\s+(GPU-hours|Days|Cost)/.test(l))
      .map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(new Set(rows.map((l) => l.length)).size).toBe(1);
  });

  it('starts the markdown with the hidden marker and notes that no budgets are configured', () => {
    const md = comparisonMarkdown(doc);
    expect(md.startsWith(`${MARKDOWN_MARKER}\n`)).toBe(true);
    expect(md).toContain('· no budgets configured');
    expect(md).toContain('| `plans/a.plan.yaml` | modified | 118,000 (+18.0%) | 11.8 (+18.0%) | $236,000 (+18.0%) | 60.0 (0.0%) | 42.0% (+2.0 pp) | ✅ |');
  });
});
