/**
 * Warnings about what an estimate rests on and where the plan loses time, from the resolved plan, its stage model and
 * the simulated step (estimate.ts adds the memory and precision ones; pipeline/advice.ts the advice that needs more
 * estimates). Each says what to change where there is something to change.
 */
import { measuredAttentionKernels } from '../catalog/index.js';
import { gpuSeconds, type LayerCost } from '../compute/layer.js';
import type { ResolvedPlan } from '../plan/types.js';
import type { StageModel } from '../step/stages.js';
import type { StepResult } from '../step/step.js';
import type { Warning } from './types.js';

/** Pipeline imbalance, MoE balance and host-boundness, and the software-stack assumptions that decide the estimate. */
export function modelWarnings(plan: ResolvedPlan, sm: StageModel, step: StepResult): Warning[] {
  const out: Warning[] = [];
  const par = plan.parallelism;
  const arch = plan.model;
  // Uneven-work warnings the user should know about.
  const busyMin = Math.min(...step.busy);
  const busyMax = Math.max(...step.busy);
  if (par.pipeline > 1 && busyMax > 1.15 * busyMin) {
    out.push({
      code: 'pipeline-imbalance',
      message: `pipeline rank ${step.criticalRank} does ${((busyMax / busyMin - 1) * 100).toFixed(0)}% more work than the lightest rank (embedding/head/MTP or uneven layer split); the slowest rank paces the pipeline${plan.parallelism.pipelineLayout !== undefined ? ' (parallelism.pipelineLayout states the split)' : plan.assumptions.layerSplit === 'balanced' ? '' : ' (assumptions.layerSplit: balanced moves layers off it)'}`,
    });
  }
  if (plan.moe?.balancing === 'none') {
    out.push({ code: 'moe-unbalanced', message: 'moe.balancing none: expert load imbalance from a simulation of an unbalanced router (no published figure)' });
  }

  // Fine-grained MoE on an eager stack: the model charges host issue time only at its own (low) kernel counts, and
  // published Megatron-Core runs in this regime ran from 10% faster to 2× slower than estimated (engine/validation: Qwen3 with 16
  // experts per GPU on H100/B200/GB200; shared/calibration Qwen3-235B TP4-EP8). Thresholds from those runs [derived]:
  // ≥ 16 local experts (one GEMM launch per local expert per pass in Transformer Engine's grouped GEMM) and < 10 ms
  // of GPU work per MoE layer and micro-batch (runs above it, e.g. DeepSeek-V3 with 32 experts per GPU on B200 at
  // 16 ms, were within 6%).
  if (arch.moe && sm.perLayer.moe) {
    const local = arch.moe.routedExperts / par.expert;
    const m = sm.perLayer.moe;
    // GPU kernel time only (the host-bound excess is what the warning is about)
    const gpu = gpuSeconds(m.f) + gpuSeconds(m.b) + gpuSeconds(m.w);
    // a MoE layer replayed from a CUDA graph (the whole iteration, or Megatron-Core's `moe` scope) issues no launches
    const graphed = (sm.shape.cudaGraphs ?? []).some((x) => x === 'full_iteration' || x === 'moe');
    if (local >= 16 && gpu < 0.01 && !graphed) {
      out.push({
        code: 'moe-host-bound',
        message: `${local} routed experts per GPU with ${(gpu * 1e3).toFixed(1)} ms of GPU work per MoE layer and micro-batch: eager frameworks tend to be host-bound here (one GEMM launch per local expert and pass, a host sync per layer in dropless dispatchers); this estimate charges host time only at its own kernel counts (a lower bound), and published Megatron-Core runs in this regime ran from 10% faster to 2× slower than such estimates (shared/calibration, engine/validation). A larger expert-parallel degree, larger micro-batches, CUDA graphs or a fused grouped GEMM reduce it`,
      });
    }
  }

  // The attention kernel decides long-context estimates (the measured classes differ by up to 3× on H100: pytorch-flash 0.19, cuDNN 0.59 of peak forward) and is a
  // property of the software stack, which a plan leaves at the GPU profile's default unless it says otherwise.
  const stackWarning = defaultStackWarning(plan);
  if (stackWarning) out.push(stackWarning);
  const attentionWarning = attentionKernelWarning(plan, sm.perLayer.moe ?? sm.perLayer.dense);
  if (attentionWarning) out.push(attentionWarning);
  return out;
}

/**
 * `stack-assumed`: the plan names no framework and its GPU profile supplies a stack other than `generic` (H100 / H200:
 * PyTorch-native eager, catalog/gpu-efficiency.ts), which prices the plan slower than Megatron-Core's or torch.compile's
 * kernels would. Said on every such estimate, because the stack moves it more than most plan settings do.
 */
function defaultStackWarning(plan: ResolvedPlan): Warning | undefined {
  const fw = plan.cluster.gpu.efficiency.defaultFramework;
  if (!fw || fw === 'generic' || plan.statedAssumptions.includes('framework')) return undefined;
  const a = plan.assumptions;
  // a plan that lists its recompute modules has said what `selective` means; the stack's policy is not applied
  const recompute = plan.parallelism.recomputeModules ? '' : `, ${a.selectiveRecompute} selective recompute`;
  return {
    code: 'stack-assumed',
    message: `no assumptions.framework: timed as ${plan.cluster.gpu.id}'s default software stack, ${fw} (${a.attentionKernel} attention, ${a.elementwiseKernels} element-wise ops${recompute}); Megatron-Core (cuDNN attention, fused ops) or torch.compile run the same plan faster — state yours (megatron-core, torchtitan, torchtitan-compile, generic); \`flopcast estimate --stacks\` shows each`,
  };
}

/** Share of a layer's GPU time above which `attention-kernel-assumed` tells the user the default kernel class decides the estimate. */
export const ATTENTION_SHARE_WARNING = 0.25;

/**
 * `attention-kernel-assumed`: the attention core is a large share of the layer time and the plan states neither its
 * kernel class nor a framework that implies one: the class comes from the GPU profile (its default stack, or its
 * default class), and the measured classes differ by up to 3× on one GPU.
 */
function attentionKernelWarning(plan: ResolvedPlan, layer: LayerCost | undefined): Warning | undefined {
  if (!layer) return undefined;
  const said = plan.statedAssumptions;
  if (said.includes('attentionKernel') || (said.includes('framework') && plan.assumptions.framework !== 'generic')) return undefined;
  const total = gpuSeconds(layer.f) + gpuSeconds(layer.b) + gpuSeconds(layer.w);
  const share = total > 0 ? (layer.f.attention + layer.b.attention + layer.w.attention) / total : 0;
  if (share <= ATTENTION_SHARE_WARNING) return undefined;
  const gpu = plan.cluster.gpu;
  const own = gpu.efficiency.attentionKernel ?? 'flash2';
  const others = measuredAttentionKernels(gpu).filter((k) => k !== own);
  const stack = said.includes('framework') ? '' : plan.assumptions.framework !== 'generic' ? ` as part of its default stack (${plan.assumptions.framework})` : '';
  return {
    code: 'attention-kernel-assumed',
    message: `attention is ${(share * 100).toFixed(0)}% of each layer's GPU time and is timed with ${gpu.id}'s default kernel class (${own})${stack}; which kernel runs depends on the software stack${others.length ? ` — set assumptions.attentionKernel (${others.join(', ')}) or assumptions.framework (megatron-core, torchtitan, …) to state yours` : ''}`,
  };
}

