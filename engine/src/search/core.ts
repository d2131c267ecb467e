/**
 * The search loop (issue 8): branch and bound over a two-level space.
 *
 * A node fixes candidate GPU × precision × TP × PP × CP × GPU count × EP × ZeRO; its leaves (= candidate plans)
 * add micro-batch × global batch × schedule (+ virtual stages) × recompute.
 *
 * 1. Enumerate nodes. Whole nodes are rejected with integer arithmetic (`rules.ts`) and by the memory lower bound
 *    (weights, gradients and optimizer states that no schedule avoids); their leaves are counted, not visited.
 *    Each surviving node gets lower bounds on (cost, days) valid for all its leaves (`SearchModel.nodeLowerBounds`).
 * 2. Best first. Nodes (sorted) and leaves (a heap) are taken in order of cost bound, then days bound, then
 *    canonical key. An item whose (cost, days) bound point is strictly dominated by the frontier found so far is
 *    discarded (a node with all its leaves). Otherwise a node is expanded into its leaves (leaf divisibility rules,
 *    leaf bounds, constraint bounds; leaves already dominated are not queued). A leaf taken first gets the exact
 *    memory check (`memoryReport` — the memory estimate() reports) and a tighter bound from its own stage model; it
 *    is re-queued if that bound no longer leads, discarded if dominated, else fully estimated.
 *    Every plan cheaper than an item's cost bound has a smaller bound and was popped before it, so the frontier
 *    below that cost is final when the item is examined: the dominance test is as strong as the bound allows.
 *    Items that could still be the fewest-GPU plan of their GPU type are never discarded for dominance.
 *
 * Correctness: an item's real (cost, days) are ≥ its bounds, so a strictly dominated bound point means strictly
 * dominated plans, which cannot be on the frontier; ties are resolved by canonical key (frontier.ts). Pruned,
 * partitioned and exhaustive searches therefore return the same frontier (search.test.ts checks it).
 * Stats count every candidate plan once, under the first rule that removed it.
 */
import type { Recompute, ResolvedPlan, Schedule } from '../plan/types.js';
import type { RecomputeModule } from '../plan/recompute.js';
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
  /** Canonical key of the node's first leaf (leaf key = node key + inner index). */
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
  /** The module list of a `space.recomputeModules` variant (absent: the base plan's meaning of `selective`). */
  recomputeModules?: RecomputeModule[] | undefined;
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
  /** Lower bounds on days (`out[0]`) and cost (`out[1]`) of every leaf of the node. */
  nodeLowerBounds(base: SearchBase, node: SearchNode, dims: Dimensions, out: Float64Array): void;
  /** Lower bounds on days (`out[0]`) and cost (`out[1]`) of one leaf (mi, si, ri: its indices in `dims`). */
  leafLowerBounds(base: SearchBase, node: SearchNode, leaf: LeafChoice, dims: Dimensions, out: Float64Array, mi: number, si: number, ri: number): void;
  /** Tighter lower bounds for one plan (costlier: builds its stage model); `out` as above. */
  refinedLowerBounds(base: SearchBase, node: SearchNode, plan: ResolvedPlan, out: Float64Array): void;
  /** Exact peak GiB per GPU of one plan, as the full estimate will report it. */
  peakMemoryGiB(plan: ResolvedPlan): number;
  /** Full estimate of one plan. */
  evaluate(plan: ResolvedPlan): LeafOutcome;
}

export interface CoreOptions {
  /**
   * No lower-bound pruning and no memory pre-check: every leaf that passes the divisibility rules is estimated.
   * The reference the pruned search is tested against.
   */
  exhaustive?: boolean;
  /** Only nodes whose position in the best-first node order ≡ partIndex (mod partCount) are searched. */
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
  /** Candidates handled one by one: node tuples (GPU count × degrees) checked, plus leaves given their own bound. */
  examined: number;
}

/** The `recomputeModules` a leaf's plan states: its variant's list, or the base's for plain `selective`. */
export function leafRecomputeModules(b: ResolvedPlan, l: LeafChoice): { recomputeModules?: RecomputeModule[] } {
  if (l.recompute !== 'selective') return {};
  const modules = l.recomputeModules ?? b.parallelism.recomputeModules;
  return modules ? { recomputeModules: modules } : {};
}

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
      // a variant's module list, else the base's list is what its `selective` means (plan/recompute.ts)
      ...leafRecomputeModules(b, l),
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

/** Binary heap of leaves in parallel growable arrays: bounds, canonical key, and a reference (leaf = −1 − index). */
class ItemHeap {
  cost = new Float64Array(1024);
  days = new Float64Array(1024);
  key = new Float64Array(1024);
  ref = new Int32Array(1024);
  size = 0;

  private less(i: number, j: number): boolean {
    const c = this.cost;
    if (c[i] !== c[j]) return (c[i] as number) < (c[j] as number);
    const d = this.days;
    if (d[i] !== d[j]) return (d[i] as number) < (d[j] as number);
    const k = this.key;
    if (k[i] !== k[j]) return (k[i] as number) < (k[j] as number);
    return (this.ref[i] as number) > (this.ref[j] as number); // nodes (≥ 0) before leaves (< 0)
  }

  private swap(i: number, j: number): void {
    const c = this.cost[i] as number;
    this.cost[i] = this.cost[j] as number;
    this.cost[j] = c;
    const d = this.days[i] as number;
    this.days[i] = this.days[j] as number;
    this.days[j] = d;
    const k = this.key[i] as number;
    this.key[i] = this.key[j] as number;
    this.key[j] = k;
    const r = this.ref[i] as number;
    this.ref[i] = this.ref[j] as number;
    this.ref[j] = r;
  }

  push(cost: number, days: number, key: number, ref: number): void {
    if (this.size === this.cost.length) {
      const n = this.size * 2;
      const g = <T extends Float64Array | Int32Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.cost = g(this.cost, new Float64Array(n));
      this.days = g(this.days, new Float64Array(n));
      this.key = g(this.key, new Float64Array(n));
      this.ref = g(this.ref, new Int32Array(n));
    }
    let i = this.size++;
    this.cost[i] = cost;
    this.days[i] = days;
    this.key[i] = key;
    this.ref[i] = ref;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Move the top item to slot `size` (read it there with `at(size)` after the call) and restore the heap. */
  pop(): number {
    const last = --this.size;
    this.swap(0, last);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const m = r < last && this.less(r, l) ? r : l;
      if (!this.less(m, i)) break;
      this.swap(i, m);
      i = m;
    }
    return last;
  }
}

/** Run the search over `bases` (validated base plans) with per-candidate dimensions. */
export function runCore(spec: SearchSpec, bases: SearchBase[], dimsOf: Dimensions[], model: SearchModel, opts: CoreOptions = {}): CoreResult {
  const partIndex = opts.partIndex ?? 0;
  const partCount = opts.partCount ?? 1;
  const exhaustive = opts.exhaustive === true;
  const now = opts.now;
  const t0 = now ? now() : 0;
  const headroom = 1 - (spec.constraints.memoryHeadroomPct ?? 0) / 100;
  const deadline = spec.constraints.deadlineDays ?? Infinity;
  const budget = spec.constraints.budgetUsd ?? Infinity;
  const maxEval = spec.limits.maxEvaluations ?? Infinity;
  const timeBudget = spec.limits.timeBudgetMs ?? Infinity;
  const maxGpusAll = spec.constraints.maxGpus ?? Infinity;
  const scratch = new Float64Array(2);

  const pruned: PruneCounts = { divisibility: 0, memoryLowerBound: 0, memory: 0, dominated: 0, constraint: 0 };
  let generated = 0;
  /** Node tuples looked at one by one (each rejected or kept), and leaves bounded one by one. */
  let visitedNodes = 0;
  let boundedLeaves = 0;

  const countsOf = spec.candidates.map((c, ci) => {
    const gpn = bases.find((b) => b.ci === ci)?.plan.cluster.gpusPerNode ?? c.gpusPerNode ?? 8;
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
  const innerSizeOf = (d: Dimensions) => d.microBatch.length * batchCount(d) * d.schedules.length * d.recompute.length;

  // ---- 1. nodes ----
  const nodes: SearchNode[] = [];
  const probe: SearchNode = { bi: 0, gpus: 1, tensor: 1, pipeline: 1, context: 1, expert: 1, expertTensor: 1, data: 1, expertData: 1, zero: 0, sequenceParallel: false, key: 0 };
  let nodeCost = new Float64Array(1024);
  let nodeDays = new Float64Array(1024);
  const usableOf = bases.map((b) => b.plan.cluster.gpu.memoryGiB * headroom);
  for (let bi = 0; bi < bases.length; bi++) {
    const base = bases[bi] as SearchBase;
    const d = dimsOf[base.ci] as Dimensions;
    const counts = countsOf[base.ci] as number[];
    const rm: RuleModel = ruleModel(base.plan.model, spec.training.sequenceLength);
    const usable = usableOf[bi] as number;
    const innerSize = innerSizeOf(d);
    const perEp = d.zero.length * innerSize;
    const perGpus = d.expert.length * perEp;
    const etp = d.expertTensor;
    for (let ti = 0; ti < d.tensor.length; ti++) {
      const tp = d.tensor[ti] as number;
      const sp = d.sequenceParallel === 'auto' ? tp > 1 : d.sequenceParallel;
      for (let pi = 0; pi < d.pipeline.length; pi++) {
        const pp = d.pipeline[pi] as number;
        for (let xi = 0; xi < d.context.length; xi++) {
          const cp = d.context[xi] as number;
          const mp = tp * pp * cp;
          const tcOk = tensorOk(rm, tp, sp) && contextOk(rm, cp);
          for (let gi = 0; gi < counts.length; gi++) {
            const gpus = counts[gi] as number;
            generated += perGpus;
            visitedNodes++;
            if (!tcOk || gpus % mp !== 0) {
              pruned.divisibility += perGpus;
              continue;
            }
            const data = gpus / mp;
            if (!batchFits(d, data)) {
              pruned.divisibility += perGpus;
              continue;
            }
            for (let ei = 0; ei < d.expert.length; ei++) {
              const ep = d.expert[ei] as number;
              visitedNodes++;
              const ed = expertOk(rm, ep, etp) ? expertData(data, cp, tp, ep, etp) : 0;
              if (ed === 0) {
                pruned.divisibility += perEp;
                continue;
              }
              for (let zi = 0; zi < d.zero.length; zi++) {
                visitedNodes++;
                // fill the reusable probe; allocate a node only when it survives the memory bound
                probe.bi = bi;
                probe.gpus = gpus;
                probe.tensor = tp;
                probe.pipeline = pp;
                probe.context = cp;
                probe.expert = ep;
                probe.expertTensor = etp;
                probe.data = data;
                probe.expertData = ed;
                probe.zero = d.zero[zi] as 0 | 1 | 2 | 3;
                probe.sequenceParallel = sp;
                if (!exhaustive && model.nodeMemoryLowerBoundGiB(base, probe) > usable) {
                  pruned.memoryLowerBound += innerSize;
                  continue;
                }
                const node: SearchNode = {
                  ...probe,
                  key: ((((((bi * rad.gpus + gi) * rad.tensor + ti) * rad.pipeline + pi) * rad.context + xi) * rad.expert + ei) * rad.zero + zi) * innerRadix,
                };
                if (exhaustive) {
                  scratch[0] = 0;
                  scratch[1] = 0;
                } else {
                  model.nodeLowerBounds(base, node, d, scratch);
                  if ((scratch[0] as number) > deadline || (scratch[1] as number) > budget) {
                    pruned.constraint += innerSize;
                    continue;
                  }
                }
                const ni = nodes.length;
                if (ni === nodeCost.length) {
                  const c2 = new Float64Array(ni * 2);
                  c2.set(nodeCost);
                  nodeCost = c2;
                  const d2 = new Float64Array(ni * 2);
                  d2.set(nodeDays);
                  nodeDays = d2;
                }
                nodes.push(node);
                nodeDays[ni] = scratch[0] as number;
                nodeCost[ni] = scratch[1] as number;
              }
            }
          }
        }
      }
    }
  }

  // Partition: nodes in best-first order, dealt round-robin. Node-level counts belong to partition 0.
  const order = Array.from({ length: nodes.length }, (_, i) => i);
  order.sort((a, b) => {
    const c = (nodeCost[a] as number) - (nodeCost[b] as number);
    if (c !== 0) return c;
    const dd = (nodeDays[a] as number) - (nodeDays[b] as number);
    if (dd !== 0) return dd;
    return (nodes[a] as SearchNode).key - (nodes[b] as SearchNode).key;
  });
  let pendingLeaves = 0;
  // This partition's nodes in best-first order; leaves go to a heap. Each step takes the smaller of the next node
  // and the heap top (same order as one heap holding both, nodes first on ties).
  const mine: number[] = [];
  for (let oi = partIndex; oi < order.length; oi += partCount) {
    const ni = order[oi] as number;
    mine.push(ni);
    pendingLeaves += innerSizeOf(dimsOf[(bases[(nodes[ni] as SearchNode).bi] as SearchBase).ci] as Dimensions);
  }
  let nextNode = 0;
  const heap = new ItemHeap();
  const phase1 = generated - nodes.reduce((s, n) => s + innerSizeOf(dimsOf[(bases[n.bi] as SearchBase).ci] as Dimensions), 0);
  if (partIndex !== 0) {
    pruned.divisibility = 0;
    pruned.memoryLowerBound = 0;
    pruned.constraint = 0;
  }
  generated = (partIndex === 0 ? phase1 : 0) + pendingLeaves;
  const total = generated;
  let done = generated - pendingLeaves;
  let nextReport = done + 1024;
  opts.onProgress?.(done, total);

  // ---- 2. best first ----
  const frontier = new ParetoFrontier<CorePlan>();
  const fewest: Array<Scored<CorePlan> | undefined> = spec.candidates.map(() => undefined);
  let evaluated = 0;
  let feasible = 0;
  let skipped = 0;
  let complete = true;
  // expanded leaves
  let leafNode = new Int32Array(1024);
  let leafInner = new Int32Array(1024);
  let leafBatch = new Float64Array(1024);
  let leafRefined = new Uint8Array(1024);
  let nLeaves = 0;
  const leaf: LeafChoice = { microBatchSize: 1, globalBatchSize: 1, microBatches: 1, schedule: '1f1b', virtualStages: 1, recompute: 'none' };

  while (heap.size > 0 || nextNode < mine.length) {
    let ref: number;
    let costLb: number;
    let daysLb: number;
    let key: number;
    const ni = nextNode < mine.length ? (mine[nextNode] as number) : -1;
    if (ni >= 0 && (heap.size === 0 || !heapFirst(heap, nodeCost[ni] as number, nodeDays[ni] as number, (nodes[ni] as SearchNode).key))) {
      nextNode++;
      ref = ni;
      costLb = nodeCost[ni] as number;
      daysLb = nodeDays[ni] as number;
      key = (nodes[ni] as SearchNode).key;
    } else {
      const slot = heap.pop();
      ref = heap.ref[slot] as number;
      costLb = heap.cost[slot] as number;
      daysLb = heap.days[slot] as number;
      key = heap.key[slot] as number;
    }
    const isNode = ref >= 0;
    const node = nodes[isNode ? ref : (leafNode[-1 - ref] as number)] as SearchNode;
    const base = bases[node.bi] as SearchBase;
    const d = dimsOf[base.ci] as Dimensions;
    const size = isNode ? innerSizeOf(d) : 1;

    if (!complete || evaluated >= maxEval || (now !== undefined && now() - t0 > timeBudget)) {
      complete = false;
      skipped += size;
      continue;
    }
    if (!exhaustive && frontier.strictlyDominates(costLb, daysLb) && !mayBeatFewest(fewest[base.ci], node.gpus, costLb)) {
      pruned.dominated += size;
      done += size;
    } else if (isNode) {
      // expand into leaves
      const rm = ruleModel(base.plan.model, spec.training.sequenceLength);
      const pp = node.pipeline;
      const nB = batchCount(d);
      for (let mi = 0; mi < d.microBatch.length; mi++) {
        const mbs = d.microBatch[mi] as number;
        const unit = node.data * mbs;
        for (let si = 0; si < d.schedules.length; si++) {
          const sv = d.schedules[si] as Dimensions['schedules'][number];
          const shapeOk = scheduleShapeOk(rm, sv.schedule, pp, sv.virtualStages);
          const gran = unit * microBatchGranularity(sv.schedule, pp);
          for (let ki = 0; ki < nB; ki++) {
            const nR = d.recompute.length;
            if (!shapeOk) {
              pruned.divisibility += nR;
              done += nR;
              continue;
            }
            const gbs = batchFor(d, ki, gran);
            if (gbs === 0 || gbs % unit !== 0 || (d.batch.kind === 'range' && ki > 0 && gbs === batchFor(d, ki - 1, gran))) {
              pruned.divisibility += nR;
              done += nR;
              continue;
            }
            const m = gbs / unit;
            if (!microBatchesOk(sv.schedule, pp, m)) {
              pruned.divisibility += nR;
              done += nR;
              continue;
            }
            for (let ri = 0; ri < nR; ri++) {
              leaf.microBatchSize = mbs;
              leaf.globalBatchSize = gbs;
              leaf.microBatches = m;
              leaf.schedule = sv.schedule;
              leaf.virtualStages = sv.virtualStages;
              leaf.recompute = d.recompute[ri] as Recompute;
              leaf.recomputeModules = d.recomputeModules[ri];
              if (exhaustive) {
                scratch[0] = 0;
                scratch[1] = 0;
              } else {
                model.leafLowerBounds(base, node, leaf, d, scratch, mi, si, ri);
                boundedLeaves++;
                if ((scratch[0] as number) > deadline || (scratch[1] as number) > budget) {
                  pruned.constraint++;
                  done++;
                  continue;
                }
                // already dominated: the frontier only improves, so it stays dominated — do not queue it
                if (frontier.strictlyDominates(scratch[1] as number, scratch[0] as number) && !mayBeatFewest(fewest[base.ci], node.gpus, scratch[1] as number)) {
                  pruned.dominated++;
                  done++;
                  continue;
                }
              }
              if (nLeaves === leafNode.length) {
                const n2 = nLeaves * 2;
                const a = new Int32Array(n2);
                a.set(leafNode);
                leafNode = a;
                const b = new Int32Array(n2);
                b.set(leafInner);
                leafInner = b;
                const c = new Float64Array(n2);
                c.set(leafBatch);
                leafBatch = c;
                const e = new Uint8Array(n2);
                e.set(leafRefined);
                leafRefined = e;
              }
              const inner = ((mi * rad.batch + ki) * rad.schedule + si) * rad.recompute + ri;
              leafNode[nLeaves] = ref;
              leafInner[nLeaves] = inner;
              leafBatch[nLeaves] = gbs;
              heap.push(scratch[1] as number, scratch[0] as number, node.key + inner, -1 - nLeaves);
              nLeaves++;
            }
          }
        }
      }
    } else {
      const li = -1 - ref;
      const choice = decodeLeaf(d, rad, leafInner[li] as number, leafBatch[li] as number, node);
      const plan = leafPlan(base, node, choice);
      const usable = usableOf[node.bi] as number;
      if (!exhaustive && leafRefined[li] === 0) {
        // first pop: exact memory, then the stage-model bound; re-queue if it no longer leads the heap
        leafRefined[li] = 1;
        if (model.peakMemoryGiB(plan) > usable) {
          pruned.memory++;
          done++;
          continue;
        }
        model.refinedLowerBounds(base, node, plan, scratch);
        const rc = Math.max(costLb, scratch[1] as number);
        const rd = Math.max(daysLb, scratch[0] as number);
        if (rd > deadline || rc > budget) {
          pruned.constraint++;
          done++;
          continue;
        }
        const nn = nextNode < mine.length ? (mine[nextNode] as number) : -1;
        const behindHeap = heap.size > 0 && (rc > (heap.cost[0] as number) || (rc === heap.cost[0] && rd > (heap.days[0] as number)));
        const behindNode = nn >= 0 && (rc > (nodeCost[nn] as number) || (rc === nodeCost[nn] && rd > (nodeDays[nn] as number)));
        if (behindHeap || behindNode) {
          heap.push(rc, rd, key, ref);
          continue;
        }
        if (frontier.strictlyDominates(rc, rd) && !mayBeatFewest(fewest[base.ci], node.gpus, rc)) {
          pruned.dominated++;
          done++;
          continue;
        }
      }
      done++;
      const outcome = model.evaluate(plan);
      evaluated++;
      if (outcome.peakGiB <= usable && outcome.days <= deadline && outcome.costUsd <= budget) {
        feasible++;
        const scored: Scored<CorePlan> = { cost: outcome.costUsd, days: outcome.days, gpus: node.gpus, key, item: { base, node, leaf: choice, outcome } };
        frontier.insert(scored);
        const f = fewest[base.ci];
        if (f === undefined || fewerGpus(scored, f)) fewest[base.ci] = scored;
      }
    }
    if (done >= nextReport) {
      opts.onProgress?.(done, total);
      nextReport = done + 1024;
    }
  }
  opts.onProgress?.(total, total);

  return { frontier: [...frontier.points], fewest, generated, pruned, evaluated, feasible, skipped, complete, examined: (partIndex === 0 ? visitedNodes : 0) + boundedLeaves };
}

/** Whether the heap's top item comes strictly before a node with these bounds and key (nodes win ties). */
function heapFirst(h: ItemHeap, cost: number, days: number, key: number): boolean {
  const c = h.cost[0] as number;
  if (c !== cost) return c < cost;
  const d = h.days[0] as number;
  if (d !== days) return d < days;
  return (h.key[0] as number) < key;
}

/** Whether some micro-batch size and batch value can split over `data` ranks (else every leaf fails divisibility). */
function batchFits(d: Dimensions, data: number): boolean {
  for (const mbs of d.microBatch) {
    const unit = data * mbs;
    if (d.batch.kind === 'exact') {
      for (const g of d.batch.values) if (g % unit === 0) return true;
    } else if (unit <= (d.batch.targets[0] as number) && Math.floor((d.batch.targets[0] as number) / unit) * unit >= d.batch.min) {
      return true;
    }
  }
  return false;
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
    recomputeModules: d.recomputeModules[ri],
  };
}
