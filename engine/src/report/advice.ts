/**
 * What the advice warnings share (pipeline/advice.ts, moe/overlap-advice.ts): among plan variants the engine has
 * estimated, the fastest that fits in memory, offered only when it saves enough of the step to be worth a change.
 */
import type { Report } from './types.js';

/** Smallest step saving worth advising (5%). */
export const MIN_ADVICE_SAVING = 0.05;

/**
 * The fastest candidate whose estimate fits in memory and shortens `report`'s step by at least MIN_ADVICE_SAVING, with
 * that estimate; undefined when none does. `evaluate` returns undefined for a candidate the plan rules reject.
 */
export function fastestFittingSaving<C>(candidates: readonly C[], report: Report, evaluate: (c: C) => Report | undefined): { c: C; r: Report } | undefined {
  let best: { c: C; r: Report } | undefined;
  for (const c of candidates) {
    const r = evaluate(c);
    if (!r || !r.memory.fits) continue;
    if (!best || r.step.seconds < best.r.step.seconds) best = { c, r };
  }
  return best && best.r.step.seconds <= (1 - MIN_ADVICE_SAVING) * report.step.seconds ? best : undefined;
}

/** A fraction as a whole percentage, as the advice messages print it. */
export const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
