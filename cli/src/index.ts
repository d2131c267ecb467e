/** @flopcast/cli as a library: run the CLI in-process, and the comparison/budget building blocks it uses. */
export { main, COMMANDS } from './main.js';
export { EXIT, UsageError, InputError, InternalError } from './errors.js';
export type { Io, Stream } from './io.js';
export { parseBudgetConfig, validateBudgetConfig, checkBudgets, type Budgets, type BudgetConfig, type Violation } from './budgets.js';
export { comparePlans, type PlanComparison, type ChangeStatus } from './comparison.js';
export { summarize, summaryDeltas, type PlanSummary, type Delta } from './summary.js';
export { MARKDOWN_MARKER } from './format/comparison.js';
