import { describe, expect, it } from 'vitest';
import { deepseekV3PaperPlan, qwen3Ep32Plan } from '../../test/fixtures/plans.js';
import { estimate } from '../estimate.js';
import { expertOverlapCandidates, exposedExpertSeconds } from './overlap-advice.js';

/** Qwen3-235B, TP2 PP8 VPP4 EP32 on 256 H100: the all-to-all crosses four nodes and is a large exposed share of the step. */
const qwen = qwen3Ep32Plan;
const advice = (r: ReturnType<typeof estimate>) => r.warnings.find((w) => w.code === 'expert-overlap');

/** The plan with a warning's fix applied (dotted paths). */
function applied(plan: Record<string, any>, fix: ReadonlyArray<{ path: string; value: unknown }>): Record<string, any> {
  const out = structuredClone(plan);
  for (const { path, value } of fix) {
    const keys = path.split('.');
    let o = out;
    for (const k of keys.slice(0, -1)) o = o[k] ??= {};
    o[keys.at(-1)!] = value;
  }
  return out;
}

describe('expert-overlap advice (Megatron-Core combined 1F1B)', () => {
  it('names combined 1F1B for an interleaved plan whose all-to-all is exposed; applied, the step is what it says', () => {
    const plan = qwen();
    const r = estimate(plan);
    expect(exposedExpertSeconds(r)).toBeGreaterThan(0.1 * r.step.seconds);
    const w = advice(r)!;
    expect(w.fix).toEqual([{ path: 'assumptions.epA2aOverlap', value: 'combined-1f1b' }]);
    const after = estimate(applied(plan, w.fix!));
    const saving = Math.round((1 - after.step.seconds / r.step.seconds) * 100);
    expect(w.message).toContain(`shortens the step by ${saving}%`);
    expect(saving).toBeGreaterThanOrEqual(5);
    // once applied there is nothing left to advise
    expect(advice(after)).toBeUndefined();
  });

  it('adds the virtual stages Megatron-Core requires for a pipelined 1F1B plan', () => {
    const w = advice(estimate(qwen({ schedule: '1f1b', virtualStages: 1 })))!;
    expect(w.fix).toEqual([
      { path: 'assumptions.epA2aOverlap', value: 'combined-1f1b' },
      { path: 'parallelism.schedule', value: 'interleaved-1f1b' },
      { path: 'parallelism.virtualStages', value: 2 },
    ]);
  });

  it('is not offered for DualPipe (which overlaps by design), under full recomputation, or for dense models', () => {
    expect(advice(estimate(deepseekV3PaperPlan()))).toBeUndefined();
    expect(advice(estimate(qwen({ recompute: 'full' })))).toBeUndefined();
    expect(expertOverlapCandidates({ schedule: 'dualpipev', pipeline: 8, virtualStages: 2, combined: false })).toEqual([]);
    expect(expertOverlapCandidates({ schedule: 'interleaved-1f1b', pipeline: 8, virtualStages: 4, combined: true })).toEqual([]);
    const dense = estimate({ ...qwen(), model: 'llama3-70b', parallelism: { tensor: 8, pipeline: 4, virtualStages: 2, zero: 1, schedule: 'interleaved-1f1b', recompute: 'none' } });
    expect(advice(dense)).toBeUndefined();
  });
});
