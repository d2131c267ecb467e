/**
 * Cross-field rules of a plan: divisibility, schedule requirements, precision support.
 * Plain arithmetic on numbers (no zod, no allocation beyond the error list) so a search loop can call
 * `checkResolvedPlan` on each candidate.
 */
import type { GpuProfile, ModelArch } from '../catalog/types.js';
import { chunkCounts, describeSplit, isUnevenSplit, layerSplit, type LayerSplitMode } from '../memory/layout.js';
import { pipelineLayoutLayers } from './pipeline-layout.js';
import type { Warning } from '../report/types.js';
import type { FieldError } from './errors.js';
import type { PrecisionId, Recompute, ResolvedPlan, Schedule } from './types.js';

/** Numbers the cross-field rules need (a resolved plan, or a plan being resolved). */
export interface ParallelInput {
  model: ModelArch;
  gpu: GpuProfile;
  gpus: number;
  gpusPerNode: number;
  tensor: number;
  pipeline: number;
  virtualStages: number;
  context: number;
  expert: number;
  expertTensor: number;
  /** `parallelism.data` as written in the plan, if it was. */
  dataGiven?: number | undefined;
  sequenceParallel: boolean;
  schedule: Schedule;
  precision: PrecisionId;
  dispatchPrecision?: 'fp8' | 'bf16' | undefined;
  globalBatchSize: number;
  microBatchSize: number;
  sequenceLength: number;
  tokens: number;
  /** `assumptions.layerSplit` (default `even`). */
  layerSplit?: LayerSplitMode | undefined;
  /** `parallelism.pipelineLayout` (plan/pipeline-layout.ts), which states the split instead. */
  pipelineLayout?: string | undefined;
  /** `parallelism.recompute` and `parallelism.cpuOffloadLayers` (CPU activation offloading, step/offload.ts). */
  recompute?: Recompute | undefined;
  cpuOffloadLayers?: number | undefined;
}

export interface DerivedParallel {
  data: number;
  expertData: number;
  microBatches: number;
}

function divisors(n: number, limit = Infinity): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n && d <= limit; d++) if (n % d === 0) out.push(d);
  return out;
}

function orList(xs: number[]): string {
  if (xs.length === 0) return '';
  if (xs.length === 1) return String(xs[0]);
  return `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** "try 1, 2, 4 or 8": divisors of `n` that are also ≤ cap (at most 8 of them, the largest kept). */
function suggest(n: number, cap: number, also: (d: number) => boolean = () => true): string {
  let ds = divisors(n, cap).filter(also);
  if (ds.length === 0) ds = divisors(n, cap);
  if (ds.length > 8) ds = ds.slice(ds.length - 8);
  return ds.length ? `; try ${orList(ds)}` : '';
}

/**
 * Check the cross-field rules; push errors/warnings; return derived degrees when they are well defined.
 * All problems are collected (not only the first).
 */
export function checkParallel(p: ParallelInput, errors: FieldError[], warnings: Warning[]): DerivedParallel | undefined {
  const m = p.model;
  const a = m.attention;
  const tp = p.tensor;
  const pp = p.pipeline;
  const cp = p.context;
  const ep = p.expert;
  const etp = p.expertTensor;
  const nodeCap = Math.max(p.gpusPerNode, 1);

  // --- model-internal consistency ---
  if (a.type === 'gqa') {
    if (a.kvHeads > a.heads || a.heads % a.kvHeads !== 0) {
      errors.push({
        path: 'model.attention.kvHeads',
        code: 'not_divisor',
        message: `${a.kvHeads} must divide model.attention.heads (${a.heads})${suggest(a.heads, a.heads)}`,
      });
    }
  }
  if (m.moe) {
    if (m.moe.topK > m.moe.routedExperts) {
      errors.push({ path: 'model.moe.topK', code: 'too_large', message: `${m.moe.topK} exceeds model.moe.routedExperts (${m.moe.routedExperts})` });
    }
    if (m.moe.denseLayers > m.layers) {
      errors.push({ path: 'model.moe.denseLayers', code: 'too_large', message: `${m.moe.denseLayers} exceeds model.layers (${m.layers})` });
    }
  }

  // --- tensor parallelism [Shoeybi et al. 2019 §3: heads and FFN columns split across TP ranks] ---
  if (a.heads % tp !== 0) {
    errors.push({
      path: 'parallelism.tensor',
      code: 'not_divisor',
      message: `${tp} must divide model.attention.heads (${a.heads})${suggest(a.heads, nodeCap)}`,
    });
  } else if (a.type === 'gqa' && a.kvHeads % tp !== 0) {
    // Megatron-LM arguments.py: num_query_groups must be divisible by the tensor-parallel size.
    errors.push({
      path: 'parallelism.tensor',
      code: 'not_divisor',
      message: `${tp} must divide model.attention.kvHeads (${a.kvHeads}) (each TP rank holds whole KV groups)${suggest(a.kvHeads, nodeCap)}`,
    });
  }
  const ffnWidth = m.moe && m.moe.denseLayers === 0 ? 0 : m.ffn.intermediateSize;
  if (ffnWidth > 0 && ffnWidth % tp !== 0) {
    errors.push({
      path: 'parallelism.tensor',
      code: 'not_divisor',
      message: `${tp} must divide model.ffn.intermediateSize (${ffnWidth})${suggest(ffnWidth, nodeCap, (d) => a.heads % d === 0)}`,
    });
  }
  if (p.sequenceParallel && tp > 1 && p.sequenceLength % tp !== 0) {
    errors.push({
      path: 'training.sequenceLength',
      code: 'not_divisible',
      message: `${p.sequenceLength} must be divisible by parallelism.tensor (${tp}) with sequence parallelism`,
    });
  }

  // --- context parallelism: load-balanced causal CP splits the sequence into 2·CP chunks (Megatron-Core CP) ---
  if (cp > 1 && p.sequenceLength % (2 * cp) !== 0) {
    errors.push({
      path: 'training.sequenceLength',
      code: 'not_divisible',
      message: `${p.sequenceLength} must be divisible by 2 × parallelism.context (${2 * cp}): context parallelism splits each sequence into 2·CP chunks`,
    });
  }

  // --- data parallel degree ---
  const modelParallel = tp * pp * cp;
  let data: number | undefined;
  if (p.gpus % modelParallel !== 0) {
    errors.push({
      path: 'cluster.gpus',
      code: 'not_divisible',
      message: `${p.gpus} must be divisible by parallelism.tensor × pipeline × context (${tp} × ${pp} × ${cp} = ${modelParallel}); nearest valid: ${Math.max(modelParallel, Math.floor(p.gpus / modelParallel) * modelParallel)} or ${Math.ceil(p.gpus / modelParallel) * modelParallel}`,
    });
  } else {
    data = p.gpus / modelParallel;
    if (p.dataGiven !== undefined && p.dataGiven !== data) {
      errors.push({
        path: 'parallelism.data',
        code: 'inconsistent',
        message: `${p.dataGiven} must equal cluster.gpus / (tensor × pipeline × context) = ${p.gpus} / ${modelParallel} = ${data}; omit it to have it derived`,
      });
    }
  }

  // --- expert parallelism ---
  let expertData: number | undefined;
  if (!m.moe) {
    if (ep !== 1) errors.push({ path: 'parallelism.expert', code: 'not_moe', message: `${ep} needs an MoE model; ${m.name} has no model.moe (use 1)` });
    if (etp !== 1) errors.push({ path: 'parallelism.expertTensor', code: 'not_moe', message: `${etp} needs an MoE model; ${m.name} has no model.moe (use 1)` });
    if (data !== undefined) expertData = data * cp * tp;
  } else {
    if (m.moe.routedExperts % ep !== 0) {
      errors.push({
        path: 'parallelism.expert',
        code: 'not_divisor',
        message: `${ep} must divide model.moe.routedExperts (${m.moe.routedExperts})${suggest(m.moe.routedExperts, data !== undefined ? data * cp * tp : m.moe.routedExperts)}`,
      });
    }
    if (m.moe.expertIntermediateSize % etp !== 0) {
      errors.push({
        path: 'parallelism.expertTensor',
        code: 'not_divisor',
        message: `${etp} must divide model.moe.expertIntermediateSize (${m.moe.expertIntermediateSize})${suggest(m.moe.expertIntermediateSize, nodeCap)}`,
      });
    }
    if (data !== undefined) {
      // Megatron-Core parallel_state.initialize_model_parallel: the expert groups (EP × expert-TP) tile the
      // TP × CP × DP ranks of each pipeline stage: (world / PP) % (EP × ETP) == 0; expert-DP = that quotient.
      const group = data * cp * tp;
      if (group % (ep * etp) !== 0) {
        errors.push({
          path: 'parallelism.expert',
          code: 'not_divisor',
          message: `expert × expertTensor (${ep} × ${etp} = ${ep * etp}) must divide data × context × tensor (${data} × ${cp} × ${tp} = ${group}): the expert groups tile the ranks of one pipeline stage (Megatron-Core parallel_state)${suggest(group, group, (d) => m.moe !== undefined && m.moe.routedExperts % d === 0)}`,
        });
      } else {
        expertData = group / (ep * etp);
      }
    }
  }

  // --- batch → micro-batches ---
  let microBatches: number | undefined;
  if (data !== undefined) {
    const per = data * p.microBatchSize;
    if (p.globalBatchSize % per !== 0) {
      const lo = Math.floor(p.globalBatchSize / per) * per;
      errors.push({
        path: 'training.globalBatchSize',
        code: 'not_divisible',
        message: `${p.globalBatchSize} must be divisible by data-parallel degree × microBatchSize (${data} × ${p.microBatchSize} = ${per}); try ${lo > 0 ? `${lo} or ` : ''}${lo + per}`,
      });
    } else {
      microBatches = p.globalBatchSize / per;
    }
  }

  // --- schedules ---
  const s = p.schedule;
  if ((s === 'dualpipe' || s === 'dualpipev') && pp < 2) {
    errors.push({ path: 'parallelism.pipeline', code: 'too_small', message: `${s} needs at least 2 pipeline ranks, got ${pp}` });
  }
  if (s === 'dualpipe' && pp % 2 !== 0) {
    // deepseek-ai/DualPipe dualpipe.py: assert num_ranks % 2 == 0
    errors.push({ path: 'parallelism.pipeline', code: 'not_even', message: `${pp} must be even for dualpipe (DualPipe dualpipe.py asserts num_ranks % 2 == 0); try ${pp - 1 > 0 ? `${pp - 1} or ` : ''}${pp + 1}` });
  }
  if (microBatches !== undefined) {
    if (s === 'dualpipe') {
      // dualpipe.py: assert num_chunks % 2 == 0 and num_chunks >= num_ranks * 2 (DeepSeek-V3 §3.2.1: micro-batches divisible by 2)
      if (microBatches % 2 !== 0 || microBatches < 2 * pp) {
        errors.push({
          path: 'training.globalBatchSize',
          code: 'schedule_requirement',
          message: `gives ${microBatches} micro-batches per step; dualpipe needs an even number ≥ 2 × pipeline (${2 * pp}) (DualPipe dualpipe.py: num_chunks % 2 == 0 and num_chunks >= 2 * num_ranks)`,
        });
      }
    } else if (s === 'dualpipev') {
      // dualpipev.py: assert num_chunks >= num_ranks * 2
      if (microBatches < 2 * pp) {
        errors.push({
          path: 'training.globalBatchSize',
          code: 'schedule_requirement',
          message: `gives ${microBatches} micro-batches per step; dualpipev needs ≥ 2 × pipeline (${2 * pp}) (DualPipe dualpipev.py: num_chunks >= 2 * num_ranks)`,
        });
      }
    } else if (s === 'interleaved-1f1b' && pp > 1 && microBatches % pp !== 0) {
      // Megatron-LM / Megatron-Core (v0.7) forward_backward_pipelining_with_interleaving and apex schedules:
      // "number of microbatches is not divisible by pipeline-parallel size when using interleaved schedule"
      errors.push({
        path: 'training.globalBatchSize',
        code: 'schedule_requirement',
        message: `gives ${microBatches} micro-batches per step; interleaved-1f1b needs a multiple of parallelism.pipeline (${pp}) (Megatron interleaved schedule requirement)`,
      });
    }
  }
  if (s === 'interleaved-1f1b' && p.virtualStages === 1) {
    warnings.push({ code: 'interleaving-without-virtual-stages', message: 'parallelism.schedule interleaved-1f1b with virtualStages 1 behaves as 1f1b' });
  }
  if (s !== 'interleaved-1f1b' && s !== 'dualpipe' && s !== 'dualpipev' && p.virtualStages !== 1) {
    errors.push({
      path: 'parallelism.virtualStages',
      code: 'schedule_requirement',
      message: `${p.virtualStages} model chunks per rank need schedule interleaved-1f1b (got ${s}); use 1`,
    });
  }

  // --- layer split over pipeline chunks ---
  const { chunks } = chunkCounts(s, pp, p.virtualStages);
  if (p.pipelineLayout !== undefined) {
    const r = pipelineLayoutLayers(p.pipelineLayout, { chunks, layers: m.layers, mtpDepth: m.mtp.depth });
    if (!r.ok) errors.push({ path: 'parallelism.pipelineLayout', code: 'invalid', message: `"${p.pipelineLayout.length > 80 ? `${p.pipelineLayout.slice(0, 77)}...` : p.pipelineLayout}" ${r.message}` });
    else {
      const split = layerSplit(m, p.sequenceLength, s, pp, p.virtualStages, p.layerSplit, p.pipelineLayout);
      if (isUnevenSplit(split)) {
        warnings.push({
          code: 'uneven-layer-split',
          message: `${m.layers} layers over ${chunks} model chunks as parallelism.pipelineLayout states: ${describeSplit(split)} layers per chunk (embedding on the first chunk; output head, loss${m.mtp.depth > 0 ? ' and MTP' : ''} on the last)`,
        });
      }
    }
  } else if (m.layers + 2 < chunks) {
    // Megatron-Core lets the embedding and the loss each take one layer slot
    // (account_for_embedding_in_pipeline_split / account_for_loss_in_pipeline_split); fewer layers leave ranks empty.
    errors.push({
      path: 'parallelism.pipeline',
      code: 'too_many_stages',
      message: `${pp} ranks × ${chunks / pp} chunks = ${chunks} model chunks exceed model.layers (${m.layers}) + 2 (embedding and loss slots)`,
    });
  } else if (m.layers < chunks) {
    warnings.push({
      code: 'empty-pipeline-chunks',
      message: `${m.layers} layers over ${chunks} model chunks: ${chunks - m.layers} chunk(s) at the ends hold only the embedding or the loss`,
    });
  } else {
    const balanced = p.layerSplit === 'balanced';
    const split = layerSplit(m, p.sequenceLength, s, pp, p.virtualStages, p.layerSplit);
    if (isUnevenSplit(split)) {
      warnings.push({
        code: 'uneven-layer-split',
        message: balanced
          ? `${m.layers} layers over ${chunks} model chunks are split unevenly to balance the ranks' work (embedding, output head + loss and MTP modules weighed by their FLOPs): ${describeSplit(split)} layers per chunk`
          : `${m.layers} layers do not split evenly over ${chunks} model chunks: ${describeSplit(split)} layers per chunk (assumptions.layerSplit: balanced weighs the embedding, head and MTP modules instead)`,
      });
    }
  }

  // --- CPU activation offloading (Megatron-Core transformer_config.py __post_init__ checks) ---
  if (p.cpuOffloadLayers !== undefined) {
    const at = 'parallelism.cpuOffloadLayers';
    if (p.cpuOffloadLayers >= m.layers) {
      errors.push({ path: at, code: 'too_large', message: `${p.cpuOffloadLayers} must be less than model.layers (${m.layers}): at least one layer keeps its activations on the GPU (Megatron-Core: "CPU offloading can be done only for layers less than num_layers")` });
    }
    if (pp > 1) {
      errors.push({ path: at, code: 'unsupported', message: `needs parallelism.pipeline 1, got ${pp} (Megatron-Core: "Currently there is no support for Pipeline parallelism with CPU offloading")` });
    }
    if (p.recompute !== undefined && p.recompute !== 'none') {
      errors.push({ path: at, code: 'unsupported', message: `needs parallelism.recompute "none", got "${p.recompute}" (Megatron-Core: "CPU offloading does not work when activation recomputation is enabled")` });
    }
    if (!p.gpu.hostLink) {
      errors.push({ path: at, code: 'unsupported', message: `${p.gpu.id}'s profile has no hostLink (the link to host memory the copies cross, with its source); add one to a custom GPU profile to plan offloading on it` });
    }
  }

  // --- precision support ---
  if ((p.precision === 'fp8' || p.precision === 'fp8-tensorwise') && p.gpu.peakTflops.fp8 === undefined) {
    errors.push({
      path: 'precision',
      code: 'unsupported',
      message: `"${p.precision}" needs FP8 tensor cores; ${p.gpu.id} has none (use "bf16")`,
    });
  }
  if (p.dispatchPrecision === 'fp8' && p.gpu.peakTflops.fp8 === undefined) {
    errors.push({ path: 'moe.dispatchPrecision', code: 'unsupported', message: `"fp8" needs FP8 support; ${p.gpu.id} has none (use "bf16")` });
  }

  // --- run length ---
  const stepTokens = p.globalBatchSize * p.sequenceLength;
  if (p.tokens < stepTokens) {
    warnings.push({ code: 'less-than-one-step', message: `training.tokens (${p.tokens}) is less than one step (${stepTokens} tokens); the run is counted as one step` });
  }

  if (data === undefined || expertData === undefined || microBatches === undefined) return undefined;
  return { data, expertData, microBatches };
}

/**
 * Re-check a resolved plan (e.g. a search candidate with changed parallelism). Cheap: no zod, no catalog look-ups.
 */
export function checkResolvedPlan(plan: ResolvedPlan): { errors: FieldError[]; warnings: Warning[] } {
  const errors: FieldError[] = [];
  const warnings: Warning[] = [];
  const par = plan.parallelism;
  const derived = checkParallel(
    {
      model: plan.model,
      gpu: plan.cluster.gpu,
      gpus: plan.cluster.gpus,
      gpusPerNode: plan.cluster.gpusPerNode,
      tensor: par.tensor,
      pipeline: par.pipeline,
      virtualStages: par.virtualStages,
      context: par.context,
      expert: par.expert,
      expertTensor: par.expertTensor,
      dataGiven: par.data,
      sequenceParallel: par.sequenceParallel,
      schedule: par.schedule,
      precision: plan.precision,
      dispatchPrecision: plan.moe?.dispatchPrecision,
      globalBatchSize: plan.training.globalBatchSize,
      microBatchSize: plan.training.microBatchSize,
      sequenceLength: plan.training.sequenceLength,
      tokens: plan.training.tokens,
      layerSplit: plan.assumptions.layerSplit,
      pipelineLayout: par.pipelineLayout,
      recompute: par.recompute,
      cpuOffloadLayers: par.cpuOffloadLayers,
    },
    errors,
    warnings,
  );
  if (derived) {
    if (derived.expertData !== par.expertData) {
      errors.push({ path: 'parallelism.expertData', code: 'inconsistent', message: `${par.expertData} must equal ${derived.expertData}` });
    }
    if (derived.microBatches !== par.microBatches) {
      errors.push({ path: 'parallelism.microBatches', code: 'inconsistent', message: `${par.microBatches} must equal ${derived.microBatches}` });
    }
  }
  return { errors, warnings };
}
