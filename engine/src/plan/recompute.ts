/**
 * What `parallelism.recompute: selective` recomputes, resolved once per plan into the flags the memory, time and FLOP
 * models read.
 *
 * `parallelism.recomputeModules` names the modules as Megatron-Core's `--recompute-modules` does
 * (megatron/core/transformer/transformer_config.py, `recompute_modules`: "core_attn": the core attention part of the
 * layer; "layernorm": input_layernorm and pre_mlp_layernorm; "mla_up_proj": the MLA up projection and RoPE applying
 * parts; "mlp": the dense MLP submodule; "moe": the MoE layer; "moe_act": the MoE MLP activation function;
 * "shared_experts": the shared experts in the MoE layer). Two kinds of checkpoint, as that docstring says:
 * - output-discarding (`layernorm`, `moe_act`, `mla_up_proj`): the module's output is not stored, its input is (it is
 *   stored anyway for the module before); backward runs the module's forward once more;
 * - normal (`core_attn`, `mlp`, `moe`, `shared_experts`): only the module's input is stored; backward runs the whole
 *   module forward again — for `moe` the router, the token dispatch and combine all-to-alls, the expert GEMMs and the
 *   shared experts (MoELayer.forward under `tensor_parallel.checkpoint`), for `mlp` and `shared_experts` their
 *   tensor-parallel collectives too.
 * `moe_act` applies to the routed experts' grouped MLP (`activation_recompute` in experts.py); dense and shared-expert
 * activations are not affected by it.
 *
 * Without the list, `selective` keeps the engine's standard scope (memory/activations.ts module doc): the attention
 * core for GQA/MHA models (Korthikanti et al. 2022 §5), DeepSeek-V3's norms and MLA up-projections for MLA models
 * (V3 §3.2.3), plus the norms and activation functions whose outputs are cheap to rebuild — Megatron-Core's
 * `layernorm,core_attn,moe_act` and torchtitan's selective checkpointing in memory terms.
 */
import type { ModelArch } from '../catalog/types.js';
import type { Recompute } from './types.js';

/** Megatron-Core `--recompute-modules` names, in its documentation's order. */
export const RECOMPUTE_MODULES = ['core_attn', 'layernorm', 'mla_up_proj', 'mlp', 'moe', 'moe_act', 'shared_experts'] as const;
export type RecomputeModule = (typeof RECOMPUTE_MODULES)[number];

/** Which parts of one transformer layer are recomputed in backward (their outputs not stored). */
export interface RecomputeScope {
  /** Attention core (QKᵀ, softmax, AV) run again in backward. */
  coreAttention: boolean;
  /** Pre-attention and pre-FFN norms: outputs not stored. */
  norms: boolean;
  /** MLA latent norms and up-projections: outputs not stored, run again. */
  mlaUpProjections: boolean;
  /** Activation-function outputs of dense MLPs / routed experts / shared experts not stored. */
  denseActivation: boolean;
  expertActivation: boolean;
  sharedActivation: boolean;
  /** Whole dense MLP checkpointed: only its input stored, its forward (with its TP collectives) run again. */
  denseMlp: boolean;
  /** Whole MoE block checkpointed: router, dispatch/combine, experts and shared experts run again. */
  moeLayer: boolean;
  /** Shared experts checkpointed: only their input stored, their forward run again. */
  sharedExperts: boolean;
}

const NOTHING: RecomputeScope = {
  coreAttention: false,
  norms: false,
  mlaUpProjections: false,
  denseActivation: false,
  expertActivation: false,
  sharedActivation: false,
  denseMlp: false,
  moeLayer: false,
  sharedExperts: false,
};

/**
 * The recompute scope of a plan. `none` and `full` give no selective flags (full recomputation is handled as a whole
 * forward pass by each model). `modules` given: exactly those modules; absent: the standard scope (module doc).
 */
export function recomputeScope(recompute: Recompute, arch: ModelArch, modules?: readonly RecomputeModule[]): RecomputeScope {
  if (recompute !== 'selective') return NOTHING;
  const mla = arch.attention.type === 'mla';
  if (modules === undefined) {
    return { ...NOTHING, coreAttention: !mla, norms: true, mlaUpProjections: mla, denseActivation: true, expertActivation: true, sharedActivation: true };
  }
  const has = (m: RecomputeModule) => modules.includes(m);
  return {
    coreAttention: has('core_attn'),
    norms: has('layernorm'),
    mlaUpProjections: has('mla_up_proj'),
    denseActivation: false,
    expertActivation: has('moe_act'),
    sharedActivation: false,
    denseMlp: has('mlp'),
    moeLayer: has('moe'),
    sharedExperts: has('shared_experts'),
  };
}

/**
 * Whether `selective` means torchtitan's op-level checkpointing (every other matmul re-run, model/flops.ts
 * `layerMatmuls`) rather than module-level checkpointing: only without a module list — a list says what is re-run,
 * whatever policy the stack's defaults name.
 */
export function opLevelCheckpointing(recompute: Recompute, selectiveRecompute: string | undefined, modules?: readonly RecomputeModule[]): boolean {
  return recompute === 'selective' && selectiveRecompute === 'every-other-matmul' && modules === undefined;
}

/**
 * Why a module cannot apply to this model (undefined when it can): listing a module the model does not have would
 * change nothing, so the plan is refused rather than silently timed without it.
 */
export function recomputeModuleMismatch(m: RecomputeModule, arch: ModelArch): string | undefined {
  const moe = arch.moe;
  const moeLayers = moe ? Math.max(0, arch.layers - Math.min(moe.denseLayers, arch.layers)) : 0;
  switch (m) {
    case 'mla_up_proj':
      return arch.attention.type === 'mla' ? undefined : `${arch.name} has ${arch.attention.type} attention, not MLA`;
    case 'mlp':
      return moeLayers < arch.layers ? undefined : `${arch.name} has no dense FFN layer (every layer is MoE)`;
    case 'moe':
    case 'moe_act':
      return moeLayers > 0 ? undefined : `${arch.name} has no MoE layer`;
    case 'shared_experts':
      return moe && moeLayers > 0 && moe.sharedExperts > 0 ? undefined : `${arch.name} has no shared experts`;
    default:
      return undefined;
  }
}
