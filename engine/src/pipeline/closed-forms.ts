/**
 * Closed-form pipeline bubbles of DeepSeek-V3 Table 2 (arXiv 2412.19437 §3.2.1; also deepseek-ai/DualPipe README),
 * for uniform stages and no p2p time. F = forward chunk, B = full backward chunk, W = weight-gradient part of B,
 * FB = two mutually overlapped forward and backward chunks, PP = pipeline stages. Used by the tests as the
 * reference the simulator must reproduce, and in the report details for comparison; the step time always comes
 * from the simulation (uneven stages and communication are not averaged away).
 */
import type { Schedule } from '../plan/types.js';

export interface UniformStage {
  f: number;
  /** Full backward (input + weight gradients). */
  b: number;
  w: number;
  /** Overlapped forward+backward pair (DualPipe F&B). */
  fb: number;
}

/**
 * Bubble per device from DeepSeek-V3 Table 2 (1F1B, ZB1P, DualPipe, DualPipeV) plus GPipe (Huang et al. 2019,
 * same (PP−1)(F+B) as 1F1B) and interleaved 1F1B (Narayanan et al. 2021 §2.2.2: (PP−1)(F+B)/V with F, B of a
 * whole stage, i.e. (PP−1)(F+B) with F, B of one chunk). `stages` is PP for every schedule except DualPipeV,
 * whose PP ranks hold 2·PP stages. The DualPipe forms are exact when a chunk's backward-for-input equals its
 * forward (B − W = F), W ≤ F and FB ≥ B (the setting of the paper's figure); otherwise they are approximations.
 */
export function tableTwoBubble(schedule: Schedule, stages: number, s: UniformStage): number {
  switch (schedule) {
    case 'gpipe':
    case '1f1b':
    case 'interleaved-1f1b':
      return (stages - 1) * (s.f + s.b);
    case 'zb1p':
      return (stages - 1) * (s.f + s.b - 2 * s.w);
    case 'dualpipe':
    case 'dualpipev':
      return (stages / 2 - 1) * (s.fb + s.b - 3 * s.w);
  }
}

/** Peak in-flight activations per device (DeepSeek-V3 Table 2): PP for 1F1B/ZB1P, PP+1 for DualPipe(V). */
export function tableTwoActivations(schedule: Schedule, stages: number, microBatches: number): number {
  switch (schedule) {
    case 'gpipe':
      return microBatches;
    case '1f1b':
    case 'zb1p':
    case 'interleaved-1f1b':
      return Math.min(stages, microBatches);
    case 'dualpipe':
    case 'dualpipev':
      return stages + 1;
  }
}
