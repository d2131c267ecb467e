import { describe, expect, it } from 'vitest';
import { combinedLayersSeconds, type LayerNodes } from './combined-1f1b.js';
import { estimate } from '../estimate.js';
import { qwen3Ep32Plan } from '../../test/fixtures/plans.js';

const node = (compute: Partial<LayerNodes>, a2a = 0): LayerNodes => ({
  preF: 0,
  preB: 0,
  preW: 0,
  mlpF: 0,
  mlpB: 0,
  mlpW: 0,
  dispatchF: a2a,
  combineF: a2a,
  dispatchB: a2a,
  combineB: a2a,
  ...compute,
});
const sum = (n: LayerNodes) => n.preF + n.preB + n.preW + n.mlpF + n.mlpB + n.mlpW;

describe('combined 1F1B layer schedule (Megatron-Core TransformerLayerSchedulePlan.run, two streams)', () => {
  it('is the compute alone for dense layers (no dispatch or combine nodes)', () => {
    const dense = node({ preF: 1, preB: 2, preW: 0.5, mlpF: 1.5, mlpB: 3, mlpW: 1 });
    const t = combinedLayersSeconds([dense, dense, dense], [dense, dense]);
    expect(t.compute).toBeCloseTo(3 * (dense.preF + dense.mlpF) + 2 * (dense.preB + dense.preW + dense.mlpB + dense.mlpW), 9);
    expect(t.seconds).toBeCloseTo(t.compute, 9);
  });

  it('hides small all-to-alls whole: the pair takes its compute', () => {
    const moe = node({ preF: 2, preB: 4, preW: 1, mlpF: 2, mlpB: 2, mlpW: 2 }, 0.5);
    const t = combinedLayersSeconds([moe, moe], [moe, moe]);
    // the first combine backward (0.5) runs beside the first attention forward (2): nothing waits
    expect(t.seconds).toBeCloseTo(2 * sum(moe), 9);
  });

  it('exposes what a phase cannot hide, even where total compute exceeds total communication (hand-timed)', () => {
    // one layer each way. comm: combine_bwd 3 | dispatch_fwd 1 -> dispatch_bwd 1 | combine_fwd 1 (6 in all)
    // comp: pre_fwd 1 | mlp_bwd 1, mlp_bwd_dw 1, mlp_fwd 1 | pre_bwd 3 (7 in all)
    const f = node({ preF: 1, mlpF: 1 }, 1);
    const b = { ...node({ preB: 2, preW: 1, mlpB: 1, mlpW: 1 }, 1), combineB: 3 };
    // combine_bwd 0-3 beside pre_fwd 0-1; mlp_bwd 3-4 waits for it; dispatch_fwd 3-4 (behind combine_bwd on its
    // stream); mlp_bwd_dw 4-5 beside dispatch_bwd 4-5; mlp_fwd 5-6; combine_fwd 6-7; pre_bwd 6-9 (behind mlp_fwd)
    const t = combinedLayersSeconds([f], [b]);
    expect(t.compute).toBe(7);
    expect(t.seconds).toBe(9);
    // the whole-pair bound max(compute, communication) = max(7, 6) would say 7
    expect(b.combineB + f.dispatchF + b.dispatchB + f.combineF).toBe(6);
  });

  it('is never below its compute or its communication, and runs unpaired layers one after another', () => {
    const moe = node({ preF: 0.3, preB: 0.6, preW: 0.2, mlpF: 0.4, mlpB: 0.4, mlpW: 0.3 }, 0.7);
    for (const [nf, nb] of [[1, 1], [3, 2], [2, 3], [4, 4], [0, 2], [2, 0]] as const) {
      const t = combinedLayersSeconds(Array(nf).fill(moe), Array(nb).fill(moe));
      const fComm = nf * (moe.dispatchF + moe.combineF);
      const bComm = nb * (moe.dispatchB + moe.combineB);
      expect(t.seconds, `${nf}f ${nb}b`).toBeGreaterThanOrEqual(Math.max(t.compute, fComm + bComm) - 1e-12);
    }
    // a lone forward cannot overlap anything: compute and communication add up
    const lone = combinedLayersSeconds([moe], []);
    expect(lone.seconds).toBeCloseTo(moe.preF + moe.dispatchF + moe.mlpF + moe.combineF, 12);
  });

  it('leaves more of the all-to-all exposed than the whole-pair bound on a plan whose communication matches its compute', () => {
    // Qwen3-235B on 256 H100 with the NCCL all-to-all dispatcher (the 26.04.01 benchmark's layout)
    const plan = qwen3Ep32Plan({}, { epA2aOverlap: 'combined-1f1b', moeDispatcher: 'alltoall' });
    const r = estimate(plan);
    const exposed = r.communication.filter((c) => c.kind.startsWith('ep-')).reduce((s, c) => s + c.exposedSeconds, 0);
    const total = r.communication.filter((c) => c.kind.startsWith('ep-')).reduce((s, c) => s + c.seconds, 0);
    expect(exposed).toBeGreaterThan(0.1 * total);
    expect(exposed).toBeLessThan(0.5 * total);
  });
});
