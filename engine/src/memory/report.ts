/**
 * Per-GPU memory of every pipeline rank: weights, gradients, optimizer states, activations and other buffers.
 *
 * Weight state [Rajbhandari et al. 2020, ZeRO §5; bytes per tensor class from the precision recipe]:
 * - non-expert parameters (attention, norms, dense FFN, router, shared experts, embedding, head, MTP extras) are split
 *   over tensor parallelism (norms and the router are replicated in reality: < 0.1% of them, ignored) and sharded by
 *   ZeRO over the data × context group (Megatron-Core's distributed optimizer shards over DP×CP);
 * - routed-expert parameters are split over expert × expertTensor and sharded by ZeRO over the expert-data-parallel
 *   group (data·context·tensor / (expert·expertTensor); Megatron-Core parallel_state; modeling-lessons.md #6);
 * - ZeRO 1 shards optimizer states (master weights + moments), 2 also gradients, 3 also the weights, which then need
 *   an all-gather buffer of two layers (current + prefetched, FSDP's default forward prefetch) counted under other.
 * - DualPipe: each rank holds stages r and PP−1−r, so two copies of the model in all (DeepSeek-V3 Table 2, 2× parameters).
 *   The two copies of a stage are data-parallel replicas of each other, so a ZeRO-sharded state is split over 2×DP
 *   (derived: both copies' gradients are reduced together and each rank updates one shard).
 * Activations: `layerActivationBytes` per layer × in-flight micro-batches of the schedule (`inFlightMicroBatches`).
 * Other: workspace allowance (assumptions.workspaceGiB: CUDA context, allocator fragmentation, library workspaces),
 * the output logits of one micro-batch on the head rank (BF16 logits + FP32 copy for the cross-entropy,
 * Korthikanti §4.3: 4sbv/t), the SP all-gather buffer, pipeline send/receive buffers, the MoE all-to-all
 * dispatch/combine buffers of one layer, and ZeRO-3 gather buffers.
 */
import type { MemoryReport, StageMemory, Warning } from '../report/types.js';
import type { ResolvedPlan } from '../plan/types.js';
import { countParams } from '../model/params.js';
import { activationContext, layerActivationBytes, mtpActivationBytes, type ActivationContext } from './activations.js';
import { chunkCounts, layerSplit, offloadedLayers, rankChunk } from './layout.js';
import { inFlightMicroBatches } from './schedule.js';
import { combinedOneFOneB } from '../plan/ep-overlap.js';

const GIB = 2 ** 30;

export interface MemoryOptions {
  /** Per-rank in-flight micro-batch activations (chunk units), e.g. from a pipeline simulation. */
  inFlight?: number[];
}

/** Per-GPU memory of every pipeline rank of a resolved plan. Pure; O(PP × chunks per rank). */
export function memoryReport(plan: ResolvedPlan, opts?: MemoryOptions): MemoryReport {
  const arch = plan.model;
  const par = plan.parallelism;
  const rec = plan.recipe;
  const b = rec.bytes;
  const pp = par.pipeline;
  const tp = par.tensor;
  const L = arch.layers;
  const h = arch.hiddenSize;
  const V = arch.vocabSize;
  const schedule = par.schedule;
  // combined 1F1B holds one more micro-batch on a single stage (memory/schedule.ts)
  const paired = combinedOneFOneB(plan);
  const dual = schedule === 'dualpipe';
  const { chunks, perRank } = chunkCounts(schedule, pp, par.virtualStages);
  const split = layerSplit(arch, plan.training.sequenceLength, schedule, pp, par.virtualStages, plan.assumptions.layerSplit, par.pipelineLayout);
  const params = countParams(arch);
  const dl = params.denseLayer;
  const ml = params.moeLayer ?? dl;
  const kDense = arch.moe ? Math.min(arch.moe.denseLayers, L) : L;
  const s = plan.training.sequenceLength;
  const mb = plan.training.microBatchSize;
  const cp = par.context;

  const ctx: ActivationContext = activationContext(plan);
  const actDense = layerActivationBytes(arch, false, ctx);
  const actMoe = arch.moe ? layerActivationBytes(arch, true, ctx) : actDense;
  const actMtp = arch.mtp.depth > 0 ? arch.mtp.depth * mtpActivationBytes(arch, ctx) : 0;

  // ZeRO shard groups
  const mirror = dual ? 2 : 1;
  const denseShard = par.data * cp * mirror;
  const expertShard = par.expertData * mirror;
  const expertSplit = par.expert * par.expertTensor;
  const z = par.zero;
  const wState = b.masterWeights + b.optimizerMoment1 + b.optimizerMoment2;
  const bytesFor = (n: number, shard: number) => ({
    params: (n * b.modelWeights) / (z >= 3 ? shard : 1),
    grads: (n * b.gradients) / (z >= 2 ? shard : 1),
    optim: (n * wState) / (z >= 1 ? shard : 1),
  });

  const embedding = V * h;
  const mtpDense = arch.mtp.depth * params.mtpModule.dense;
  const mtpRouted = arch.mtp.depth * params.mtpModule.routed;

  // buffers independent of the rank
  const tokensLocal = (s * mb) / cp;
  const seqShard = par.sequenceParallel ? tp : 1;
  const ppBuffers = pp > 1 ? 2 * mirror * ((tokensLocal * h * b.otherActivations) / seqShard) : 0;
  const spGather = tp > 1 && par.sequenceParallel ? tokensLocal * h * b.otherActivations : 0;
  const a2a = arch.moe && par.expert > 1 ? 2 * (tokensLocal / seqShard) * arch.moe.topK * h * (b.dispatch + b.combine) : 0;
  const workspace = plan.assumptions.workspaceGiB * GIB;
  const logits = (tokensLocal * V * (b.otherActivations + 4)) / tp;
  const zero3Layer = z >= 3 ? 2 * ((Math.max(dl.dense, ml.dense) / tp) + ml.routed / expertSplit) * b.modelWeights : 0;

  const stages: StageMemory[] = [];
  let peak = 0;
  const capacity = plan.cluster.gpu.memoryGiB;
  for (let rank = 0; rank < pp; rank++) {
    let denseParams = 0;
    let routedParams = 0;
    let actSum = 0;
    let layers = 0;
    let hasHead = false;
    let hasEmbedding = false;
    let offloaded = 0;
    for (let k = 0; k < perRank; k++) {
      const c = rankChunk(schedule, pp, rank, k);
      const first = split.firsts[c]!;
      const n = split.sizes[c]!;
      const nDense = Math.max(0, Math.min(first + n, kDense) - first);
      const nMoe = n - nDense;
      layers += n;
      denseParams += nDense * dl.dense + nMoe * ml.dense;
      routedParams += nMoe * ml.routed;
      let act = nDense * actDense + nMoe * actMoe;
      // CPU activation offloading (parallelism.cpuOffloadLayers): the first N layers' activations wait in host memory
      const off = offloadedLayers(first, n, kDense, par.cpuOffloadLayers ?? 0);
      offloaded += off.dense * actDense + off.moe * actMoe;
      if (c === 0) hasEmbedding = true;
      if (c === chunks - 1) {
        denseParams += mtpDense + h; // MTP modules + final norm
        routedParams += mtpRouted;
        act += actMtp;
        hasHead = true;
      }
      actSum += act;
    }
    // Embedding table on the first chunk's rank; output head on the last chunk's rank. With tied embeddings a rank
    // that holds only the head keeps its own copy of the table (Megatron-LM: shared word embeddings on the last stage).
    if (hasEmbedding) denseParams += embedding;
    if (hasHead && !(arch.tiedEmbeddings && hasEmbedding)) denseParams += embedding;
    const d = bytesFor(denseParams / tp, denseShard);
    const e = bytesFor(routedParams / expertSplit, expertShard);
    const inFlight = opts?.inFlight?.[rank] ?? inFlightMicroBatches(schedule, pp, rank, par.virtualStages, par.microBatches, paired);
    // Transformer Engine holds "at most (model_layers - num_layers) sets of activations" on the GPU, stalling compute
    // and reloads to keep to it (TransformerEngine docs/features/other_optimizations/cpu_offloading/cpu_offloading.rst
    // @d0067d0; the stalls are timed in step/offload.ts)
    const resident = actSum - offloaded;
    const activations = (resident / perRank) * inFlight;
    const other = workspace + ppBuffers + spGather + a2a + zero3Layer + (hasHead ? logits * (1 + arch.mtp.depth) : 0);
    const st: StageMemory = {
      stage: rank,
      layers,
      paramsGiB: (d.params + e.params) / GIB,
      gradientsGiB: (d.grads + e.grads) / GIB,
      optimizerGiB: (d.optim + e.optim) / GIB,
      activationsGiB: activations / GIB,
      otherGiB: other / GIB,
      totalGiB: 0,
      inFlightMicroBatches: inFlight,
    };
    st.totalGiB = st.paramsGiB + st.gradientsGiB + st.optimizerGiB + st.activationsGiB + st.otherGiB;
    if (st.totalGiB > peak) peak = st.totalGiB;
    stages.push(st);
  }
  return { capacityGiB: capacity, peakGiB: peak, fits: peak <= capacity, stages };
}

/** Warnings for stages that do not fit in the GPU's memory. */
export function memoryWarnings(mem: MemoryReport): Warning[] {
  const out: Warning[] = [];
  for (const s of mem.stages) {
    if (s.totalGiB > mem.capacityGiB) {
      out.push({
        code: 'out-of-memory',
        message: `pipeline rank ${s.stage} needs ${s.totalGiB.toFixed(1)} GiB per GPU, more than the ${mem.capacityGiB.toFixed(1)} GiB available`,
      });
    }
  }
  return out;
}
