/**
 * Per-(pipeline rank, model chunk) pass durations for the pipeline simulator: compute of the layers the chunk
 * holds (compute/layer.ts) plus the communication of those layers that is NOT hidden under compute in the chosen
 * schedule. Overlap rules (explicit, per schedule):
 * - TP / SP collectives: a fraction `assumptions.tpCommOverlap` hides under the GEMMs (Megatron-Core
 *   tp-comm-overlap / async TP; modeling-lessons.md #4); the rest is exposed in the pass that issues it.
 * - CP ring attention: KV exchange overlaps the attention kernel of the previous block [Megatron-Core CP];
 *   exposed = max(0, comm − attention time of the pass). All-gather CP (`assumptions.cpComm`) is exposed whole.
 * - EP dispatch/combine: exposed in every lone F or B. In DualPipe/DualPipeV overlapped F&B pairs, the all-to-all of
 *   one micro-batch hides under the other's compute [DeepSeek-V3 §3.2.1, Fig. 4]: pair = max(compute on
 *   SMs − commSms, dispatch + combine of both halves) [V3 §3.5.1: 20 of 132 SMs run communication]. Megatron-Core's
 *   combined 1F1B pairs the same way but schedules node by node on two streams (step/combined-1f1b.ts): at least that
 *   bound, more where one phase's all-to-all outlasts the compute it is paired with.
 * - ZeRO-3 parameter all-gather / gradient reduce-scatter per micro-batch are prefetched layer by layer;
 *   a fraction `assumptions.dpCommOverlap` of the pass compute can hide them. Hidden is not free: NCCL runs each
 *   channel as one thread block that holds an SM for the whole collective, so compute overlapped with it runs on
 *   the remaining SMs — the same `commSms` share the profile gives DeepEP's kernels [V3 §3.5.1: 20 of 132 SMs].
 *   The overlapped compute therefore loses commSms/SMs of its rate for the hidden duration: that loss is charged
 *   as exposed DP time (`overlapContention`).
 */
import type { ResolvedPlan } from '../plan/types.js';
import type { LayerParams } from '../model/params.js';
import { countParams } from '../model/params.js';
import { chunkCounts, layerSplit, offloadedLayers, rankChunks } from '../memory/layout.js';
import {
  addCost,
  embeddingCost,
  emptyCost,
  gpuSeconds,
  headCost,
  microBatchTokens,
  moeTokensPerGpu,
  mtpProjectionCost,
  passSeconds,
  transformerLayerCost,
  type LayerCost,
  type LayerShape,
} from '../compute/layer.js';
import { computeSmFraction } from '../compute/kernels.js';
import { allGatherSeconds, allReduceSeconds, makeTopology, p2pSeconds, reduceScatterSeconds, ringExchangeSeconds, type Group, type Topology } from '../comm/collectives.js';
import { expertCommCost, type ExpertCommCost } from '../comm/expert.js';
import { combinedOneFOneB } from '../plan/ep-overlap.js';
import { combinedLayersSeconds, type LayerNodes } from './combined-1f1b.js';
import { backwardReloadStall, forwardOffloadStall } from './offload.js';
import { activationContext, layerActivationBytes } from '../memory/activations.js';
import type { StageDurations } from '../pipeline/simulate.js';
import { recomputeScope } from '../plan/recompute.js';
import { parseCudaGraphs, type CudaGraphScope } from '../plan/cuda-graphs.js';
import type { BalanceReport } from '../moe/balance.js';

/** The graphed scopes of `assumptions.cudaGraphs` (validated by the plan rules; none when absent). */
function cudaGraphScopes(value: string | undefined): { cudaGraphs?: CudaGraphScope[] } {
  const r = parseCudaGraphs(value ?? 'none');
  return r.ok && r.scopes.length > 0 ? { cudaGraphs: r.scopes } : {};
}

/** Seconds of one pass split into compute and exposed communication by kind. */
export interface PassParts {
  compute: number;
  tp: number;
  cp: number;
  ep: number;
  dp: number;
  /** Waiting for CPU activation offload copies (step/offload.ts). */
  offload: number;
}

const parts = (): PassParts => ({ compute: 0, tp: 0, cp: 0, ep: 0, dp: 0, offload: 0 });
export const partsTotal = (p: PassParts): number => p.compute + p.tp + p.cp + p.ep + p.dp + p.offload;

/** Raw (before overlap) communication seconds and bytes of one chunk per micro-batch. */
export interface ChunkComm {
  tpF: number;
  tpB: number;
  cpF: number;
  cpB: number;
  /** EP dispatch + combine seconds, forward and backward. */
  epF: number;
  epB: number;
  /** ZeRO-3 per-micro-batch gathers (forward, backward incl. gradient reduce-scatter). */
  dpF: number;
  dpB: number;
  bytes: { tp: number; cp: number; ep: number; dp: number; offload: number };
  /** Host copy seconds of the offloaded activations, out in forward and back in backward (parallelism.cpuOffloadLayers). */
  offloadF: number;
  offloadB: number;
  epDispatchBytes: number;
  epCombineBytes: number;
}

export interface ChunkModel {
  rank: number;
  chunk: number;
  modelChunk: number;
  firstLayer: number;
  layers: number;
  moeLayers: number;
  embedding: boolean;
  head: boolean;
  mtpModules: number;
  /** Kernel time per pass on all SMs and on the SMs left by communication kernels. */
  cost: LayerCost;
  costReduced: LayerCost;
  comm: ChunkComm;
  /** Lone passes with their exposed communication. */
  f: PassParts;
  b: PassParts;
  w: PassParts;
  /** Parameters on one GPU of this chunk: non-expert and routed-expert. */
  denseParams: number;
  expertParams: number;
}

export interface StageModel {
  topology: Topology;
  shape: LayerShape;
  chunksPerRank: number;
  chunks: ChunkModel[];
  durations: StageDurations;
  /** Parts of each overlapped pair, index (rank·C + cf)·C + cb (dualpipe/dualpipev, or combined 1F1B). */
  pairParts?: PassParts[];
  /** The 1F1B-class orders pair their steady-state F and B (combined 1F1B, plan/ep-overlap.ts): the simulator's `pairFB`. */
  combinedPairs: boolean;
  p2pBytes: number;
  p2pCrossNode: boolean;
  expertComm?: ExpertCommCost;
  perLayer: { dense?: LayerCost; moe?: LayerCost };
  /** Share of the SMs communication kernels hold while overlapped with compute (commSms / SMs). */
  contention: number;
  groups: { tp: Group; cp: Group; dp: Group; ep: Group; edp: Group };
}

const isDual = (s: string) => s === 'dualpipe' || s === 'dualpipev';

/**
 * Exposed seconds of a collective of `comm` seconds that may hide under `window` seconds of compute, a fraction
 * `overlap` of which is usable: the part that does not fit is exposed, and the part that hides slows the compute
 * under it by `contention` = communication SMs / all SMs (communication kernels hold SMs while they run) [derived].
 */
export function overlappedExposure(comm: number, window: number, overlap: number, contention: number): number {
  const hidden = Math.min(comm, overlap * window);
  return comm - hidden + contention * hidden;
}

/** Build the stage model of a resolved plan with the MoE balance to use. */
export function buildStageModel(plan: ResolvedPlan, balance: BalanceReport | undefined): StageModel {
  const arch = plan.model;
  const par = plan.parallelism;
  const cl = plan.cluster;
  const gpu = cl.gpu;
  const recipe = plan.recipe;
  const a = plan.assumptions;
  const topo = makeTopology({ gpus: cl.gpus, gpusPerNode: cl.gpusPerNode, nicsPerNode: cl.nicsPerNode, intraNode: cl.intraNode, interNode: cl.interNode });
  const shape: LayerShape = {
    arch,
    gpu,
    recipe,
    recompute: par.recompute,
    microBatch: plan.training.microBatchSize,
    sequenceLength: plan.training.sequenceLength,
    tensor: par.tensor,
    context: par.context,
    sequenceParallel: par.sequenceParallel,
    expert: par.expert,
    expertTensor: par.expertTensor,
    moeGpuImbalance: balance?.gpuImbalance ?? 1,
    hostUsPerKernel: a.hostUsPerKernel,
    elementwiseKernels: a.elementwiseKernels,
    selectiveRecompute: a.selectiveRecompute,
    cpComm: a.cpComm,
    moeDispatcher: a.moeDispatcher,
    expertMlpKernels: a.expertMlpKernels,
    ...(par.recomputeModules ? { recomputeModules: par.recomputeModules } : {}),
    ...cudaGraphScopes(a.cudaGraphs),
  };
  const dual = isDual(par.schedule);
  // overlapped F&B pairs: DualPipe(V), or Megatron-Core's combined 1F1B (assumptions.epA2aOverlap, plan/ep-overlap.ts)
  const combinedPairs = combinedOneFOneB(plan);
  const paired = dual || combinedPairs;
  const reducedCtx = { smFraction: computeSmFraction(gpu) };
  const contention = 1 - reducedCtx.smFraction;

  // Per-layer kernel costs (computed once per layer type).
  const hasMoe = arch.moe !== undefined && arch.moe.denseLayers < arch.layers;
  const hasDense = arch.moe === undefined || arch.moe.denseLayers > 0;
  const lastIsMoe = arch.moe !== undefined && arch.layers - 1 >= arch.moe.denseLayers;
  const denseCost = hasDense || (!lastIsMoe && arch.mtp.depth > 0) ? transformerLayerCost(shape, false) : undefined;
  const moeCost = hasMoe ? transformerLayerCost(shape, true) : undefined;
  const denseCostR = paired && denseCost ? transformerLayerCost(shape, false, reducedCtx) : denseCost;
  const moeCostR = paired && moeCost ? transformerLayerCost(shape, true, reducedCtx) : moeCost;
  const emb = embeddingCost(shape);
  const head = headCost(shape);
  const headR = paired ? headCost(shape, reducedCtx) : head;
  const mtpProj = arch.mtp.depth > 0 ? mtpProjectionCost(shape) : undefined;
  const mtpProjR = paired && arch.mtp.depth > 0 ? mtpProjectionCost(shape, reducedCtx) : mtpProj;

  // activations one layer saves for backward (what CPU offloading copies out and back)
  const offloadN = par.cpuOffloadLayers ?? 0;
  const actCtx = offloadN > 0 ? activationContext(plan) : undefined;
  const actDenseBytes = actCtx ? layerActivationBytes(arch, false, actCtx) : 0;
  const actMoeBytes = actCtx && arch.moe ? layerActivationBytes(arch, true, actCtx) : actDenseBytes;

  // Process groups (Megatron order tp-cp-dp-pp; experts etp-ep-edp over the same ranks).
  const tp: Group = { size: par.tensor, stride: 1 };
  const cp: Group = { size: par.context, stride: par.tensor };
  const dpSize = par.data * par.context * (dual ? 2 : 1);
  const dp: Group = { size: dpSize, stride: par.tensor };
  const ep: Group = { size: par.expert, stride: par.expertTensor };
  const edp: Group = { size: par.expertData * (dual ? 2 : 1), stride: par.expert * par.expertTensor };

  // --- per-layer communication (seconds per micro-batch) -------------------------------------------------------
  const T = microBatchTokens(shape);
  const h = arch.hiddenSize;
  const tpBytes = T * h * recipe.bytes.tpCommunication; // one full activation tensor
  let tpOneF = 0; // seconds per TP collective in forward
  if (par.tensor > 1) {
    tpOneF = par.sequenceParallel ? allGatherSeconds(tpBytes, tp, topo) : allReduceSeconds(tpBytes, tp, topo);
  }
  // collectives per layer: attention and FFN each AG+RS (SP) or one AR; backward adds the SP re-gather for wgrad
  const tpCollectives = (moe: boolean) => {
    const blocks = moe ? 1 + (arch.moe && arch.moe.sharedExperts > 0 ? 1 : 0) : 2;
    const f = par.sequenceParallel ? 2 * blocks : blocks;
    const b = par.sequenceParallel ? 3 * blocks : blocks;
    return { f, b };
  };
  const tpHidden = 1 - a.tpCommOverlap;

  // CP: the KV block of the local sequence chunk goes round the CP ring in forward (CP − 1 send/recv steps,
  // comm/collectives.ts ringExchangeSeconds); KV again and dKV in backward. cpBytes = the gathered KV per rank.
  let cpF = 0;
  let cpBytes = 0;
  const cpAllGather = a.cpComm === 'all-gather';
  if (par.context > 1) {
    const att = arch.attention;
    const kvPerToken = att.type === 'gqa' ? (2 * Math.max(1, att.kvHeads / par.tensor) * att.headDim) : att.kvLoraRank + att.qkRopeHeadDim;
    const blockBytes = T * kvPerToken * recipe.bytes.otherActivations;
    cpBytes = blockBytes * par.context;
    // all-gather CP (assumptions.cpComm): one NCCL all-gather of the whole KV per layer, not overlapped
    cpF = cpAllGather ? allGatherSeconds(cpBytes, cp, topo) : ringExchangeSeconds(blockBytes, cp, topo);
  }

  // EP all-to-all per MoE layer.
  let expertComm: ExpertCommCost | undefined;
  if (hasMoe && arch.moe && par.expert > 1) {
    const dispatchBytes = plan.moe?.dispatchPrecision === 'fp8' ? 1 + 4 / 128 : 2;
    expertComm = expertCommCost(
      {
        tokens: moeTokensPerGpu(shape),
        hidden: h,
        topK: arch.moe.topK,
        routedExperts: arch.moe.routedExperts,
        expert: par.expert,
        stride: par.expertTensor,
        nodeLimit: plan.moe?.nodeLimit ?? 0,
        dispatchBytesPerElement: dispatchBytes,
        combineBytesPerElement: recipe.bytes.combine,
        imbalance: shape.moeGpuImbalance,
        dispatcher: a.moeDispatcher,
      },
      topo,
    );
  }
  const epLayer = expertComm ? expertComm.dispatchSeconds + expertComm.combineSeconds : 0;
  // checkpointed MLP / MoE / shared-expert blocks re-run their forward collectives in backward (plan/recompute.ts)
  const rs = recomputeScope(par.recompute, arch, par.recomputeModules);
  const tpPerBlockF = par.tensor > 1 ? (par.sequenceParallel ? 2 : 1) * tpOneF : 0;
  const sharedBlock = arch.moe !== undefined && arch.moe.sharedExperts > 0 ? 1 : 0;
  const recomputedCommB = (denseLayers: number, moeLayers: number) => ({
    tp: tpPerBlockF * ((rs.denseMlp ? denseLayers : 0) + (rs.moeLayer || rs.sharedExperts ? sharedBlock * moeLayers : 0)),
    ep: rs.moeLayer ? epLayer * moeLayers : 0,
  });

  // --- parameters per layer on one GPU (for ZeRO-3 gathers and DP gradient volume) ------------------------------
  const pc = countParams(arch);
  const localDense = (lp: LayerParams) => lp.dense / par.tensor;
  const localExpert = (lp: LayerParams) => lp.routed / (par.expert * par.expertTensor);

  // --- chunks -----------------------------------------------------------------------------------------------
  const { chunks: totalChunks, perRank } = chunkCounts(par.schedule, par.pipeline, par.virtualStages);
  const C = perRank;
  const R = par.pipeline;
  const split = layerSplit(arch, plan.training.sequenceLength, par.schedule, R, par.virtualStages, plan.assumptions.layerSplit, par.pipelineLayout);
  const chunks: ChunkModel[] = [];
  const zero3 = par.zero === 3;
  for (let r = 0; r < R; r++) {
    const ids = rankChunks(par.schedule, R, par.virtualStages, r);
    for (let c = 0; c < C; c++) {
      const id = ids[c]!;
      const layers = split.sizes[id]!;
      const first = split.firsts[id]!;
      const denseCount = arch.moe ? Math.max(0, Math.min(layers, arch.moe.denseLayers - first)) : layers;
      const moeCount = layers - denseCount;
      const embedding = id === 0;
      const isHead = id === totalChunks - 1;
      const mtpModules = isHead ? arch.mtp.depth : 0;
      const cost = emptyCost();
      const costR = emptyCost();
      if (denseCount > 0 && denseCost && denseCostR) {
        addCost(cost, denseCost, denseCount);
        addCost(costR, denseCostR, denseCount);
      }
      if (moeCount > 0 && moeCost && moeCostR) {
        addCost(cost, moeCost, moeCount);
        addCost(costR, moeCostR, moeCount);
      }
      let denseParams = denseCount * localDense(pc.denseLayer) + (pc.moeLayer ? moeCount * localDense(pc.moeLayer) : 0);
      let expertParams = pc.moeLayer ? moeCount * localExpert(pc.moeLayer) : 0;
      let moeLayersHere = moeCount;
      let denseLayersHere = denseCount;
      if (embedding) {
        addCost(cost, emb);
        addCost(costR, emb);
        denseParams += pc.byComponent.embedding / par.tensor;
      }
      if (isHead) {
        addCost(cost, head);
        addCost(costR, headR);
        denseParams += pc.byComponent.head / par.tensor;
        for (let d = 0; d < mtpModules; d++) {
          // MTP module: projection + one block of the last layer's type + the shared head [V3 §2.2]
          addCost(cost, mtpProj!);
          addCost(costR, mtpProjR!);
          const blk = lastIsMoe ? moeCost : denseCost;
          const blkR = lastIsMoe ? moeCostR : denseCostR;
          if (blk && blkR) {
            addCost(cost, blk);
            addCost(costR, blkR);
          }
          addCost(cost, head);
          addCost(costR, headR);
          if (lastIsMoe) moeLayersHere++;
          else denseLayersHere++;
        }
        denseParams += (pc.mtpModule.dense * mtpModules) / par.tensor;
        expertParams += (pc.mtpModule.routed * mtpModules) / (par.expert * par.expertTensor);
      }

      // communication of this chunk per micro-batch
      const tcD = tpCollectives(false);
      const tcM = tpCollectives(true);
      const tpF = tpOneF * (denseLayersHere * tcD.f + moeLayersHere * tcM.f) + (embedding && par.tensor > 1 ? tpOneF : 0);
      let tpB = tpOneF * (denseLayersHere * tcD.b + moeLayersHere * tcM.b);
      const allLayers = denseLayersHere + moeLayersHere;
      const cpFc = cpF * allLayers;
      let cpBc = 2 * cpF * allLayers;
      const epF = epLayer * moeLayersHere;
      let epB = epLayer * moeLayersHere;
      if (par.recompute === 'full') {
        // the recomputed forward repeats its collectives
        tpB += tpF;
        cpBc += cpFc;
        epB += epF;
      } else {
        const again = recomputedCommB(denseLayersHere, moeLayersHere);
        tpB += again.tp;
        epB += again.ep;
      }
      let dpF = 0;
      let dpB = 0;
      let dpBytes = 0;
      if (zero3) {
        const wBytes = recipe.bytes.modelWeights;
        const gBytes = recipe.bytes.dpGradientCommunication;
        const agDense = allGatherSeconds(denseParams * wBytes, dp, topo);
        const agExpert = allGatherSeconds(expertParams * wBytes, edp, topo);
        const rsDense = reduceScatterSeconds(denseParams * gBytes, dp, topo);
        const rsExpert = reduceScatterSeconds(expertParams * gBytes, edp, topo);
        dpF = agDense + agExpert;
        dpB = agDense + agExpert + rsDense + rsExpert;
        dpBytes = (2 * (denseParams + expertParams) * wBytes + (denseParams + expertParams) * gBytes) ;
      }
      // CPU activation offloading: the chunk's first layers among the model's first N (step/offload.ts)
      const off = offloadedLayers(first, layers, arch.moe ? arch.moe.denseLayers : arch.layers, offloadN);
      let offload: { forward: number[]; backward: number[]; copy: number[]; limit: number } | undefined;
      let offloadBytes = 0;
      let offloadSeconds = 0;
      if (off.dense + off.moe > 0) {
        const link = gpu.hostLink;
        if (!link) throw new Error(`internal: ${gpu.id} has no hostLink (plan validation requires one for cpuOffloadLayers)`);
        const rate = link.bandwidthGBs * link.efficiency * 1e9;
        offload = { forward: [], backward: [], copy: [], limit: layers - off.dense - off.moe };
        for (let i = first; i < first + layers; i++) {
          const isMoe = arch.moe !== undefined && i >= arch.moe.denseLayers;
          const lc = isMoe ? moeCost : denseCost;
          if (!lc) continue;
          const bytes = i - first < off.dense + off.moe ? (isMoe ? actMoeBytes : actDenseBytes) : 0;
          offload.forward.push(passSeconds(lc.f));
          offload.backward.push(passSeconds(lc.b) + passSeconds(lc.w));
          offload.copy.push(bytes / rate);
          offloadBytes += bytes;
          offloadSeconds += bytes / rate;
        }
      }
      const comm: ChunkComm = {
        tpF,
        tpB,
        cpF: cpFc,
        cpB: cpBc,
        epF,
        epB,
        dpF,
        dpB,
        bytes: {
          tp: par.tensor > 1 ? tpBytes * (((par.tensor - 1) / par.tensor) * (denseLayersHere * (tcD.f + tcD.b) + moeLayersHere * (tcM.f + tcM.b))) * (par.sequenceParallel ? 1 : 2) : 0,
          cp: cpBytes * ((par.context - 1) / Math.max(1, par.context)) * 3 * allLayers,
          ep: expertComm ? 2 * moeLayersHere * (expertComm.dispatchBytes + expertComm.combineBytes) : 0,
          dp: dpBytes,
          offload: 2 * offloadBytes,
        },
        offloadF: offloadSeconds,
        offloadB: offloadSeconds,
        epDispatchBytes: expertComm ? 2 * moeLayersHere * expertComm.dispatchBytes : 0,
        epCombineBytes: expertComm ? 2 * moeLayersHere * expertComm.combineBytes : 0,
      };

      const f = parts();
      const b = parts();
      const w = parts();
      f.compute = passSeconds(cost.f);
      b.compute = passSeconds(cost.b);
      w.compute = passSeconds(cost.w);
      f.tp = tpF * tpHidden;
      b.tp = tpB * tpHidden;
      // the ring hides under the attention of the block before; an all-gather is exposed whole
      f.cp = cpAllGather ? cpFc : Math.max(0, cpFc - cost.f.attention);
      b.cp = cpAllGather ? cpBc : Math.max(0, cpBc - cost.b.attention);
      f.ep = epF;
      b.ep = epB;
      if (zero3) {
        const lyr = Math.max(1, allLayers);
        f.dp = overlappedExposure(dpF, f.compute, a.dpCommOverlap, contention) + dpF / lyr;
        b.dp = overlappedExposure(dpB, b.compute + w.compute, a.dpCommOverlap, contention);
      }
      if (offload) {
        f.offload = forwardOffloadStall(offload.forward, offload.copy, offload.limit);
        b.offload = backwardReloadStall(offload.backward, offload.copy, offload.limit);
      }
      chunks.push({
        rank: r,
        chunk: c,
        modelChunk: id,
        firstLayer: first,
        layers,
        moeLayers: moeLayersHere,
        embedding,
        head: isHead,
        mtpModules,
        cost,
        costReduced: costR,
        comm,
        f,
        b,
        w,
        denseParams,
        expertParams,
      });
    }
  }

  // --- durations for the simulator ---------------------------------------------------------------------------
  const n = R * C;
  const durations: StageDurations = {
    f: new Float64Array(n),
    b: new Float64Array(n),
    w: new Float64Array(n),
    p2pSeconds: 0,
  };
  for (let i = 0; i < n; i++) {
    const ch = chunks[i]!;
    durations.f[i] = partsTotal(ch.f);
    durations.b[i] = partsTotal(ch.b);
    durations.w[i] = partsTotal(ch.w);
  }
  // one micro-batch's layer nodes of each chunk, in forward order, for combined 1F1B (dense layers, MoE layers, MTP blocks)
  const layerNodes = combinedPairs && !dual ? chunkLayerNodes(chunks, arch, lastIsMoe, nodesOf(denseCostR, undefined), nodesOf(moeCostR, expertComm)) : undefined;
  let pairParts: PassParts[] | undefined;
  if (paired) {
    const fb = new Float64Array(n * C);
    pairParts = [];
    for (let r = 0; r < R; r++) {
      for (let cf = 0; cf < C; cf++) {
        for (let cb = 0; cb < C; cb++) {
          const A = chunks[r * C + cf]!;
          const B = chunks[r * C + cb]!;
          const compute = passSeconds(A.costReduced.f) + passSeconds(B.costReduced.b) + passSeconds(B.costReduced.w);
          const comm = A.comm.epF + B.comm.epB;
          let ep = Math.max(0, comm - compute);
          if (layerNodes) {
            // combined 1F1B: the layers run node by node on two streams (step/combined-1f1b.ts), never shorter than the
            // whole-pair bound above; the embedding, head and MTP projection outside them add serially, so only the
            // layers' wall time beyond their compute is exposed
            const t = combinedLayersSeconds(layerNodes[r * C + cf]!, layerNodes[r * C + cb]!);
            ep = t.seconds - t.compute;
          }
          const p: PassParts = {
            compute,
            ep,
            tp: A.f.tp + B.b.tp,
            cp: A.f.cp + B.b.cp,
            dp: A.f.dp + B.b.dp,
            offload: A.f.offload + B.b.offload,
          };
          pairParts.push(p);
          fb[(r * C + cf) * C + cb] = partsTotal(p);
        }
      }
    }
    durations.fb = fb;
  }

  // PP p2p: one micro-batch's boundary activation (scatter/gather over TP [Narayanan 2021 §4.1]) per transfer.
  const p2pBytes = (T * h * recipe.bytes.otherActivations) / par.tensor;
  const ppStride = cl.gpus / par.pipeline;
  const p2pCrossNode = ppStride >= topo.gpusPerNode;
  if (par.pipeline > 1) durations.p2pSeconds = p2pSeconds(p2pBytes, p2pCrossNode, topo);
  // Sends block the sender unless the stack overlaps them (assumptions.ppCommOverlap: Megatron-LM's default for the
  // interleaved schedule since 2023-10); DualPipe(V) overlaps PP communication in its pairs.
  const p2pOverlapped = a.ppCommOverlap === 'all' || (a.ppCommOverlap === 'interleaved' && par.schedule === 'interleaved-1f1b');
  durations.p2pBlocking = !dual && !p2pOverlapped;

  const result: StageModel = {
    topology: topo,
    shape,
    chunksPerRank: C,
    chunks,
    durations,
    p2pBytes,
    p2pCrossNode,
    perLayer: {},
    contention,
    groups: { tp, cp, dp, ep, edp },
    combinedPairs,
  };
  if (pairParts) result.pairParts = pairParts;
  if (expertComm) result.expertComm = expertComm;
  if (denseCost) result.perLayer.dense = denseCost;
  if (moeCost) result.perLayer.moe = moeCost;
  return result;
}

/**
 * One layer's combined-1F1B nodes (step/combined-1f1b.ts) from its cost on the SMs the all-to-all leaves: the
 * pre-dispatch / MLP split of each pass (`LayerCost.preDispatch`, host-bound excess shared pro rata) and, for an MoE
 * layer, its all-to-alls — backward ones mirror the forward (the combine's gradient goes out as a dispatch and back).
 */
function nodesOf(c: LayerCost | undefined, ec: ExpertCommCost | undefined): LayerNodes | undefined {
  if (!c) return undefined;
  const split = (pass: 'f' | 'b' | 'w') => {
    const all = passSeconds(c[pass]);
    const gpu = gpuSeconds(c[pass]);
    const pre = gpu > 0 ? (all * (c.preDispatch?.[pass] ?? 0)) / gpu : 0;
    return [pre, all - pre] as const;
  };
  const [preF, mlpF] = split('f');
  const [preB, mlpB] = split('b');
  const [preW, mlpW] = split('w');
  const d = ec?.dispatchSeconds ?? 0;
  const k = ec?.combineSeconds ?? 0;
  return { preF, preB, preW, mlpF, mlpB, mlpW, dispatchF: d, combineF: k, dispatchB: k, combineB: d };
}

/** Each chunk's layer nodes in forward order: its transformer layers, then the MTP blocks of the head chunk. */
function chunkLayerNodes(chunks: readonly ChunkModel[], arch: ResolvedPlan['model'], lastIsMoe: boolean, dense: LayerNodes | undefined, moe: LayerNodes | undefined): LayerNodes[][] {
  return chunks.map((ch) => {
    const list: LayerNodes[] = [];
    for (let i = ch.firstLayer; i < ch.firstLayer + ch.layers; i++) {
      const n = arch.moe !== undefined && i >= arch.moe.denseLayers ? moe : dense;
      if (n) list.push(n);
    }
    const mtpBlock = lastIsMoe ? moe : dense;
    for (let d = 0; d < ch.mtpModules; d++) if (mtpBlock) list.push(mtpBlock);
    return list;
  });
}
