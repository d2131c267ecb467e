/**
 * The search loop (issue 8).
 *
 * Phase 1 — enumerate. Loops over candidate GPU × precision × TP × PP × CP × GPU count × EP × ZeRO (a "node") and,
 * inside a node, micro-batch × global batch × schedule (+ virtual stages) × recompute (a "leaf" = one candidate plan).
 * Whole subtrees are rejected with integer arithmetic (`rules.ts`) and by the memory lower bound (weights, gradients
 * and optimizer states that no schedule avoids); their leaves are counted, not visited. Every surviving leaf gets a
 * compute-only time lower bound, hence lower bounds on its days and cost (`bounds.ts`).
 *
 * Phase 2 — best first. Leaves are sorted by cost lower bound (then days bound, then canonical key) and evaluated
 * in that order with the full model, skipping a leaf whose (cost, days) lower-bound point is strictly dominated by
 * the frontier found so far. Because every plan cheaper than a leaf's cost bound has a smaller bound and was
 * therefore considered earlier, the frontier below that cost is already final when the leaf is examined: the skip
 * test is as strong as the bound allows. Leaves that could still be the fewest-GPU plan of their GPU type are never
 * skipped for dominance.
 *
 * Correctness: a skipped leaf's real (cost, days) is ≥ its bounds, so it is strictly dominated too and cannot be on
 * the exhaustive frontier; ties are resolved by canonical key (frontier.ts), so pruned, partitioned and exhaustive
 * searches return the same frontier (search.test.ts checks it).
 */
import type { PrecisionId, Recompute, ResolvedPlan, Schedule } from '../plan/types.js';
import type { SearchBase } from './base.js';
import { ParetoFrontier, fewerGpus, mayBeatFewest, type Scored } from './frontier.js';
import { contextOk, expertData, expertOk, microBatchGranularity, microBatchesOk, ruleModel, scheduleShapeOk, tensorOk, type RuleModel } from './rules.js';
import { batchCount, batchFor, gpuCounts, type Dimensions } from './space.js';
import type { PruneCounts, SearchSpec } from './types.js';

/** One node of the enumeration: everything but micro-batch, batch, schedule and recompute. */
export interface SearchNode {
  bi: number;
  gpus: number;
  tensor: number;
  pipeline: number;
  context: number;
  expert: number;
  expertTensor: number;
  data: number;
  expertData: number;
  zero: 0 | 1 | 2 | 3;
  sequenceParallel: boolean;
  /** Canonical key of the node's first leaf. */
  key: number;
}

/** The leaf-varying choices. */
export interface LeafChoice {
  microBatchSize: number;
  globalBatchSize: number;
  microBatches: number;
  schedule: Schedule;
  virtualStages: number;
  recompute: Recompute;
}

/** What the full model says about one plan. */
export interface LeafOutcome {
  costUsd: number;
  days: number;
  gpuHours: number;
  peakGiB: number;
  capacityGiB: number;
  mfu: number;
  stepSeconds: number;
  tokensPerGpuSecond: number;
}

/** The models the loop needs (bounds.ts implements them on the engine's pure functions). */
export interface SearchModel {
  /** Lower bound on the peak GiB of any plan of the node (any schedule, micro-batch, recompute). */
  nodeMemoryLowerBoundGiB(base: SearchBase, node: SearchNode): number;
  /** Lower bounds on the run's days and cost for one leaf. `out[0]` days, `out[1]` cost. */
  leafLowerBounds(base: SearchBase, node: SearchNode, leaf: LeafChoice, out: Float64Array): void;
  /** Full estimate of one plan. */
  evaluate(plan: ResolvedPlan): LeafOutcome;
}

export interface CoreOptions {
  /**
   * No lower-bound pruning at all (memory bound, constraint bounds, dominance): every leaf that passes the
   * divisibility rules is evaluated. For tests that check the pruned search against it.
   */
  exhaustive?: boolean;
  /** Only leaves whose position in the best-first order ≡ partIndex (mod partCount) are evaluated. */
  partIndex?: number;
  partCount?: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
  now?: (() => number) | undefined;
}

/** A scored feasible plan, before it is turned into a plan document. */
export interface CorePlan {
  base: SearchBase;
  node: SearchNode;
  leaf: LeafChoice;
  outcome: LeafOutcome;
}

export interface CoreResult {
  frontier: Array<Scored<CorePlan>>;
  /** Per candidate index: the fewest-GPU feasible plan. */
  fewest: Array<Scored<CorePlan> | undefined>;
  generated: number;
  pruned: PruneCounts;
  evaluated: number;
  feasible: number;
  skipped: number;
  complete: boolean;
}

const SCRATCH = new Float64Array(2);

/** Build the resolved plan of one leaf from its base (no validation: the rules were checked arithmetically). */
export function leafPlan(base: SearchBase, n: SearchNode, l: LeafChoice): ResolvedPlan {
  const b = base.plan;
  return {
    ...b,
    training: { tokens: b.training.tokens, sequenceLength: b.training.sequenceLength, globalBatchSize: l.globalBatchSize, microBatchSize: l.microBatchSize },
    cluster: { ...b.cluster, gpus: n.gpus, nodes: Math.ceil(n.gpus / b.cluster.gpusPerNode) },
    parallelism: {
      tensor: n.tensor,
      pipeline: n.pipeline,
      virtualStages: l.virtualStages,
      context: n.context,
      expert: n.expert,
      expertTensor: n.expertTensor,
      data: n.data,
      expertData: n.expertData,
      sequenceParallel: n.sequenceParallel,
      zero: n.zero,
      schedule: l.schedule,
      recompute: l.recompute,
      microBatches: l.microBatches,
    },
  };
}

interface Radices {
  gpus: number;
  tensor: number;
  pipeline: number;
  context: number;
  expert: number;
  zero: number;
  micro: number;
  batch: number;
  schedule: number;
  recompute: number;
}

/**
 * Run the search over `bases` (validated base plans) with per-candidate dimensions.
 */
export function runCore(
  spec: SearchSpec,
  bases: SearchBase[],
  dimsOf: Dimensions[],
  model: SearchModel,
  opts: CoreOptions = {},
): CoreResult {
  const partIndex = opts.partIndex ?? 0;
  const partCount = opts.partCount ?? 1;
  const now = opts.now;
  const t0 = now ? now() : 0;
  const headroom = 1 - (spec.constraints.memoryHeadroomPct ?? 0) / 100;
  const deadline = spec.constraints.deadlineDays ?? Infinity;
  const budget = spec.constraints.budgetUsd ?? Infinity;
  const maxEval = spec.limits.maxEvaluations ?? Infinity;
  const timeBudget = spec.limits.timeBudgetMs ?? Infinity;
  const maxGpusAll = spec.constraints.maxGpus ?? Infinity;

  const pruned: PruneCounts = { divisibility: 0, memoryLowerBound: 0, memory: 0, dominated: 0, constraint: 0 };
  let generated = 0;

  // Global radices for canonical keys (max over candidates).
  const countsOf = spec.candidates.map((c, ci) => {
    const gpn = (bases.find((b) => b.ci === ci)?.plan.cluster.gpusPerNode ?? c.gpusPerNode ?? 8);
    return gpuCounts(c.minGpus ?? 1, Math.min(c.maxGpus, maxGpusAll), gpn, spec.space.gpus);
  });
  const rad: Radices = {
    gpus: Math.max(1, ...countsOf.map((c) => c.length)),
    tensor: Math.max(...dimsOf.map((d) => d.tensor.length)),
    pipeline: Math.max(...dimsOf.map((d) => d.pipeline.length)),
    context: Math.max(...dimsOf.map((d) => d.context.length)),
    expert: Math.max(...dimsOf.map((d) => d.expert.length)),
    zero: Math.max(...dimsOf.map((d) => d.zero.length)),
    micro: Math.max(...dimsOf.map((d) => d.microBatch.length)),
    batch: Math.max(...dimsOf.map((d) => batchCount(d))),
    schedule: Math.max(1, ...dimsOf.map((d) => d.schedules.length)),
    recompute: Math.max(...dimsOf.map((d) => d.recompute.length)),
  };
  const innerRadix = rad.micro * rad.batch * rad.schedule * rad.recompute;

  // ---- Phase 1: enumerate nodes and leaves ----
  const nodes: SearchNode[] = [];
  // Leaves: parallel growable arrays.
  let cap = 1 << 14;
  let nLeaves = 0;
  let leafNode = new Int32Array(cap);
  let leafInner = new Int32Array(cap);
  let leafBatch = new Float64Array(cap);
  let leafDays = new Float64Array(cap);
  let leafCost = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    leafNode = g32(leafNode);
    leafInner = g32(leafInner);
    leafBatch = g64(leafBatch);
    leafDays = g64(leafDays);
    leafCost = g64(leafCost);
  };

  const leaf: LeafChoice = { microBatchSize: 1, globalBatchSize: 1, microBatches: 1, schedule: '1f1b', virtualStages: 1, recompute: 'none' };

  for (let bi = 0; bi < bases.length; bi++) {
    const base = bases[bi] as SearchBase;
    const d = dimsOf[base.ci] as Dimensions;
    const counts = countsOf[base.ci] as number[];
    const rm: RuleModel = ruleModel(base.plan.model, spec.training.sequenceLength);
    const usable = base.plan.cluster.gpu.memoryGiB * headroom;
    const nB = batchCount(d);
    const innerSize = d.microBatch.length * nB * d.schedules.length * d.recompute.length;
    const perGpus = d.expert.length * d.zero.length * innerSize;
    const etp = d.expertTensor;
    // schedule shapes valid per pipeline degree
    for (let ti = 0; ti < d.tensor.length; ti++) {
      const tp = d.tensor[ti] as number;
      const sp = d.sequenceParallel === 'auto' ? tp > 1 : d.sequenceParallel;
      for (let pi = 0; pi < d.pipeline.length; pi++) {
        const pp = d.pipeline[pi] as number;
        const shapeOk = d.schedules.map((s) => scheduleShapeOk(rm, s.schedule, pp, s.virtualStages));
        for (let xi = 0; xi < d.context.length; xi++) {
          const cp = d.context[xi] as number;
          const mp = tp * pp * cp;
          const tcOk = tensorOk(rm, tp, sp) && contextOk(rm, cp);
          for (let gi = 0; gi < counts.length; gi++) {
            const gpus = counts[gi] as number;
            generated += perGpus;
            if (!tcOk || gpus % mp !== 0) {
              pruned.divisibility += perGpus;
              continue;
            }
            const data = gpus / mp;
            for (let ei = 0; ei < d.expert.length; ei++) {
              const ep = d.expert[ei] as number;
              const perEp = d.zero.length * innerSize;
              const ed = expertOk(rm, ep, etp) ? expertData(data, cp, tp, ep, etp) : 0;
              if (ed === 0) {
                pruned.divisibility += perEp;
                continue;
              }
              for (let zi = 0; zi < d.zero.length; zi++) {
                const key =
                  ((((((bi * rad.gpus + gi) * rad.tensor + ti) * rad.pipeline + pi) * rad.context + xi) * rad.expert + ei) * rad.zero + zi) * innerRadix;
                const node: SearchNode = {
                  bi,
                  gpus,
                  tensor: tp,
                  pipeline: pp,
                  context: cp,
                  expert: ep,
                  expertTensor: etp,
                  data,
                  expertData: ed,
                  zero: d.zero[zi] as 0 | 1 | 2 | 3,
                  sequenceParallel: sp,
                  key,
                };
                if (!opts.exhaustive && model.nodeMemoryLowerBoundGiB(base, node) > usable) {
                  pruned.memoryLowerBound += innerSize;
                  continue;
                }
                let nodeIndex = -1;
                // leaves
                for (let mi = 0; mi < d.microBatch.length; mi++) {
                  const mbs = d.microBatch[mi] as number;
                  for (let si = 0; si < d.schedules.length; si++) {
                    const sv = d.schedules[si] as Dimensions['schedules'][number];
                    for (let ki = 0; ki < nB; ki++) {
                      const perLeaf = d.recompute.length;
                      if (!shapeOk[si]) {
                        pruned.divisibility += perLeaf;
                        continue;
                      }
                      const unit = data * mbs;
                      const gbs = batchFor(d, ki, unit * microBatchGranularity(sv.schedule, pp));
                      if (gbs === 0 || gbs % unit !== 0 || (d.batch.kind === 'range' && ki > 0 && gbs === batchFor(d, ki - 1, unit * microBatchGranularity(sv.schedule, pp)))) {
                        pruned.divisibility += perLeaf;
                        continue;
                      }
                      const m = gbs / unit;
                      if (!microBatchesOk(sv.schedule, pp, m)) {
                        pruned.divisibility += perLeaf;
                        continue;
                      }
                      for (let ri = 0; ri < d.recompute.length; ri++) {
                        leaf.microBatchSize = mbs;
                        leaf.globalBatchSize = gbs;
                        leaf.microBatches = m;
                        leaf.schedule = sv.schedule;
                        leaf.virtualStages = sv.virtualStages;
                        leaf.recompute = d.recompute[ri] as Recompute;
                        if (nodeIndex < 0) {
                          nodeIndex = nodes.length;
                          nodes.push(node);
                        }
                        model.leafLowerBounds(base, node, leaf, SCRATCH);
                        const daysLb = SCRATCH[0] as number;
                        const costLb = SCRATCH[1] as number;
                        if (!opts.exhaustive && (daysLb > deadline || costLb > budget)) {
                          pruned.constraint++;
                          continue;
                        }
                        if (nLeaves === cap) grow();
                        leafNode[nLeaves] = nodeIndex;
                        leafInner[nLeaves] = ((mi * rad.batch + ki) * rad.schedule + si) * rad.recompute + ri;
                        leafBatch[nLeaves] = gbs;
                        leafDays[nLeaves] = daysLb;
                        leafCost[nLeaves] = costLb;
                        nLeaves++;
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  // ---- Phase 2: best-first evaluation ----
  const order = new Int32Array(nLeaves);
  for (let i = 0; i < nLeaves; i++) order[i] = i;
  const keyOf = (i: number) => (nodes[leafNode[i] as number] as SearchNode).key + (leafInner[i] as number);
  order.sort((a, b) => {
    const c = (leafCost[a] as number) - (leafCost[b] as number);
    if (c !== 0) return c;
    const dd = (leafDays[a] as number) - (leafDays[b] as number);
    if (dd !== 0) return dd;
    return keyOf(a) - keyOf(b);
  });

  const frontier = new ParetoFrontier<CorePlan>();
  const fewest: Array<Scored<CorePlan> | undefined> = spec.candidates.map(() => undefined);
  let evaluated = 0;
  let feasible = 0;
  let skipped = 0;
  let complete = true;
  // Phase-1 rejections are counted once, by partition 0 (every partition enumerates the same space).
  const phase1 = generated - nLeaves;
  if (partIndex !== 0) {
    pruned.divisibility = 0;
    pruned.memoryLowerBound = 0;
    pruned.constraint = 0;
  }
  generated = partIndex === 0 ? phase1 : 0;
  const total = generated + Math.ceil((nLeaves - partIndex) / partCount);
  let done = generated;
  const progressEvery = 1024;
  opts.onProgress?.(done, total);

  for (let oi = partIndex; oi < nLeaves; oi += partCount) {
    generated++;
    const li = order[oi] as number;
    const node = nodes[leafNode[li] as number] as SearchNode;
    const base = bases[node.bi] as SearchBase;
    const daysLb = leafDays[li] as number;
    const costLb = leafCost[li] as number;
    if (!complete) {
      skipped++;
      continue;
    }
    if (evaluated >= maxEval || (now && now() - t0 > timeBudget)) {
      complete = false;
      skipped++;
      continue;
    }
    if (
      !opts.exhaustive &&
      frontier.strictlyDominates(costLb, daysLb) &&
      !mayBeatFewest(fewest[base.ci], node.gpus, costLb)
    ) {
      pruned.dominated++;
      if (++done % progressEvery === 0) opts.onProgress?.(done, total);
      continue;
    }
    const choice = decodeLeaf(dimsOf[base.ci] as Dimensions, rad, leafInner[li] as number, leafBatch[li] as number, node);
    const outcome = model.evaluate(leafPlan(base, node, choice));
    evaluated++;
    if (++done % progressEvery === 0) opts.onProgress?.(done, total);
    if (outcome.peakGiB > outcome.capacityGiB * headroom || outcome.days > deadline || outcome.costUsd > budget) continue;
    feasible++;
    const scored: Scored<CorePlan> = {
      cost: outcome.costUsd,
      days: outcome.days,
      gpus: node.gpus,
      key: node.key + (leafInner[li] as number),
      item: { base, node, leaf: choice, outcome },
    };
    frontier.insert(scored);
    const f = fewest[base.ci];
    if (f === undefined || fewerGpus(scored, f)) fewest[base.ci] = scored;
  }
  opts.onProgress?.(total, total);

  return {
    frontier: [...frontier.points],
    fewest,
    generated,
    pruned,
    evaluated,
    feasible,
    skipped,
    complete,
  };
}

function decodeLeaf(d: Dimensions, rad: Radices, inner: number, gbs: number, node: SearchNode): LeafChoice {
  const ri = inner % rad.recompute;
  const si = Math.floor(inner / rad.recompute) % rad.schedule;
  const mi = Math.floor(inner / (rad.recompute * rad.schedule * rad.batch));
  const mbs = d.microBatch[mi] as number;
  const sv = d.schedules[si] as Dimensions['schedules'][number];
  return {
    microBatchSize: mbs,
    globalBatchSize: gbs,
    microBatches: gbs / (node.data * mbs),
    schedule: sv.schedule,
    virtualStages: sv.virtualStages,
    recompute: d.recompute[ri] as Recompute,
  };
}

export type { PrecisionId };
