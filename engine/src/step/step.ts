/**
 * One optimizer step: the pipeline phase (simulated), the data-parallel gradient/parameter communication that the
 * last/first micro-batch cannot hide, and the optimizer update. Produces the step time and its breakdown by cause,
 * which sums exactly to the step time:
 *   step = compute + exposed communication (tp, cp, ep, pp, dp, host offload copies) + bubble + optimizer.
 * `compute` and the per-kind exposures are those of the critical pipeline rank (the busiest one); `bubble` is that
 * rank's idle time inside the pipeline phase without p2p delays; the p2p delays the simulation adds on top are the
 * exposed `pp` communication.
 */
import type { ResolvedPlan } from '../plan/types.js';
import { allGatherSeconds, allReduceSeconds, reduceScatterSeconds } from '../comm/collectives.js';
import { streamSeconds } from '../compute/kernels.js';
import { OP_B, OP_BW, OP_F, OP_FB, OP_W, runPipeline, type PipelineRun } from '../pipeline/index.js';
import { overlappedExposure, partsTotal, type PassParts, type StageModel } from './stages.js';

export interface StepResult {
  seconds: number;
  pipeline: PipelineRun;
  criticalRank: number;
  compute: number;
  exposed: { tp: number; cp: number; ep: number; pp: number; dp: number; offload: number };
  /** Total (overlapped or not) communication seconds per step on the critical rank, by kind (offload: host copies). */
  commSeconds: { tp: number; cp: number; ep: number; pp: number; dp: number; offload: number };
  /** Bytes one GPU (critical rank) sends per step, by kind. */
  commBytes: { tp: number; cp: number; ep: number; pp: number; dp: number; offload: number };
  bubble: number;
  optimizer: number;
  /** Per-rank busy seconds in the pipeline phase. */
  busy: number[];
}

interface OpCounts {
  f: Float64Array;
  b: Float64Array;
  w: Float64Array;
  bw: Float64Array;
  fb: Float64Array;
}
const countsCache = new WeakMap<object, OpCounts>();

/**
 * Count of each op kind per (rank, chunk) from the schedule orders, and FB pairs per (rank, cf, cb).
 * Orders are immutable and memoised, so the counts are cached per orders object.
 */
function opCounts(run: PipelineRun): OpCounts {
  const cached = countsCache.get(run.orders);
  if (cached) return cached;
  const counts = countOps(run);
  countsCache.set(run.orders, counts);
  return counts;
}

function countOps(run: PipelineRun): OpCounts {
  const o = run.orders;
  const C = o.chunks;
  const n = o.ranks * C;
  const f = new Float64Array(n);
  const b = new Float64Array(n);
  const w = new Float64Array(n);
  const bw = new Float64Array(n);
  const fb = new Float64Array(n * C);
  for (let r = 0; r < o.ranks; r++) {
    for (let i = o.rankStart[r]!; i < o.rankStart[r + 1]!; i++) {
      const rc = r * C + o.chunk[i]!;
      const k = o.kind[i]!;
      if (k === OP_F) f[rc]!++;
      else if (k === OP_B) b[rc]!++;
      else if (k === OP_W) w[rc]!++;
      else if (k === OP_BW) bw[rc]!++;
      else if (k === OP_FB) fb[rc * C + o.chunk2[i]!]!++;
    }
  }
  return { f, b, w, bw, fb };
}

export function simulateStep(plan: ResolvedPlan, sm: StageModel, opts: { timeline?: boolean } = {}): StepResult {
  const par = plan.parallelism;
  const recipe = plan.recipe;
  const a = plan.assumptions;
  const R = par.pipeline;
  const C = sm.chunksPerRank;
  const pp = { schedule: par.schedule, ranks: R, microBatches: par.microBatches, virtualStages: par.virtualStages, pairFB: sm.combinedPairs };
  const run = runPipeline(pp, sm.durations, opts);

  // Decompose the critical rank's busy time into compute and exposed communication by kind.
  const counts = opCounts(run);
  const crit = run.criticalRank;
  const sum: PassParts = { compute: 0, tp: 0, cp: 0, ep: 0, dp: 0, offload: 0 };
  const raw = { tp: 0, cp: 0, ep: 0, offload: 0 };
  const bytes = { tp: 0, cp: 0, ep: 0, pp: 0, dp: 0, offload: 0 };
  const add = (p: PassParts, times: number) => {
    sum.compute += p.compute * times;
    sum.tp += p.tp * times;
    sum.cp += p.cp * times;
    sum.ep += p.ep * times;
    sum.dp += p.dp * times;
    sum.offload += p.offload * times;
  };
  for (let c = 0; c < C; c++) {
    const rc = crit * C + c;
    const ch = sm.chunks[rc]!;
    const nf = counts.f[rc]!;
    const nb = counts.b[rc]! + counts.bw[rc]!;
    const nw = counts.w[rc]! + counts.bw[rc]!;
    add(ch.f, nf);
    add(ch.b, nb);
    add(ch.w, nw);
    if (sm.pairParts) {
      for (let c2 = 0; c2 < C; c2++) {
        const k = counts.fb[rc * C + c2]!;
        if (k > 0) add(sm.pairParts[rc * C + c2]!, k);
      }
    }
    // every micro-batch passes every chunk once forward and once backward
    const mbs = nf + sum0(counts.fb, rc * C, C);
    raw.tp += (ch.comm.tpF + ch.comm.tpB) * mbs;
    raw.cp += (ch.comm.cpF + ch.comm.cpB) * mbs;
    raw.ep += (ch.comm.epF + ch.comm.epB) * mbs;
    raw.offload += (ch.comm.offloadF + ch.comm.offloadB) * mbs;
    bytes.offload += ch.comm.bytes.offload * mbs;
    bytes.tp += ch.comm.bytes.tp * mbs;
    bytes.cp += ch.comm.bytes.cp * mbs;
    bytes.ep += ch.comm.bytes.ep * mbs;
    bytes.dp += ch.comm.bytes.dp * mbs;
  }
  const busyCrit = run.busy[crit]!;
  // numerical guard: the parts must sum to the simulated busy time
  const partsSum = partsTotal(sum);
  const scale = partsSum > 0 ? busyCrit / partsSum : 1;
  sum.compute *= scale;
  sum.tp *= scale;
  sum.cp *= scale;
  sum.ep *= scale;
  sum.dp *= scale;
  sum.offload *= scale;

  // idle time of the critical rank = p2p on the critical path (exposed pp) + the schedule's bubble
  const idle = Math.max(0, run.makespan - busyCrit);
  const ppExposed = Math.min(idle, run.p2pOnCriticalPath);
  const bubble = idle - ppExposed;
  // transfers one rank sends per step: one activation per forward and one gradient per backward of each chunk
  const chunkPasses = par.schedule === 'dualpipe' ? 1 : par.schedule === 'dualpipev' ? 2 : par.virtualStages;
  const ppSends = R > 1 ? 2 * par.microBatches * chunkPasses : 0;
  bytes.pp = sm.p2pBytes * ppSends;
  const ppSeconds = sm.durations.p2pSeconds * ppSends;

  // Data-parallel gradient reduction and parameter gather (ZeRO 0-2; ZeRO-3 is per micro-batch in the passes).
  let dpExposed = 0;
  let dpSeconds = 0;
  let optimizer = 0;
  const b = recipe.bytes;
  for (let r = 0; r < R; r++) {
    let dense = 0;
    let expert = 0;
    let windowB = 0;
    let windowF = 0;
    for (let c = 0; c < C; c++) {
      const ch = sm.chunks[r * C + c]!;
      dense += ch.denseParams;
      expert += ch.expertParams;
      windowB += ch.cost.b.gemm + ch.cost.b.attention + ch.cost.b.memory + ch.cost.w.gemm + ch.cost.w.attention + ch.cost.w.memory;
      windowF += ch.cost.f.gemm + ch.cost.f.attention + ch.cost.f.memory;
    }
    const { dp, edp } = sm.groups;
    let tGrad = 0;
    let tParam = 0;
    let rankBytes = 0;
    if (par.zero === 0) {
      tGrad = allReduceSeconds(dense * b.dpGradientCommunication, dp, sm.topology) + allReduceSeconds(expert * b.dpGradientCommunication, edp, sm.topology);
      rankBytes = 2 * (dense + expert) * b.dpGradientCommunication;
    } else if (par.zero === 1 || par.zero === 2) {
      tGrad = reduceScatterSeconds(dense * b.dpGradientCommunication, dp, sm.topology) + reduceScatterSeconds(expert * b.dpGradientCommunication, edp, sm.topology);
      tParam = allGatherSeconds(dense * b.modelWeights, dp, sm.topology) + allGatherSeconds(expert * b.modelWeights, edp, sm.topology);
      rankBytes = (dense + expert) * (b.dpGradientCommunication + b.modelWeights);
    }
    // overlapped with backward (gradients) / forward (parameters); hidden parts slow the compute under them
    const exposed = overlappedExposure(tGrad, windowB, a.dpCommOverlap, sm.contention) + overlappedExposure(tParam, windowF, a.dpCommOverlap, sm.contention);
    if (r === crit) {
      dpSeconds = tGrad + tParam;
      bytes.dp += rankBytes;
    }
    dpExposed = Math.max(dpExposed, exposed);

    // Optimizer (AdamW) on this rank's shard, memory-bound (optimizerBytesPerParam).
    const shard = par.zero >= 1 ? dense / sm.groups.dp.size + expert / sm.groups.edp.size : dense + expert;
    const opt = optimizerBytesPerParam(b, a.optimizerKernels);
    optimizer = Math.max(optimizer, streamSeconds(shard * opt.bytes, plan.cluster.gpu, opt.kernels));
  }
  const zero3Seconds = sm.chunks.filter((c) => c.rank === crit).reduce((acc, c) => acc + (c.comm.dpF + c.comm.dpB) * par.microBatches, 0);
  const exposed = { tp: sum.tp, cp: sum.cp, ep: sum.ep, pp: ppExposed, dp: sum.dp + dpExposed, offload: sum.offload };
  const seconds = run.makespan + dpExposed + optimizer;
  return {
    seconds,
    pipeline: run,
    criticalRank: crit,
    compute: sum.compute,
    exposed,
    commSeconds: { tp: raw.tp, cp: raw.cp, ep: raw.ep, pp: ppSeconds, dp: dpSeconds + zero3Seconds, offload: raw.offload },
    commBytes: bytes,
    bubble,
    optimizer,
    busy: run.busy,
  };
}

function sum0(a: Float64Array, start: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[start + i]!;
  return s;
}

/**
 * HBM bytes per parameter of one AdamW step, and the kernels it takes, from the recipe's bytes per tensor class
 * (g gradient, p master weights, m and v the moments, w working weights) [derived, counting each kernel's reads and
 * writes]:
 * - `fused`: one pass — read g twice (the clipping norm, the update), read and write p, m and v, write w:
 *   2g + 2p + 2m + 2v + w (34 B for FP32 state and BF16 weights); 4 kernels.
 * - `unfused`: one kernel per operation, as Composer's DecoupledAdamW and PyTorch's foreach AdamW run them, after
 *   `clip_grad_norm_` (norm: g; scale in place: 2g): decay p·(1−λ) (2p); m·β1 (2m), + (1−β1)·g (2m + g); v·β2 (2v),
 *   + (1−β2)·g² (2v + g); √v to a temporary (v + 4); ÷ the bias correction (8); + ε (8); p − lr·m/denom (2p + m + 4);
 *   the working-weight write (w): 4p + 5m + 5v + 5g + w + 24 (102 B for FP32 state); 11 kernels.
 */
export function optimizerBytesPerParam(
  b: { gradients: number; masterWeights: number; optimizerMoment1: number; optimizerMoment2: number; modelWeights: number },
  kernels: 'fused' | 'unfused',
): { bytes: number; kernels: number } {
  if (kernels === 'unfused') {
    return { bytes: 4 * b.masterWeights + 5 * b.optimizerMoment1 + 5 * b.optimizerMoment2 + 5 * b.gradients + b.modelWeights + 24, kernels: 11 };
  }
  return { bytes: 2 * b.gradients + 2 * b.masterWeights + 2 * b.optimizerMoment1 + 2 * b.optimizerMoment2 + b.modelWeights, kernels: 4 };
}
