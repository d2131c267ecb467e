import { describe, expect, it } from 'vitest';
import { deepseekV3PaperPlan } from '../../test/fixtures/plans.js';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import { estimate } from '../estimate.js';
import { validatePlan } from './validate.js';

/** The DeepSeek-V3 paper plan with an optional layer split. */
function v3(layerSplit?: string): Record<string, any> {
  return { ...deepseekV3PaperPlan(), ...(layerSplit === undefined ? {} : { assumptions: { layerSplit } }) };
}

describe('assumptions.layerSplit', () => {
  it('balanced moves layers off the rank that holds the embedding, the head and the MTP module (DualPipe rank 0)', () => {
    const even = estimate(v3());
    const balanced = estimate(v3('balanced'));
    expect(balanced.step.seconds).toBeLessThan(even.step.seconds * 0.95);
    // still within ±10% of the published 2.664M GPU-hours (DeepSeek-V3 Table 1)
    expect(Math.abs(balanced.totals.gpuHours / 2.664e6 - 1)).toBeLessThan(0.1);
    expect(even.warnings.map((w) => w.code)).toContain('pipeline-imbalance');
    expect(balanced.warnings.map((w) => w.code)).not.toContain('pipeline-imbalance');
  });

  it('with a balanced split, dropping MTP saves what one extra block + head costs (a few percent), not the end-rank imbalance', () => {
    const arch = BUILTIN_CATALOG.models['deepseek-v3']!.arch;
    const noMtp = (split: string) => estimate({ ...v3(split), model: { ...arch, mtp: { depth: 0 } } }).totals.gpuHours;
    const ratioBalanced = noMtp('balanced') / estimate(v3('balanced')).totals.gpuHours;
    const ratioEven = noMtp('even') / estimate(v3('even')).totals.gpuHours;
    // MTP adds 1 block + projection + shared head to 61 layers (V3 §2.2): ~3-8% of the work
    expect(ratioBalanced).toBeGreaterThan(0.9);
    expect(ratioBalanced).toBeLessThan(0.99);
    // the even split charges the MTP module to the already-heaviest rank, so removing it saves more
    expect(ratioEven).toBeLessThan(ratioBalanced);
  });

  it('is a field error when it is neither even nor balanced', () => {
    const r = validatePlan(v3('zigzag'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual(expect.objectContaining({ path: 'assumptions.layerSplit', code: 'invalid_enum' }));
  });
});
