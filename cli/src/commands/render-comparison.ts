/** Shared tail of `compare` and `diff`: budgets, rendering in the chosen format, exit code. */
import { checkBudgets, type BudgetConfig } from '../budgets.js';
import type { PlanComparison } from '../comparison.js';
import { EXIT } from '../errors.js';
import { comparisonJson, comparisonMarkdown, comparisonTable, type ComparisonDocument } from '../format/comparison.js';
import { colourEnabled, type Io } from '../io.js';

export type ComparisonFormat = 'table' | 'json' | 'markdown';

/** Checks budgets, writes the comparison to stdout and returns 1 when a rule is broken, else 0. */
export function finishComparison(
  io: Io,
  format: ComparisonFormat,
  base: Omit<ComparisonDocument, 'entries' | 'budgets' | 'violations'>,
  entries: PlanComparison[],
  budgets: BudgetConfig | null,
): number {
  const violations = budgets ? checkBudgets(budgets.budgets, entries) : [];
  const doc: ComparisonDocument = { ...base, entries, budgets, violations };
  if (format === 'json') io.stdout.write(comparisonJson(doc));
  else if (format === 'markdown') io.stdout.write(comparisonMarkdown(doc));
  else io.stdout.write(comparisonTable(doc, colourEnabled(io.stdout, io.env)));
  return violations.length > 0 ? EXIT.budget : EXIT.ok;
}
