/**
 * Micro-batch activations a pipeline rank holds at its peak, per schedule.
 *
 * Unit: activations of one micro-batch through ONE model chunk of the rank (a chunk = the rank's layers divided by its
 * chunks per rank: 1 for gpipe/1f1b/zb1p, `virtualStages` for interleaved-1f1b, 2 for dualpipe/dualpipev).
 */
import type { Schedule } from '../plan/types.js';

/**
 * In-flight micro-batch activations (chunk units) at the peak of pipeline rank `stage` (0-based).
 * - gpipe: every micro-batch's forward runs before any backward [Huang et al. 2019, GPipe §2.2] → m.
 * - 1f1b: rank i runs PP − i warm-up forwards before its first backward [Narayanan et al. 2021 arXiv 2104.04473
 *   §2.2.1, PipeDream-Flush] → min(PP − i, m).
 * - zb1p: ZB-H1 keeps 1F1B's peak activation memory [Qi et al. 2023 arXiv 2401.10241 §3; DeepSeek-V3 Table 2 "PP"].
 * - interleaved-1f1b: Megatron's warm-up runs (PP − i − 1)·2 + (v − 1)·PP chunk forwards, then one more before the
 *   first backward (Megatron-Core schedules.py `forward_backward_pipelining_with_interleaving`); at rank 0 this is
 *   PP·v·(1 + (PP − 1)/(PP·v)) chunk units = the (1 + (p−1)/(pm)) factor of Korthikanti et al. 2022 §4.2.3 over
 *   1F1B [Narayanan 2021 §2.2.2]. Capped at m·v.
 * - dualpipe: PP + 1 chunk activations on every rank ("Activation per device PP+1" vs 1F1B's PP, DeepSeek-V3
 *   arXiv 2412.19437 Table 2; dualpipe.py phases 1-2 run PP forwards before the first backward, phase 4 adds one).
 * - dualpipev: PP + 1 per device with PP = stages = 2 × ranks (deepseek-ai/DualPipe README table) → 2·ranks + 1 chunks.
 * - `paired` (combined 1F1B, plan/ep-overlap.ts): a single stage holds two micro-batches while the second one's forward
 *   runs beside the first one's backward (combined_1f1b.py phases) → min(2, m); the interleaved schedule warms up one
 *   more forward (Megatron-Core schedules.py: "one extra micro-batch forward step before the 1f1b stages") and each
 *   pair's forward starts before its backward frees → two more than the warm-up instead of one, capped at m·v.
 */
export function inFlightMicroBatches(schedule: Schedule, pp: number, stage: number, virtualStages: number, microBatches: number, paired = false): number {
  const m = microBatches;
  if (paired && pp === 1) return Math.min(2, m);
  switch (schedule) {
    case 'gpipe':
      return m;
    case '1f1b':
    case 'zb1p':
      return Math.min(pp - stage, m);
    case 'interleaved-1f1b': {
      const v = virtualStages;
      if (v <= 1) return Math.min(pp - stage, m);
      return Math.min((pp - stage - 1) * 2 + (v - 1) * pp + (paired ? 2 : 1), m * v);
    }
    case 'dualpipe':
      return Math.min(pp + 1, 2 * m);
    case 'dualpipev':
      return Math.min(2 * pp + 1, 2 * m);
  }
}
