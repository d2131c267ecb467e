/**
 * Lower bounds the search prunes with, built on the engine's own pure functions so that they bound exactly what
 * `estimateResolved` computes (bounds.test.ts checks bound ≤ model on many plans).
 *
 * Memory (per node, any schedule / micro-batch / recompute): weights, gradients and optimizer states of the average
 * pipeline rank plus the workspace allowance — the busiest rank holds at least the average, activations and buffers
 * only add. States follow memory/report.ts (ZeRO stage k shards weights / gradients / optimizer states over DP×CP for
 * non-expert and over expert-DP for expert parameters). DualPipe's second model copy is left out: it doubles the
 * weights but also doubles every shard group, which never lowers the per-rank total.
 *
 * Time. In the simulated pipeline (pipeline/simulate.ts) a rank runs its ops one after another and an op starts only
 * after its chain predecessor ended, so the makespan is at least, for every rank r,
 *   (first micro-batch's forward through the chain positions before r) + busy(r) + (for 1F1B and GPipe, whose last
 *   op is the last micro-batch's backward: that backward through the positions before r),
 * and at least the average busy time. busy(r) = Σ over r's model chunks of (micro-batches through the chunk) × (its
 * pass time). Pass times are bounded from the engine's per-layer kernel costs (compute/layer.ts via
 * `buildStageModel` of the same plan with one pipeline stage, memoised): layers × per-layer cost + embedding + output
 * head + MTP modules, with the EP all-to-all of MoE layers exposed in lone passes; for DualPipe/DualPipeV each part
 * counts at min(lone, inside an F&B pair on the SMs the all-to-all leaves) — the minimum of sums is at least the sum
 * of minima. The average adds the exposed TP/CP share and ZeRO-3 gathers (`zero3Seconds`). Step = makespan +
 * optimizer of the average rank's shard (+ exposed DP ≥ 0). Days and cost follow estimate.ts: steps =
 * ⌈tokens / (batch × sequence)⌉, wall = steps × step / goodput, GPU-hours = wall × GPUs / 3600, cost = GPU-hours × price.
 *
 * Before a plan is estimated, `refinedLowerBounds` repeats the per-rank argument on the plan's own stage model
 * (exact per-chunk durations, ZeRO-3 included, optimizer of the slowest rank).
 */
import { allGatherSeconds, makeTopology, reduceScatterSeconds } from '../comm/collectives.js';
import { computeSmFraction, streamSeconds } from '../compute/kernels.js';
import { embeddingCost, headCost, mtpProjectionCost, passSeconds, transformerLayerCost, type LayerCost } from '../compute/layer.js';
import { estimateResolved } from '../estimate.js';
import { chunkCounts, layerSplit, rankChunk } from '../memory/layout.js';
import { memoryReport } from '../memory/report.js';
import { combinedOneFOneB, pairableLayout } from '../plan/ep-overlap.js';
import { countParams } from '../model/params.js';
import { moeBalance } from '../moe/balance.js';
import type { ResolvedPlan, Schedule } from '../plan/types.js';
import { recomputeScope } from '../plan/recompute.js';
import { buildStageModel, type StageModel } from '../step/stages.js';
import type { SearchBase } from './base.js';
import { leafPlan, type LeafChoice, type LeafOutcome, type SearchModel, type SearchNode } from './core.js';
import type { Dimensions } from './space.js';

const GIB = 2 ** 30;
/** Relative slack against floating-point rounding between the bound's and the model's arithmetic. */
const SLACK = 1 - 1e-9;

interface BaseTotals {
  /** Non-expert / routed-expert parameters as memory/report.ts counts them (head = V·h + final norm). */
  memDense: number;
  memRouted: number;
  /** As step/stages.ts counts them for the optimizer and ZeRO-3 (head = byComponent.head). */
  optDense: number;
  optRouted: number;
  /** Bytes per parameter of weights, gradients and optimizer states (master + moments). */
  wBytes: number;
  gBytes: number;
  oBytes: number;
  /** Bytes the optimizer streams per parameter of its shard (step/step.ts). */
  optimizerBytes: number;
  workspaceGiB: number;
  /** Dense / MoE layer split and MTP placement (step/stages.ts conventions). */
  denseLayers: number;
  lastIsMoe: boolean;
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
    denseLayers: kDense,
    lastIsMoe: arch.moe !== undefined && L - 1 >= arch.moe.denseLayers,
  };
}

/** Bytes per parameter of weights + gradients + optimizer states at ZeRO stage `z` over a shard group of `shard`. */
function stateBytes(t: BaseTotals, z: number, shard: number): number {
  return t.wBytes / (z >= 3 ? shard : 1) + t.gBytes / (z >= 2 ? shard : 1) + t.oBytes / (z >= 1 ? shard : 1);
}

/** Per micro-batch costs of one (node shape, micro-batch size, recompute): indices into a `COSTS`-long slice. */
const C_LONE = 0; // whole model, lone passes, incl. exposed TP/CP/EP
const C_DUAL = 1; // whole model, DualPipe bound, incl. exposed TP/CP
const C_FC = 2; // whole-model forward compute
const C_BWC = 3; // whole-model backward (B + W) compute
const C_DENSE_F = 4; // one dense layer, lone forward
const C_DENSE_BW = 5;
const C_MOE_F = 6; // one MoE layer, lone forward incl. EP all-to-all
const C_MOE_BW = 7;
const C_EMB_F = 8;
const C_EMB_BW = 9;
const C_HEAD_F = 10; // output head + MTP modules, lone forward
const C_HEAD_BW = 11;
const C_DENSE_DUAL = 12; // one dense layer F + B + W, min(lone, paired) per pass
const C_MOE_DUAL = 13;
const C_EMB_DUAL = 14;
const C_HEAD_DUAL = 15;
const COSTS = 16;

/** Fill `out[at..at+COSTS)` from the one-stage stage model of a plan. */
function componentCosts(sm: StageModel, plan: ResolvedPlan, out: Float64Array, at: number): void {
  const arch = plan.model;
  const gpu = plan.cluster.gpu;
  // SM share left to compute inside an F&B pair, as step/stages.ts.
  const reduced = { smFraction: computeSmFraction(gpu) };
  const shape = sm.shape;
  const epF = sm.expertComm ? sm.expertComm.dispatchSeconds + sm.expertComm.combineSeconds : 0;
  // full recomputation and a re-run MoE layer repeat the dispatch and combine (step/stages.ts)
  const par = plan.parallelism;
  const epB = par.recompute === 'full' || recomputeScope(par.recompute, plan.model, par.recomputeModules).moeLayer ? 2 * epF : epF;
  const L = arch.layers;
  const kDense = arch.moe ? Math.min(arch.moe.denseLayers, L) : L;
  const depth = arch.mtp.depth;
  const lastIsMoe = arch.moe !== undefined && L - 1 >= arch.moe.denseLayers;
  const f = (c: LayerCost) => passSeconds(c.f);
  const bw = (c: LayerCost) => passSeconds(c.b) + passSeconds(c.w);
  const dual = (full: LayerCost, red: LayerCost, ef: number, eb: number) => Math.min(f(full) + ef, f(red)) + Math.min(bw(full) + eb, bw(red));

  const dense = kDense > 0 || (depth > 0 && !lastIsMoe) ? transformerLayerCost(shape, false) : undefined;
  const moe = arch.moe && L > kDense ? transformerLayerCost(shape, true) : undefined;
  const emb = embeddingCost(shape);
  const head = headCost(shape);
  const proj = depth > 0 ? mtpProjectionCost(shape) : undefined;
  const denseDual = dense ? dual(dense, transformerLayerCost(shape, false, reduced), 0, 0) : 0;
  const moeDual = moe ? dual(moe, transformerLayerCost(shape, true, reduced), epF, epB) : 0;
  const headDual = dual(head, headCost(shape, reduced), 0, 0);
  const projDual = proj ? dual(proj, mtpProjectionCost(shape, reduced), 0, 0) : 0;

  out[at + C_DENSE_F] = dense ? f(dense) : 0;
  out[at + C_DENSE_BW] = dense ? bw(dense) : 0;
  out[at + C_MOE_F] = moe ? f(moe) + epF : 0;
  out[at + C_MOE_BW] = moe ? bw(moe) + epB : 0;
  out[at + C_EMB_F] = f(emb);
  out[at + C_EMB_BW] = bw(emb);
  // MTP module k: projection + one block of the last layer's type + the shared head [DeepSeek-V3 §2.2]
  const blockF = lastIsMoe ? (out[at + C_MOE_F] as number) : (out[at + C_DENSE_F] as number);
  const blockBW = lastIsMoe ? (out[at + C_MOE_BW] as number) : (out[at + C_DENSE_BW] as number);
  out[at + C_HEAD_F] = f(head) + depth * ((proj ? f(proj) : 0) + blockF + f(head));
  out[at + C_HEAD_BW] = bw(head) + depth * ((proj ? bw(proj) : 0) + blockBW + bw(head));
  out[at + C_DENSE_DUAL] = denseDual;
  out[at + C_MOE_DUAL] = moeDual;
  out[at + C_EMB_DUAL] = f(emb) + bw(emb);
  out[at + C_HEAD_DUAL] = headDual + depth * (projDual + (lastIsMoe ? moeDual : denseDual) + headDual);

  let fc = 0;
  let bwc = 0;
  let hidden = 0;
  let ep = 0;
  for (const ch of sm.chunks) {
    fc += passSeconds(ch.cost.f);
    bwc += passSeconds(ch.cost.b) + passSeconds(ch.cost.w);
    hidden += ch.f.tp + ch.b.tp + ch.f.cp + ch.b.cp;
    ep += ch.f.ep + ch.b.ep;
  }
  const moeLayers = L - kDense + (depth > 0 && lastIsMoe ? depth : 0);
  const denseLayers = kDense + (depth > 0 && !lastIsMoe ? depth : 0);
  out[at + C_LONE] = fc + bwc + hidden + ep;
  out[at + C_DUAL] =
    hidden + denseLayers * denseDual + moeLayers * moeDual + (out[at + C_EMB_DUAL] as number) + (1 + depth) * headDual + depth * projDual;
  out[at + C_FC] = fc;
  out[at + C_BWC] = bwc;
}

/**
 * Whether a schedule variant may run combined-1F1B pairs under the base plan's assumptions (plan/ep-overlap.ts). The
 * base plan has every degree 1, so only the assumption and the layout are read: a candidate the pairs do not apply to
 * (no expert parallelism, full recomputation) then gets the min(lone, paired) bound too, which is still a lower bound.
 */
function pairsOf(plan: ResolvedPlan, schedule: Schedule, pp: number, virtualStages: number): boolean {
  return plan.assumptions.epA2aOverlap === 'combined-1f1b' && pairableLayout(schedule, pp, virtualStages);
}

/** Layers and ends held by each (rank, chunk) of a schedule: [dense layers, MoE layers, embedding?, head?]. */
interface Layout {
  ranks: number;
  perRank: number;
  /** Micro-batches through one chunk per micro-batch of the step (DualPipe splits them over two directions). */
  share: number;
  cells: Int32Array;
}

/** The engine's models behind the search loop: bounds, the exact memory check and the full estimate. */
export class EngineSearchModel implements SearchModel {
  private readonly totals = new Map<SearchBase, BaseTotals>();
  /** Per (base, TP, CP, SP, EP, expert-TP, GPUs per node): `COSTS` values per (micro-batch size, recompute). */
  private readonly costTables = new Map<string, Float64Array>();
  /** Per (base, PP): the layout of every schedule variant. */
  private readonly layouts = new Map<number, Layout[]>();
  /** Per (cost table, PP): the busiest-rank bound per micro-batch (no chain terms) per (micro-batch, recompute, variant). */
  private readonly rankMemo = new Map<string, Float64Array>();
  private ctxRank: Float64Array = new Float64Array(0);
  private readonly slopes = new Map<string, number>();
  /** Stage models built for bounds (statistics for the benchmark). */
  stageModelsBuilt = 0;
  /** Per-node context of the node whose leaves are being bounded (the loop bounds a node's leaves in a row). */
  private ctxNode: SearchNode | undefined;
  private ctxTab: Float64Array | undefined;
  private ctxLayouts: Layout[] = [];
  private ctxOptimizer = 0;
  private ctxZero3: Float64Array = new Float64Array(0);

  /** Cost table, layouts per schedule variant, optimizer and ZeRO-3 terms of a node (cached for its leaves). */
  private nodeContext(base: SearchBase, n: SearchNode, dims: Dimensions): void {
    if (this.ctxNode === n) return;
    this.ctxNode = n;
    const key = this.tableKey(base, n);
    this.ctxTab = this.table(key, dims);
    this.ctxLayouts = this.layoutsFor(base, n, dims);
    const rk = `${key}|${n.pipeline}`;
    let rm = this.rankMemo.get(rk);
    if (!rm) {
      rm = new Float64Array(dims.microBatch.length * dims.recompute.length * dims.schedules.length).fill(Number.NaN);
      this.rankMemo.set(rk, rm);
    }
    this.ctxRank = rm;
    this.ctxOptimizer = this.optimizerSeconds(base, n);
    // ZeRO-3 term per (micro-batch, recompute, dual?) — filled lazily (NaN = not yet); zero elsewhere
    const nz = dims.microBatch.length * dims.recompute.length * 2;
    if (this.ctxZero3.length < nz) this.ctxZero3 = new Float64Array(nz);
    this.ctxZero3.fill(n.zero >= 3 ? Number.NaN : 0, 0, nz);
  }

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

  private tableKey(base: SearchBase, n: SearchNode): string {
    const gpn = Math.min(base.plan.cluster.gpusPerNode, n.gpus);
    return `${n.bi}|${n.tensor}|${n.context}|${n.sequenceParallel ? 1 : 0}|${n.expert}|${n.expertTensor}|${gpn}`;
  }

  private table(key: string, dims: Dimensions): Float64Array {
    let tab = this.costTables.get(key);
    if (!tab) {
      tab = new Float64Array(dims.microBatch.length * dims.recompute.length * COSTS).fill(Number.NaN);
      this.costTables.set(key, tab);
    }
    return tab;
  }

  /** Offset of the memoised per-micro-batch costs of (micro-batch index, recompute index) in the node's table (filled on first use). */
  private costs(base: SearchBase, n: SearchNode, dims: Dimensions, tab: Float64Array, mi: number, ri: number): number {
    const at = (mi * dims.recompute.length + ri) * COSTS;
    if (Number.isNaN(tab[at] as number)) {
      // One pipeline stage holding the whole model: per micro-batch compute does not depend on the pipeline split.
      const data = n.gpus / (n.tensor * n.context);
      const mbs = dims.microBatch[mi] as number;
      const single: ResolvedPlan = leafPlan(
        base,
        { ...n, pipeline: 1, data, expertData: (data * n.context * n.tensor) / (n.expert * n.expertTensor), zero: 0 },
        {
          microBatchSize: mbs,
          globalBatchSize: data * mbs,
          microBatches: 1,
          schedule: '1f1b',
          virtualStages: 1,
          recompute: dims.recompute[ri] as LeafChoice['recompute'],
          recomputeModules: dims.recomputeModules[ri],
        },
      );
      const arch = single.model;
      const balance = arch.moe ? moeBalance(single.moe?.balancing ?? 'aux-loss', arch.moe.routedExperts, n.expert) : undefined;
      const sm = buildStageModel(single, balance);
      this.stageModelsBuilt++;
      componentCosts(sm, single, tab, at);
    }
    return at;
  }

  /** Layouts of every schedule variant of `dims` for (base, PP), memoised. */
  private layoutsFor(base: SearchBase, n: SearchNode, dims: Dimensions): Layout[] {
    const key = n.bi * 4096 + n.pipeline;
    let ls = this.layouts.get(key);
    if (!ls) {
      ls = dims.schedules.map((sv) => this.layout(base, sv.schedule, n.pipeline, sv.virtualStages));
      this.layouts.set(key, ls);
    }
    return ls;
  }

  private layout(base: SearchBase, schedule: Schedule, pp: number, vs: number): Layout {
    const t = this.totalsOf(base);
    const { chunks, perRank } = chunkCounts(schedule, pp, vs);
    const split = layerSplit(base.plan.model, base.plan.training.sequenceLength, schedule, pp, vs, base.plan.assumptions.layerSplit);
    const cells = new Int32Array(pp * perRank * 4);
    for (let r = 0; r < pp; r++) {
      for (let k = 0; k < perRank; k++) {
        const id = rankChunk(schedule, pp, r, k);
        const layers = split.sizes[id]!;
        const first = split.firsts[id]!;
        const nDense = Math.max(0, Math.min(layers, t.denseLayers - first));
        const o = (r * perRank + k) * 4;
        cells[o] = nDense;
        cells[o + 1] = layers - nDense;
        cells[o + 2] = id === 0 ? 1 : 0;
        cells[o + 3] = id === chunks - 1 ? 1 : 0;
      }
    }
    return { ranks: pp, perRank, share: schedule === 'dualpipe' ? 0.5 : 1, cells };
  }

  /**
   * max over ranks r of (m × busy(r) per micro-batch + chain(r)), from the layout and per-layer costs; `chain`
   * false drops the chain terms (the node bound, per micro-batch).
   */
  private rankBound(l: Layout, tab: Float64Array, at: number, schedule: Schedule, m: number, chain: boolean, paired: boolean): number {
    const dual = schedule === 'dualpipe' || schedule === 'dualpipev';
    const withSuffix = schedule === '1f1b' || schedule === 'gpipe';
    const dF = tab[at + C_DENSE_F] as number;
    const dB = tab[at + C_DENSE_BW] as number;
    const mF = tab[at + C_MOE_F] as number;
    const mB = tab[at + C_MOE_BW] as number;
    const eF = tab[at + C_EMB_F] as number;
    const eB = tab[at + C_EMB_BW] as number;
    const hF = tab[at + C_HEAD_F] as number;
    const hB = tab[at + C_HEAD_BW] as number;
    const dD = tab[at + C_DENSE_DUAL] as number;
    const mD = tab[at + C_MOE_DUAL] as number;
    const eD = tab[at + C_EMB_DUAL] as number;
    const hD = tab[at + C_HEAD_DUAL] as number;
    const cells = l.cells;
    let best = 0;
    let prefixF = 0;
    let prefixBW = 0;
    for (let r = 0; r < l.ranks; r++) {
      let busy = 0;
      let firstF = 0;
      let firstBW = 0;
      for (let k = 0; k < l.perRank; k++) {
        const o = (r * l.perRank + k) * 4;
        const nd = cells[o] as number;
        const nm = cells[o + 1] as number;
        const e = cells[o + 2] as number;
        const h = cells[o + 3] as number;
        if (paired) {
          // F&B pairs (DualPipe, combined 1F1B): each pass at min(lone, paired)
          busy += nd * dD + nm * mD + e * eD + h * hD;
        } else {
          const cf = nd * dF + nm * mF + e * eF + h * hF;
          const cb = nd * dB + nm * mB + e * eB + h * hB;
          busy += cf + cb;
          if (k === 0) {
            firstF = cf;
            firstBW = cb;
          }
        }
      }
      let v = m * l.share * busy;
      if (chain && !dual) v += prefixF + (withSuffix ? prefixBW : 0);
      if (v > best) best = v;
      prefixF += firstF;
      prefixBW += firstBW;
    }
    return best;
  }

  /**
   * ZeRO-3 parameter gathers and gradient reduce-scatters of one micro-batch through the whole model that compute
   * cannot hide (step/stages.ts: per chunk, exposure of comm under dpCommOverlap × compute, at least
   * max(0, comm − overlap × compute)). Summed over chunks this is at least max(0, Σ comm − overlap × Σ compute); each
   * collective is at least its bandwidth slope × bytes (`collectiveSlope`), so Σ comm ≥ slope × the parameter bytes of
   * one model copy. DualPipe's second copy doubles the bytes but each chunk sees half the micro-batches.
   */
  private zero3Seconds(base: SearchBase, n: SearchNode, fCompute: number, bwCompute: number, dual: boolean): number {
    if (n.zero < 3) return 0;
    const t = this.totalsOf(base);
    const plan = base.plan;
    const mirror = dual ? 2 : 1;
    const dpSlope = this.collectiveSlope(base, n, n.data * n.context * mirror, n.tensor);
    const edpSlope = this.collectiveSlope(base, n, n.expertData * mirror, n.expert * n.expertTensor);
    const dense = t.optDense / n.tensor;
    const routed = t.optRouted / (n.expert * n.expertTensor);
    const b = plan.recipe.bytes;
    const gather = (dpSlope * dense + edpSlope * routed) * b.modelWeights;
    const reduce = (dpSlope * dense + edpSlope * routed) * b.dpGradientCommunication;
    const ovl = plan.assumptions.dpCommOverlap;
    return Math.max(0, gather - ovl * fCompute) + Math.max(0, gather + reduce - ovl * bwCompute);
  }

  /**
   * Seconds per byte an all-gather / reduce-scatter over a group costs at least: comm/collectives.ts prices a
   * collective as the slower of its NVLink and network legs, each (bytes + ramp) / bandwidth, plus latency — at least
   * the steeper leg's slope × bytes. The slope is read off the engine's own functions in their linear regime.
   */
  private collectiveSlope(base: SearchBase, n: SearchNode, size: number, stride: number): number {
    if (size <= 1) return 0;
    const c = base.plan.cluster;
    const key = `${n.bi}|${Math.min(c.gpusPerNode, n.gpus)}|${size}|${stride}`;
    let v = this.slopes.get(key);
    if (v === undefined) {
      const topo = makeTopology({ gpus: n.gpus, gpusPerNode: c.gpusPerNode, nicsPerNode: c.nicsPerNode, intraNode: c.intraNode, interNode: c.interNode });
      const g = { size, stride };
      const x1 = 1e15;
      const x2 = 2e15;
      const d = Math.min(allGatherSeconds(x2, g, topo) - allGatherSeconds(x1, g, topo), reduceScatterSeconds(x2, g, topo) - reduceScatterSeconds(x1, g, topo));
      v = Math.max(0, (d / (x2 - x1)) * (1 - 1e-6));
      this.slopes.set(key, v);
    }
    return v;
  }

  /** Optimizer seconds of the average rank's shard (at most the busiest rank's). */
  private optimizerSeconds(base: SearchBase, n: SearchNode): number {
    const t = this.totalsOf(base);
    const shard =
      n.zero >= 1
        ? t.optDense / n.tensor / (n.data * n.context) + t.optRouted / (n.expert * n.expertTensor) / n.expertData
        : t.optDense / n.tensor + t.optRouted / (n.expert * n.expertTensor);
    return streamSeconds((shard / n.pipeline) * t.optimizerBytes, base.plan.cluster.gpu, 4);
  }

  private finish(base: SearchBase, n: SearchNode, wallSeconds: number, out: Float64Array): void {
    out[0] = (wallSeconds / 86400) * SLACK;
    out[1] = ((wallSeconds * n.gpus) / 3600) * base.plan.pricing.usdPerGpuHour * SLACK;
  }

  /** ZeRO-3 term of (micro-batch, recompute, dual?) for the current node, cached. */
  private zero3Of(base: SearchBase, n: SearchNode, dims: Dimensions, tab: Float64Array, at: number, mi: number, ri: number, dual: boolean): number {
    const i = (mi * dims.recompute.length + ri) * 2 + (dual ? 1 : 0);
    let v = this.ctxZero3[i] as number;
    if (Number.isNaN(v)) {
      v = this.zero3Seconds(base, n, tab[at + C_FC] as number, tab[at + C_BWC] as number, dual);
      this.ctxZero3[i] = v;
    }
    return v;
  }

  /**
   * Makespan bound of schedule variant `si` for `m` micro-batches: max(average rank incl. TP/CP/ZeRO-3, busiest
   * rank + chain terms); `chain` false gives the per-micro-batch bound without chain terms (m = 1).
   */
  private variantBound(base: SearchBase, n: SearchNode, dims: Dimensions, mi: number, ri: number, si: number, m: number, chain: boolean): number {
    const tab = this.ctxTab as Float64Array;
    const at = this.costs(base, n, dims, tab, mi, ri);
    const variant = dims.schedules[si] as Dimensions['schedules'][number];
    const schedule = variant.schedule;
    const dual = schedule === 'dualpipe' || schedule === 'dualpipev';
    const paired = dual || pairsOf(base.plan, schedule, n.pipeline, variant.virtualStages);
    const avg = ((tab[at + (paired ? C_DUAL : C_LONE)] as number) + this.zero3Of(base, n, dims, tab, at, mi, ri, dual)) / n.pipeline;
    if (!chain) {
      const i = (mi * dims.recompute.length + ri) * dims.schedules.length + si;
      let rb = this.ctxRank[i] as number;
      if (Number.isNaN(rb)) {
        rb = this.rankBound(this.ctxLayouts[si] as Layout, tab, at, schedule, 1, false, paired);
        this.ctxRank[i] = rb;
      }
      return Math.max(m * avg, m * rb);
    }
    return Math.max(m * avg, this.rankBound(this.ctxLayouts[si] as Layout, tab, at, schedule, m, chain, paired));
  }

  nodeLowerBounds(base: SearchBase, n: SearchNode, dims: Dimensions, out: Float64Array): void {
    const plan = base.plan;
    const tokens = plan.training.tokens;
    const seq = plan.training.sequenceLength;
    // Recomputation only adds kernels and repeats collectives (compute/layer.ts, step/stages.ts), so per micro-batch
    // the least recomputation listed (lists are ordered none, selective, full) is the fastest.
    const ri = 0;
    // steps × micro-batches ≥ tokens / (sequence × data × micro-batch) whatever the batch (steps = ⌈tokens / (batch·seq)⌉);
    // chain terms are dropped here (they do not scale with the batch).
    this.nodeContext(base, n, dims);
    let best = Infinity;
    for (let mi = 0; mi < dims.microBatch.length; mi++) {
      let perMb = Infinity;
      for (let si = 0; si < dims.schedules.length; si++) perMb = Math.min(perMb, this.variantBound(base, n, dims, mi, ri, si, 1, false));
      const v = (tokens / (seq * n.data * (dims.microBatch[mi] as number))) * perMb;
      if (v < best) best = v;
    }
    const maxBatch = dims.batch.kind === 'exact' ? Math.max(...dims.batch.values) : (dims.batch.targets[0] as number);
    const minSteps = Math.ceil(tokens / (maxBatch * seq));
    this.finish(base, n, (best + minSteps * this.ctxOptimizer) / plan.assumptions.goodput, out);
  }

  leafLowerBounds(base: SearchBase, n: SearchNode, leaf: LeafChoice, dims: Dimensions, out: Float64Array, mi: number, si: number, ri: number): void {
    const plan = base.plan;
    this.nodeContext(base, n, dims);
    const step = this.variantBound(base, n, dims, mi, ri, si, leaf.microBatches, true) + this.ctxOptimizer;
    const steps = Math.ceil(plan.training.tokens / (leaf.globalBatchSize * plan.training.sequenceLength));
    this.finish(base, n, (steps * step) / plan.assumptions.goodput, out);
  }

  /**
   * Tighter bounds for one leaf from its own stage model (the per-rank pass durations the simulator runs), used just
   * before the full estimate; same per-rank argument as above with exact chunk durations (ZeRO-3 included), a
   * DualPipe pass at min(lone, paired), and the optimizer of the slowest rank as step/step.ts computes it.
   */
  refinedLowerBounds(base: SearchBase, n: SearchNode, plan: ResolvedPlan, out: Float64Array): void {
    const par = plan.parallelism;
    const arch = plan.model;
    const balance = arch.moe ? moeBalance(plan.moe?.balancing ?? 'aux-loss', arch.moe.routedExperts, par.expert) : undefined;
    const sm = buildStageModel(plan, balance);
    this.stageModelsBuilt++;
    const R = par.pipeline;
    const C = sm.chunksPerRank;
    const d = sm.durations;
    const schedule = par.schedule;
    const dual = schedule === 'dualpipe' || schedule === 'dualpipev';
    const paired = dual || combinedOneFOneB(plan);
    const withSuffix = schedule === '1f1b' || schedule === 'gpipe';
    const perChunk = schedule === 'dualpipe' ? par.microBatches / 2 : par.microBatches;
    let makespan = 0;
    let prefixF = 0;
    let prefixBW = 0;
    let optimizer = 0;
    const t = this.totalsOf(base);
    for (let r = 0; r < R; r++) {
      let busy = 0;
      let dense = 0;
      let expert = 0;
      for (let c = 0; c < C; c++) {
        const i = r * C + c;
        const ch = sm.chunks[i] as StageModel['chunks'][number];
        dense += ch.denseParams;
        expert += ch.expertParams;
        let f = d.f[i] as number;
        let bw = (d.b[i] as number) + (d.w[i] as number);
        if (paired) {
          f = Math.min(f, passSeconds(ch.costReduced.f) + ch.f.tp + ch.f.cp + ch.f.dp);
          bw = Math.min(bw, passSeconds(ch.costReduced.b) + passSeconds(ch.costReduced.w) + ch.b.tp + ch.b.cp + ch.b.dp);
        }
        busy += perChunk * (f + bw);
      }
      let bound = busy;
      if (!dual) {
        bound += prefixF + (withSuffix ? prefixBW : 0);
        prefixF += d.f[r * C] as number;
        prefixBW += (d.b[r * C] as number) + (d.w[r * C] as number);
      }
      if (bound > makespan) makespan = bound;
      const shard = par.zero >= 1 ? dense / sm.groups.dp.size + expert / sm.groups.edp.size : dense + expert;
      optimizer = Math.max(optimizer, streamSeconds(shard * t.optimizerBytes, plan.cluster.gpu, 4));
    }
    const steps = Math.ceil(plan.training.tokens / (plan.training.globalBatchSize * plan.training.sequenceLength));
    this.finish(base, n, (steps * (makespan + optimizer)) / plan.assumptions.goodput, out);
  }

  peakMemoryGiB(plan: ResolvedPlan): number {
    // memoryReport's default in-flight counts are the closed forms of memory/schedule.ts, which equal the counts of
    // the schedule builder's op orders that estimate() passes (inflight.test.ts) — the memory estimate() reports.
    return memoryReport(plan).peakGiB;
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
