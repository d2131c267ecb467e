/**
 * Advice for a plan whose pipeline bubble is large: deeper interleaving.
 *
 * The interleaved 1F1B schedule's bubble is (PP−1)/(V·M) of the ideal compute time with V model chunks per rank and
 * M micro-batches [Narayanan et al. 2021, arXiv 2104.04473 §2.2.2; Llama 3, arXiv 2407.21783 §3.3.2 "(PP−1)/(V∗M)"],
 * so more chunks per rank shrink it, at the price of V× the pipeline sends and a different in-flight activation
 * profile — which is why each candidate is timed and sized by the whole model, not by the closed form. The
 * candidates are V' = 2V, 4V, … (from 1F1B: 2, 4, …) up to the most the model allows (PP·V' ≤ layers + 2, the
 * embedding and loss slots). The advice names the fastest candidate that fits in memory, when it saves at least
 * `MIN_ADVICE_SAVING` of the step (report/advice.ts). Pure: the caller passes the estimator.
 */
import { fastestFittingSaving, pct } from '../report/advice.js';
import type { Report, Warning } from '../report/types.js';

/** Bubble share of the step from which the advice is looked for (below it, deeper interleaving buys little). */
export const BUBBLE_ADVICE_THRESHOLD = 0.15;
/** Candidates tried at most (each one is a whole estimate). */
const MAX_CANDIDATES = 4;

export interface InterleavingInput {
  schedule: string;
  pipeline: number;
  virtualStages: number;
  microBatches: number;
  layers: number;
}

/** The virtual-stage counts worth timing for this pipeline, deepest last; empty when the schedule is not 1F1B-class. */
export function interleavingCandidates(p: InterleavingInput): number[] {
  if (p.pipeline <= 1 || (p.schedule !== '1f1b' && p.schedule !== 'interleaved-1f1b')) return [];
  const base = p.schedule === '1f1b' ? 1 : Math.max(1, p.virtualStages);
  const out: number[] = [];
  for (let v = base * 2; p.pipeline * v <= p.layers + 2 && out.length < MAX_CANDIDATES; v *= 2) out.push(v);
  return out;
}

/**
 * A `pipeline-bubble` warning when the report's bubble is at least BUBBLE_ADVICE_THRESHOLD of the step and a deeper
 * interleaving (timed by `evaluate`, which returns undefined for a variant the plan rules reject) fits and is at least
 * 5% faster; otherwise undefined.
 */
export function deeperInterleavingAdvice(
  p: InterleavingInput,
  report: Report,
  evaluate: (virtualStages: number) => Report | undefined,
): Warning | undefined {
  if (report.pipeline.bubbleFraction < BUBBLE_ADVICE_THRESHOLD) return undefined;
  const best = fastestFittingSaving(interleavingCandidates(p), report, evaluate);
  if (!best) return undefined;
  const now = p.schedule === '1f1b' ? '1f1b' : `interleaved-1f1b with virtualStages ${p.virtualStages}`;
  const change = p.schedule === '1f1b' ? `schedule interleaved-1f1b with virtualStages ${best.c}` : `virtualStages ${best.c}`;
  return {
    code: 'pipeline-bubble',
    fix: [
      ...(p.schedule === '1f1b' ? [{ path: 'parallelism.schedule', value: 'interleaved-1f1b' }] : []),
      { path: 'parallelism.virtualStages', value: best.c },
    ],
    message:
      `the pipeline bubble is ${pct(report.pipeline.bubbleFraction)} of the step (${now}, ${p.microBatches} micro-batches over ${p.pipeline} ranks; ` +
      `the interleaved bubble is (PP−1)/(V·M) of the compute): ${change} leaves ${pct(best.r.pipeline.bubbleFraction)} and a ` +
      `${pct(1 - best.r.step.seconds / report.step.seconds)} shorter step, peak memory ${best.r.memory.peakGiB.toFixed(1)} GiB (fits); more micro-batches per step also shrink it`,
  };
}
