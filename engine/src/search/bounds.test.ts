import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import { estimateResolved } from '../estimate.js';
import { resolveBases, type SearchBase } from './base.js';
import { EngineSearchModel } from './bounds.js';
import { leafPlan, type LeafChoice, type SearchNode } from './core.js';
import { contextOk, expertData, expertOk, microBatchesOk, ruleModel, scheduleShapeOk, tensorOk } from './rules.js';
import { buildDimensions, type Dimensions } from './space.js';
import { parseSearchSpec } from './spec.js';

const REL = 1e-9;

/**
 * Every valid (node, leaf) of a small space: checks each bound against the full model on the same plan.
 * Returns how many plans were compared.
 */
function checkBounds(input: unknown, gpusList: number[], sample = 1): number {
  const spec = parseSearchSpec(input);
  const bases = resolveBases(spec, BUILTIN_CATALOG);
  const model = new EngineSearchModel();
  const nodeOut = new Float64Array(2);
  const leafOut = new Float64Array(2);
  const refOut = new Float64Array(2);
  let compared = 0;
  let counter = 0;
  for (const [bi, base] of bases.entries()) {
    const d: Dimensions = buildDimensions(spec, base.plan.model, base.plan.cluster.gpusPerNode);
    const rm = ruleModel(base.plan.model, spec.training.sequenceLength);
    for (const gpus of gpusList)
      for (const tp of d.tensor)
        for (const pp of d.pipeline)
          for (const cp of d.context)
            for (const ep of d.expert)
              for (const zero of d.zero) {
                const sp = tp > 1;
                if (!tensorOk(rm, tp, sp) || !contextOk(rm, cp) || !expertOk(rm, ep, 1) || gpus % (tp * pp * cp) !== 0) continue;
                const data = gpus / (tp * pp * cp);
                const ed = expertData(data, cp, tp, ep, 1);
                if (ed === 0) continue;
                const node: SearchNode = { bi, gpus, tensor: tp, pipeline: pp, context: cp, expert: ep, expertTensor: 1, data, expertData: ed, zero, sequenceParallel: sp, key: 0 };
                model.nodeLowerBounds(base as SearchBase, node, d, nodeOut);
                const memLb = model.nodeMemoryLowerBoundGiB(base, node);
                d.microBatch.forEach((mbs, mi) =>
                  d.schedules.forEach((sv, si) => {
                    const gbs = (d.batch as { values: number[] }).values[0] as number;
                    if (!scheduleShapeOk(rm, sv.schedule, pp, sv.virtualStages) || gbs % (data * mbs) !== 0) return;
                    const m = gbs / (data * mbs);
                    if (!microBatchesOk(sv.schedule, pp, m)) return;
                    d.recompute.forEach((recompute, ri) => {
                      if (counter++ % sample !== 0) return;
                      const leaf: LeafChoice = { microBatchSize: mbs, globalBatchSize: gbs, microBatches: m, schedule: sv.schedule, virtualStages: sv.virtualStages, recompute };
                      model.leafLowerBounds(base, node, leaf, d, leafOut, mi, si, ri);
                      const plan = leafPlan(base, node, leaf);
                      model.refinedLowerBounds(base, node, plan, refOut);
                      const r = estimateResolved(plan);
                      const what = `${base.precision} ${gpus}gpu tp${tp} pp${pp} cp${cp} ep${ep} z${zero} mbs${mbs} ${sv.schedule}/${sv.virtualStages} ${recompute}`;
                      const days = r.totals.wallClockDays;
                      const cost = r.totals.costUsd;
                      expect(nodeOut[0], `node ≤ leaf days: ${what}`).toBeLessThanOrEqual((leafOut[0] as number) * (1 + REL));
                      expect(nodeOut[1], `node ≤ leaf cost: ${what}`).toBeLessThanOrEqual((leafOut[1] as number) * (1 + REL));
                      expect(leafOut[0], `leaf ≤ model days: ${what}`).toBeLessThanOrEqual(days);
                      expect(leafOut[1], `leaf ≤ model cost: ${what}`).toBeLessThanOrEqual(cost);
                      expect(refOut[0], `refined ≤ model days: ${what}`).toBeLessThanOrEqual(days);
                      expect(refOut[1], `refined ≤ model cost: ${what}`).toBeLessThanOrEqual(cost);
                      expect(memLb, `memory bound ≤ peak: ${what}`).toBeLessThanOrEqual(r.memory.peakGiB);
                      expect(model.peakMemoryGiB(plan), `exact memory: ${what}`).toBeCloseTo(r.memory.peakGiB, 9);
                      compared++;
                    });
                  }),
                );
              }
  }
  return compared;
}

const ALL_SCHEDULES = ['1f1b', 'zb1p', 'interleaved-1f1b', 'dualpipe', 'dualpipev', 'gpipe'];

describe('search lower bounds never exceed the full model', () => {
  it('MoE with MLA (DeepSeek-V2-Lite): every schedule, ZeRO stage, recompute and micro-batch size', () => {
    const n = checkBounds(
      {
        version: 1,
        model: 'deepseek-v2-lite',
        training: { tokens: 1e11, sequenceLength: 4096, globalBatchSize: 64 },
        candidates: [{ gpu: 'h100-sxm', maxGpus: 64 }],
        space: { tensor: [1, 2], pipeline: [1, 2, 4], expert: [1, 8, 16], microBatchSize: [1, 2], schedule: ALL_SCHEDULES, virtualStages: [2], precision: ['bf16', 'fp8'] },
      },
      [8, 16],
      3,
    );
    expect(n).toBeGreaterThan(150);
  });

  it('dense GQA (Llama 3 8B) with context parallelism on A100 (no FP8)', () => {
    const n = checkBounds(
      {
        version: 1,
        model: 'llama3-8b',
        training: { tokens: 1e11, sequenceLength: 16384, globalBatchSize: 32 },
        candidates: [{ gpu: 'a100-sxm-80gb', maxGpus: 64 }],
        space: { tensor: [1, 4], pipeline: [1, 4], context: [1, 2], microBatchSize: [1], schedule: ALL_SCHEDULES, virtualStages: [2] },
      },
      [16, 32],
      2,
    );
    expect(n).toBeGreaterThan(100);
  });

  it('DeepSeek-V3 (MTP, dense + MoE layers, uneven splits) at the scale of the reference search', () => {
    const n = checkBounds(
      {
        version: 1,
        model: 'deepseek-v3',
        training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360 },
        candidates: [{ gpu: 'h800-sxm', maxGpus: 4096 }],
        fixed: { precision: 'fp8', moe: { balancing: 'aux-loss-free', nodeLimit: 4 } },
        space: { tensor: [1], pipeline: [8, 16], expert: [32, 64], zero: [1, 3], microBatchSize: [1, 2], schedule: ALL_SCHEDULES, virtualStages: [2], recompute: ['selective', 'full'] },
      },
      [1024, 2048],
      2,
    );
    expect(n).toBeGreaterThan(40);
  });
});
