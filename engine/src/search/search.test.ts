import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { mergeSearchResults, search, searchExhaustive, searchPartition } from './search.js';
import { SearchSpecError } from './spec.js';
import type { SearchResult } from './types.js';

/** MoE with MLA, two GPU types (one without FP8), batch list, headroom and a deadline: small enough to search exhaustively. */
const MOE_SPEC = {
  version: 1,
  name: 'small-moe',
  model: 'deepseek-v2-lite',
  training: { tokens: 2e11, sequenceLength: 4096, globalBatchSize: [64, 128] },
  candidates: [
    { gpu: 'h100-sxm', maxGpus: 32 },
    { gpu: 'a100-sxm-80gb', maxGpus: 32, usdPerGpuHour: 1.2 },
  ],
  space: { tensor: [1, 2], pipeline: [1, 2, 4], expert: [1, 4, 8], zero: [0, 1, 3], microBatchSize: [1, 2], recompute: ['none', 'full'], gpus: [4, 8, 16, 24, 32] },
  constraints: { memoryHeadroomPct: 10, deadlineDays: 200 },
};

/** Dense GQA model, batch range, budget. */
const DENSE_SPEC = {
  version: 1,
  model: 'llama3-8b',
  training: { tokens: 3e11, sequenceLength: 8192, globalBatchSize: { min: 64, max: 256 } },
  candidates: [{ gpu: 'h100-sxm', maxGpus: 64 }],
  space: { tensor: [1, 2, 4], pipeline: [1, 2, 4], zero: [1, 3], microBatchSize: [1, 2], schedule: ['1f1b', 'interleaved-1f1b', 'zb1p', 'gpipe'], virtualStages: [2], precision: ['bf16', 'fp8'] },
  constraints: { budgetUsd: 1e6 },
};

function frontierOf(r: SearchResult) {
  return r.frontier.map((e) => ({ plan: e.plan, summary: e.summary }));
}

function sumStats(r: SearchResult): number {
  const p = r.stats.pruned;
  return p.divisibility + p.memoryLowerBound + p.memory + p.dominated + p.constraint + r.stats.evaluated + r.stats.skipped;
}

describe('search: pruning is exact', () => {
  for (const [name, spec] of [
    ['MoE, two GPU types, deadline, headroom', MOE_SPEC],
    ['dense, batch range, budget', DENSE_SPEC],
    // the search's lower bounds must hold under a balanced layer split, another attention kernel and a host cost
    ['dense with software-stack assumptions', { ...DENSE_SPEC, fixed: { assumptions: { layerSplit: 'balanced', attentionKernel: 'flash3', hostUsPerKernel: 20 } } }],
    // …and when selective recomputation re-runs whole MoE layers (repeated all-to-alls) instead of the attention core
    ['MoE with a recompute module list', { ...MOE_SPEC, space: { ...MOE_SPEC.space, recompute: ['none', 'selective'] }, fixed: { parallelism: { recomputeModules: ['layernorm', 'moe'] } } }],
    ['MoE with module lists as further selective variants', { ...MOE_SPEC, space: { ...MOE_SPEC.space, recompute: ['none', 'selective'], recomputeModules: [['layernorm', 'moe'], ['layernorm', 'moe_act']] } }],
    // …and when the expert all-to-all hides under the other micro-batch (combined 1F1B pairs where they apply)
    ['MoE with combined 1F1B', { ...MOE_SPEC, space: { ...MOE_SPEC.space, schedule: ['1f1b', 'interleaved-1f1b'], virtualStages: [3] }, fixed: { assumptions: { epA2aOverlap: 'combined-1f1b' } } }],
  ] as const) {
    it(`returns exactly the exhaustive frontier, best plans and deadline answer (${name})`, () => {
      const pruned = search(spec);
      const full = searchExhaustive(spec);
      expect(full.frontier.length).toBeGreaterThan(0);
      expect(frontierOf(pruned)).toEqual(frontierOf(full));
      expect(pruned.best).toEqual(full.best);
      expect(pruned.deadline).toEqual(full.deadline);
      // the pruned search did far less work and both account for every candidate exactly once
      expect(pruned.stats.evaluated * 20).toBeLessThan(full.stats.evaluated);
      expect(pruned.stats.generated).toBe(full.stats.generated);
      expect(sumStats(pruned)).toBe(pruned.stats.generated);
      expect(sumStats(full)).toBe(full.stats.generated);
    }, 120_000);
  }
});

describe('search: recompute modules', () => {
  it('carries fixed.parallelism.recomputeModules into every selective candidate plan, which estimate() reproduces', () => {
    const spec = { ...MOE_SPEC, space: { ...MOE_SPEC.space, recompute: ['selective'] }, fixed: { parallelism: { recomputeModules: ['layernorm', 'moe'] } } };
    const r = search(spec);
    expect(r.frontier.length).toBeGreaterThan(0);
    for (const e of r.frontier) {
      const par = e.plan.parallelism as Record<string, unknown>;
      expect(par.recomputeModules).toEqual(['layernorm', 'moe']);
      expect(estimate(e.plan).totals.costUsd).toBeCloseTo(e.summary.costUsd, 6);
    }
    // the same space with the standard selective scope is a different search
    const standard = search({ ...spec, fixed: {} });
    expect(frontierOf(standard)).not.toEqual(frontierOf(r));
  });

  it('finds the Megatron-Core long-context Qwen3-235B layout only when it may re-run the MoE layers (space.recomputeModules)', () => {
    // the ModelZoo's 16k run: TP4 PP8 VPP4 EP8 on 256 H100; with `selective` alone it needs ~106 GiB per GPU
    const spec = {
      version: 1,
      model: 'qwen3-235b-a22b',
      training: { tokens: 4.194304e9, sequenceLength: 16384, globalBatchSize: 256 },
      candidates: [{ gpu: 'h100-sxm', maxGpus: 256, interNode: 'ib-ndr' }],
      fixed: {
        precision: 'bf16',
        training: { microBatchSize: 1 },
        parallelism: { tensor: 4, pipeline: 8, virtualStages: 4, context: 1, expert: 8, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective' },
        assumptions: { framework: 'megatron-core' },
      },
      space: { gpus: [256] },
    };
    expect(search(spec).frontier).toEqual([]);
    const r = search({ ...spec, space: { gpus: [256], recomputeModules: [['layernorm', 'moe_act'], ['layernorm', 'moe']] } });
    expect(r.frontier.length).toBeGreaterThan(0);
    for (const e of r.frontier) expect((e.plan.parallelism as Record<string, unknown>).recomputeModules).toEqual(['layernorm', 'moe']);
    expect(estimate(r.frontier[0]!.plan).memory.fits).toBe(true);
  });
});

describe('search: software-stack assumptions', () => {
  it('are fixed plan assumptions of every candidate; an unmeasured kernel class is an error on the spec field', () => {
    const r = search({ ...DENSE_SPEC, fixed: { assumptions: { attentionKernel: 'flash3' } } });
    expect(r.frontier.length).toBeGreaterThan(0);
    for (const e of r.frontier) expect(e.plan.assumptions).toMatchObject({ attentionKernel: 'flash3' });
    try {
      search({ ...MOE_SPEC, fixed: { assumptions: { attentionKernel: 'flash3' } } }); // the A100 candidate has no flash3 measurement
      expect.unreachable('expected a spec error');
    } catch (e) {
      expect(e).toBeInstanceOf(SearchSpecError);
      expect((e as SearchSpecError).errors.map((x) => x.path)).toContain('fixed.assumptions.attentionKernel');
    }
  });
});

describe('search: results', () => {
  const r = search(MOE_SPEC);

  it('is deterministic: same input, same frontier in the same order, same statistics', () => {
    const again = search(structuredClone(MOE_SPEC));
    expect(again).toEqual(r);
  });

  it('orders the frontier by cost ascending with days descending, and names the best plans from it', () => {
    for (let i = 1; i < r.frontier.length; i++) {
      const a = r.frontier[i - 1]!.summary;
      const b = r.frontier[i]!.summary;
      expect(a.costUsd).toBeLessThan(b.costUsd);
      expect(a.wallClockDays).toBeGreaterThan(b.wallClockDays);
    }
    expect(r.best.cheapest).toEqual(r.frontier[0]);
    expect(r.best.fastest).toEqual(r.frontier[r.frontier.length - 1]);
    const fewest = r.best.fewestGpus!;
    for (const e of r.frontier) expect(fewest.summary.gpus).toBeLessThanOrEqual(e.summary.gpus);
    expect(r.deadline?.perGpu.map((p) => p.gpu)).toEqual(['h100-sxm', 'a100-sxm-80gb']);
  });

  it('returns complete plan documents that estimate() accepts and that reproduce their summaries', () => {
    const entries = [...r.frontier, r.best.fewestGpus!, ...(r.deadline?.perGpu.flatMap((p) => (p.plan ? [p.plan] : [])) ?? [])];
    for (const e of entries) {
      const rep = estimate(e.plan);
      expect(rep.totals.costUsd).toBeCloseTo(e.summary.costUsd, 6);
      expect(rep.totals.wallClockDays).toBeCloseTo(e.summary.wallClockDays, 9);
      expect(rep.memory.peakGiB).toBeLessThanOrEqual(rep.memory.capacityGiB * 0.9);
      expect(rep.totals.wallClockDays).toBeLessThanOrEqual(200);
    }
  });

  it('merged partitions equal the single-thread search', () => {
    const parts = [0, 1, 2].map((i) => searchPartition(MOE_SPEC, i, 3));
    const merged = mergeSearchResults(JSON.parse(JSON.stringify([parts[2], parts[0], parts[1]])));
    expect(frontierOf(merged)).toEqual(frontierOf(r));
    expect(merged.best).toEqual(r.best);
    expect(merged.deadline).toEqual(r.deadline);
    expect(merged.stats.generated).toBe(r.stats.generated);
    expect(sumStats(merged)).toBe(merged.stats.generated);
  });

  it('fills stats.seconds from the injected clock only', () => {
    expect(r.stats.seconds).toBe(0);
    let t = 0;
    const timed = search(MOE_SPEC, { now: () => (t += 1) });
    expect(timed.stats.seconds).toBeGreaterThan(0);
  });
});

describe('search: limits, constraints and errors', () => {
  it('stops at maxEvaluations and says the result is incomplete', () => {
    const r = search({ ...MOE_SPEC, limits: { maxEvaluations: 3 } });
    expect(r.stats.evaluated).toBe(3);
    expect(r.stats.complete).toBe(false);
    expect(r.stats.skipped).toBeGreaterThan(0);
    expect(sumStats(r)).toBe(r.stats.generated);
  });

  it('returns an empty frontier (not an error) when nothing meets the deadline, with minGpus null per GPU', () => {
    const r = search({ ...MOE_SPEC, constraints: { deadlineDays: 0.01 } });
    expect(r.frontier).toEqual([]);
    expect(r.best).toEqual({ cheapest: null, fastest: null, fewestGpus: null });
    expect(r.deadline?.perGpu).toEqual([
      { gpu: 'h100-sxm', minGpus: null },
      { gpu: 'a100-sxm-80gb', minGpus: null },
    ]);
    expect(r.stats.pruned.constraint).toBeGreaterThan(0);
  });

  it('names the spec field for unknown ids and impossible pins', () => {
    const fieldsOf = (spec: unknown) => {
      try {
        search(spec);
      } catch (e) {
        expect(e).toBeInstanceOf(SearchSpecError);
        return (e as SearchSpecError).errors.map((x) => x.path);
      }
      throw new Error('expected SearchSpecError');
    };
    expect(fieldsOf({ ...MOE_SPEC, candidates: [{ gpu: 'h100-sxm', maxGpus: 8 }, { gpu: 'tpu-v5', maxGpus: 8 }] })).toEqual(['candidates.1.gpu']);
    expect(fieldsOf({ ...MOE_SPEC, model: 'gpt-5' })).toEqual(['model']);
    expect(fieldsOf({ ...MOE_SPEC, candidates: [{ gpu: 'a100-sxm-80gb', maxGpus: 8 }], fixed: { precision: 'fp8' } })).toContain('fixed.precision');
    expect(fieldsOf({ ...MOE_SPEC, candidates: [{ gpu: 'h100-sxm', maxGpus: 8, interNode: 'nvswitch-h100' }] })).toEqual(['candidates.0.interNode']);
    expect(fieldsOf({ ...MOE_SPEC, fixed: { assumptions: { goodput: 3 } } })).toEqual(['fixed.assumptions.goodput']);
    // a module list needs selective recomputation in the space, and modules the model has
    expect(fieldsOf({ ...MOE_SPEC, fixed: { parallelism: { recomputeModules: ['moe'] } } })).toEqual(['fixed.parallelism.recomputeModules']);
    expect(fieldsOf({ ...DENSE_SPEC, fixed: { parallelism: { recomputeModules: ['moe'] } } })).toEqual(['fixed.parallelism.recomputeModules.0']);
    expect(fieldsOf({ ...DENSE_SPEC, space: { ...DENSE_SPEC.space, recomputeModules: [['core_attn'], ['layernorm', 'moe']] } })).toEqual(['space.recomputeModules.1.1']);
    expect(fieldsOf({ ...MOE_SPEC, space: { ...MOE_SPEC.space, recomputeModules: [['moe']] } })).toEqual(['space.recomputeModules']);
    // ids that name Object.prototype members are unknown ids, not a crash
    expect(fieldsOf({ ...MOE_SPEC, candidates: [{ gpu: '__proto__', maxGpus: 8 }, { gpu: 'constructor', maxGpus: 8 }] })).toEqual(['candidates.0.gpu', 'candidates.1.gpu']);
  });
});
