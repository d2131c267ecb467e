/**
 * Advice for an MoE plan whose expert all-to-all is exposed: Megatron-Core's combined 1F1B
 * (`assumptions.epA2aOverlap: combined-1f1b`, plan/ep-overlap.ts), which runs one micro-batch's forward beside another's
 * backward so that each all-to-all hides under the other's compute — the overlap DeepSeek-V3's DualPipe builds into its
 * schedule (V3 §3.2.1), offered to the 1F1B-class schedules Megatron-Core supports it on. The candidates are the plan
 * with the overlap as it is (interleaved with virtual stages, or one pipeline stage) and, for a pipelined 1F1B plan,
 * with interleaving (2 virtual stages) as Megatron-Core requires. Each is estimated whole; the advice names the
 * fastest that fits in memory when it saves at least `MIN_ADVICE_SAVING` of the step (report/advice.ts). Pure: the caller passes the estimator.
 */
import { pairableLayout } from '../plan/ep-overlap.js';
import type { Schedule } from '../plan/types.js';
import { fastestFittingSaving, pct } from '../report/advice.js';
import type { Report, Warning } from '../report/types.js';

/** Exposed expert all-to-all share of the step from which the advice is looked for. */
export const EXPERT_OVERLAP_THRESHOLD = 0.1;

export interface ExpertOverlapInput {
  schedule: Schedule;
  pipeline: number;
  virtualStages: number;
  /** Whether the plan already runs combined-1F1B pairs (the assumption is set and applies). */
  combined: boolean;
}

/** One candidate: the virtual stages it needs (undefined: as the plan has them). */
export interface ExpertOverlapCandidate {
  virtualStages?: number;
}

/** Exposed seconds of the expert-parallel dispatch and combine in a report. */
export function exposedExpertSeconds(r: Report): number {
  return r.communication.filter((c) => c.kind === 'ep-dispatch' || c.kind === 'ep-combine').reduce((s, c) => s + c.exposedSeconds, 0);
}

/** The layouts worth timing with combined 1F1B; empty where it already runs or cannot (DualPipe overlaps by design). */
export function expertOverlapCandidates(p: ExpertOverlapInput): ExpertOverlapCandidate[] {
  if (p.combined) return [];
  if (pairableLayout(p.schedule, p.pipeline, p.virtualStages)) return [{}];
  if (p.schedule === '1f1b' || p.schedule === 'interleaved-1f1b') return [{ virtualStages: 2 }];
  return [];
}

/**
 * An `expert-overlap` warning when the exposed expert all-to-all is at least EXPERT_OVERLAP_THRESHOLD of the step and
 * a combined-1F1B variant (timed by `evaluate`, undefined for one the plan rules reject) fits and is at least 5%
 * faster; otherwise undefined.
 */
export function expertOverlapAdvice(
  p: ExpertOverlapInput,
  report: Report,
  evaluate: (c: ExpertOverlapCandidate) => Report | undefined,
): Warning | undefined {
  const exposed = exposedExpertSeconds(report);
  if (exposed < EXPERT_OVERLAP_THRESHOLD * report.step.seconds) return undefined;
  const best = fastestFittingSaving(expertOverlapCandidates(p), report, evaluate);
  if (!best) return undefined;
  const v = best.c.virtualStages;
  const how = v === undefined ? 'assumptions.epA2aOverlap combined-1f1b' : `assumptions.epA2aOverlap combined-1f1b with schedule interleaved-1f1b and virtualStages ${v} (Megatron-Core needs virtual stages for it)`;
  return {
    code: 'expert-overlap',
    fix: [
      { path: 'assumptions.epA2aOverlap', value: 'combined-1f1b' },
      ...(v === undefined ? [] : [{ path: 'parallelism.schedule', value: 'interleaved-1f1b' }, { path: 'parallelism.virtualStages', value: v }]),
    ],
    message:
      `the expert all-to-all leaves ${exposed.toFixed(2)} s of the step exposed (${pct(exposed / report.step.seconds)}): Megatron-Core's combined 1F1B ` +
      `(--overlap-moe-expert-parallel-comm), ${how}, hides it under the other micro-batch's compute down to ` +
      `${exposedExpertSeconds(best.r).toFixed(2)} s and shortens the step by ${pct(1 - best.r.step.seconds / report.step.seconds)}, ` +
      `peak memory ${best.r.memory.peakGiB.toFixed(1)} GiB (fits); DualPipe pairs its chunks the same way by design`,
  };
}
