/**
 * Lower bounds the search prunes with, built on the engine's own pure functions so that they bound exactly what
 * `estimateResolved` computes (bounds.test.ts checks bound ≤ model on many plans):
 *
 * Memory (per node, any schedule / micro-batch / recompute): weights, gradients and optimizer states on the
 * average pipeline rank plus the workspace allowance. The busiest rank holds at least the average; activations and
 * buffers only add. The states follow memory/report.ts (ZeRO stage k shards weights / gradients / optimizer states
 * over DP×CP for non-expert and over expert-DP for expert parameters). DualPipe's second model copy is left out: it
 * doubles the weights but halves every sharded state (shard group 2×DP), which never lowers the per-rank total.
 *
 * Time (per leaf): in the simulated pipeline every rank runs its ops one after another, so the makespan is at least
 * the average busy time over ranks; summed over ranks, every micro-batch passes the whole model once forward and
 * once backward, so
 *     step ≥ microBatches × T₁ / PP + optimizer_avg,
 * where T₁ is one micro-batch's forward + backward + weight-gradient kernel time of the whole model on all SMs plus
 * the communication no schedule hides (the (1 − tpCommOverlap) share of TP collectives, the CP exchange not hidden
 * by attention, and — except under DualPipe/DualPipeV, whose F&B pairs hide it — the EP all-to-all). T₁ comes
 * from `buildStageModel` on the same plan with PP = 1 (one chunk = the whole model; compute per micro-batch does not
 * depend on the pipeline split), memoised per (base, micro-batch, TP, CP, SP, EP, expert-TP, recompute, GPUs per
 * node in use). DualPipe pairs run on fewer SMs and expose max(0, comm − compute) ≥ 0, lone passes expose all of it:
 * both are ≥ the full-SM compute the bound uses. The optimizer is memory-bound over each rank's shard; the busiest
 * rank's shard is at least the average shard.
 * Days and cost then follow estimate.ts: steps = ⌈tokens / (batch × sequence)⌉, wall = steps × step / goodput,
 * GPU-hours = wall × GPUs / 3600, cost = GPU-hours × price.
 */
import { streamSeconds } from '../compute/kernels.js';
import { passSeconds } from '../compute/layer.js';
import { estimateResolved } from '../estimate.js';
import { countParams } from '../model/params.js';
import { moeBalance } from '../moe/balance.js';
import type { ResolvedPlan } from '../plan/types.js';
import { buildStageModel } from '../step/stages.js';
import type { SearchBase } from './base.js';
import { leafPlan, type LeafChoice, type LeafOutcome, type SearchModel, type SearchNode } from './core.js';

const GIB = 2 ** 30;
/** Relative slack against floating-point rounding between the bound's and the model's arithmetic. */
const SLACK = 1 - 1e-9;

interface BaseTotals {
  /** Non-expert / routed-expert parameters as memory/report.ts counts them (head = V·h + final norm). */
  memDense: number;
  memRouted: number;
  /** As step/stages.ts counts them for the optimizer (head = byComponent.head). */
  optDense: number;
  optRouted: number;
  /** Bytes per parameter of weights, gradients and optimizer states (master + moments). */
  wBytes: number;
  gBytes: number;
  oBytes: number;
  /** Bytes the optimizer streams per parameter of its shard (step.ts). */
  optimizerBytes: number;
  workspaceGiB: number;
}

function baseTotals(base: SearchBase): BaseTotals {
  const plan = base.plan;
  const arch = plan.model;
  const pc = countParams(arch);
  const L = arch.layers;
  const kDense = arch.moe ? Math.min(arch.moe.denseLayers, L) : L;
  const dl = pc.denseLayer;
  const ml = pc.moeLayer ?? dl;
  const depth = arch.mtp.depth;
  const layersDense = kDense * dl.dense + (L - kDense) * ml.dense;
  const layersRouted = (L - kDense) * ml.routed;
  const V = arch.vocabSize;
  const h = arch.hiddenSize;
  const b = plan.recipe.bytes;
  return {
    memDense: layersDense + V * h + (V * h + h) + depth * pc.mtpModule.dense,
    memRouted: layersRouted + depth * pc.mtpModule.routed,
    optDense: layersDense + pc.byComponent.embedding + pc.byComponent.head + depth * pc.mtpModule.dense,
    optRouted: layersRouted + depth * pc.mtpModule.routed,
    wBytes: b.modelWeights,
    gBytes: b.gradients,
    oBytes: b.masterWeights + b.optimizerMoment1 + b.optimizerMoment2,
    optimizerBytes: 2 * b.gradients + 2 * b.masterWeights + 2 * b.optimizerMoment1 + 2 * b.optimizerMoment2 + b.modelWeights,
    workspaceGiB: plan.assumptions.workspaceGiB,
  };
}

/** Bytes per parameter of weights + gradients + optimizer states at ZeRO stage `z` over a shard group of `shard`. */
function stateBytes(t: BaseTotals, z: number, shard: number): number {
  return t.wBytes / (z >= 3 ? shard : 1) + t.gBytes / (z >= 2 ? shard : 1) + t.oBytes / (z >= 1 ? shard : 1);
}

/** The engine's models behind the search loop: bounds plus the full estimate. */
export class EngineSearchModel implements SearchModel {
  private readonly totals = new Map<SearchBase, BaseTotals>();
  private readonly perMicroBatch = new Map<string, { lone: number; dual: number }>();
  /** Stage models built for the time bound (for the benchmark's statistics). */
  stageModelsBuilt = 0;

  private totalsOf(base: SearchBase): BaseTotals {
    let t = this.totals.get(base);
    if (!t) {
      t = baseTotals(base);
      this.totals.set(base, t);
    }
    return t;
  }

  nodeMemoryLowerBoundGiB(base: SearchBase, n: SearchNode): number {
    const t = this.totalsOf(base);
    const dense = (t.memDense / n.tensor) * stateBytes(t, n.zero, n.data * n.context);
    const routed = (t.memRouted / (n.expert * n.expertTensor)) * stateBytes(t, n.zero, n.expertData);
    return ((dense + routed) / n.pipeline / GIB + t.workspaceGiB) * SLACK;
  }

  /**
   * Seconds of one micro-batch through the whole model (all chunks, F + B + W) plus unhidden communication:
   * `lone` for schedules without F&B overlap, `dual` for DualPipe/DualPipeV (EP all-to-all left out).
   */
  private microBatchSeconds(base: SearchBase, n: SearchNode, leaf: LeafChoice): { lone: number; dual: number } {
    const gpn = Math.min(base.plan.cluster.gpusPerNode, n.gpus);
    const key = `${n.bi}|${leaf.microBatchSize}|${n.tensor}|${n.context}|${n.sequenceParallel ? 1 : 0}|${n.expert}|${n.expertTensor}|${leaf.recompute}|${gpn}`;
    let v = this.perMicroBatch.get(key);
    if (v) return v;
    const data = n.gpus / (n.tensor * n.context);
    const single: ResolvedPlan = leafPlan(
      base,
      { ...n, pipeline: 1, data, expertData: (data * n.context * n.tensor) / (n.expert * n.expertTensor), zero: 0 },
      { ...leaf, schedule: '1f1b', virtualStages: 1, microBatches: 1, globalBatchSize: data * leaf.microBatchSize },
    );
    const arch = single.model;
    const balance = arch.moe ? moeBalance(single.moe?.balancing ?? 'aux-loss', arch.moe.routedExperts, n.expert) : undefined;
    const sm = buildStageModel(single, balance);
    this.stageModelsBuilt++;
    let compute = 0;
    let hidden = 0;
    let ep = 0;
    for (const ch of sm.chunks) {
      compute += passSeconds(ch.cost.f) + passSeconds(ch.cost.b) + passSeconds(ch.cost.w);
      hidden += ch.f.tp + ch.b.tp + ch.f.cp + ch.b.cp;
      ep += ch.f.ep + ch.b.ep;
    }
    v = { lone: compute + hidden + ep, dual: compute + hidden };
    this.perMicroBatch.set(key, v);
    return v;
  }

  leafLowerBounds(base: SearchBase, n: SearchNode, leaf: LeafChoice, out: Float64Array): void {
    const t = this.totalsOf(base);
    const plan = base.plan;
    const mb = this.microBatchSeconds(base, n, leaf);
    const dual = leaf.schedule === 'dualpipe' || leaf.schedule === 'dualpipev';
    const perMb = dual ? mb.dual : mb.lone;
    const shard =
      n.zero >= 1
        ? t.optDense / n.tensor / (n.data * n.context) + t.optRouted / (n.expert * n.expertTensor) / n.expertData
        : t.optDense / n.tensor + t.optRouted / (n.expert * n.expertTensor);
    const optimizer = streamSeconds((shard / n.pipeline) * t.optimizerBytes, plan.cluster.gpu, 4);
    const step = (leaf.microBatches * perMb) / n.pipeline + optimizer;
    const steps = Math.ceil(plan.training.tokens / (leaf.globalBatchSize * plan.training.sequenceLength));
    const wall = (steps * step) / plan.assumptions.goodput;
    out[0] = (wall / 86400) * SLACK;
    out[1] = ((wall * n.gpus) / 3600) * plan.pricing.usdPerGpuHour * SLACK;
  }

  evaluate(plan: ResolvedPlan): LeafOutcome {
    const r = estimateResolved(plan);
    return {
      costUsd: r.totals.costUsd,
      days: r.totals.wallClockDays,
      gpuHours: r.totals.gpuHours,
      peakGiB: r.memory.peakGiB,
      capacityGiB: r.memory.capacityGiB,
      mfu: r.throughput.mfu,
      stepSeconds: r.step.seconds,
      tokensPerGpuSecond: r.throughput.tokensPerGpuSecond,
    };
  }
}
