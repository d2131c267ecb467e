import { FRAMEWORKS, type AttentionKernel, type Framework } from '../catalog/types.js';

/**
 * Named, documented engine assumptions. A plan may override any of them under `assumptions:`.
 * Each default says where it comes from. These are whole-run and overlap assumptions,
 * never per-plan fudge factors: kernel efficiencies live in the GPU/link profiles.
 */
export interface Assumptions {
  /**
   * Effective training time (goodput): fraction of wall-clock spent on productive steps.
   * Llama 3 reports ">90% effective training time" (arXiv 2407.21783 §3.3.4); MegaScale >90% ETTR (arXiv 2402.15627 §6.3).
   */
  goodput: number;
  /** Power usage effectiveness of the data centre for energy (typical hyperscale ~1.2; documented assumption). */
  pue: number;
  /** Average GPU power as a fraction of TDP during training (documented assumption). */
  powerFractionOfTdp: number;
  /**
   * Fraction of tensor-parallel communication hidden under compute (Megatron-Core tp-comm-overlap / async TP).
   * Default 0: both are opt-in in their frameworks (Megatron-Core `--tp-comm-overlap`, torchtitan async TP) and
   * absent from the 2021-22 Megatron runs; plans that enable them set e.g. 0.5-0.9 (FLUX hides up to 96%,
   * kernel-efficiency-facts.md §8).
   */
  tpCommOverlap: number;
  /** Fraction of data-parallel gradient reduce-scatter / parameter all-gather hidden under backward/forward compute. */
  dpCommOverlap: number;
  /**
   * Attention-core kernel class (`unfused` | `pytorch-flash` | `flash2` | `flash3`, catalog/types.ts) whose measured
   * efficiency the GPU profile applies; `gpu-default` = the class the profile's default fractions describe (A100:
   * unfused, as in the 2021-22 Megatron runs; H100/H200: pytorch-flash, what the published PyTorch-native runs reached
   * end to end; H800, B200, GB200: flash3-class). Which kernel runs is a property of the software stack, not of the
   * GPU: Megatron-Core / NeMo on Hopper run Transformer Engine's cuDNN fused attention (`flash3`), torchtitan and
   * llm-foundry flash attention inside PyTorch (`pytorch-flash`); `flash2` is the FlashAttention-2 kernel at its
   * isolated-benchmark rate. The efficiency itself stays in the profile.
   */
  attentionKernel: 'gpu-default' | AttentionKernel;
  /**
   * How layers are split over pipeline chunks (memory/layout.ts): `even` (default) = the count split frameworks do by
   * default and the published runs state (first/last chunks lose the odd layers, Llama 3 §3.3.2); `balanced` = move
   * layers off the chunks that also carry the embedding, the output head + loss and MTP modules, weighed by FLOPs
   * (Megatron-LM `--decoder-first/last-pipeline-num-layers`, `--account-for-embedding/loss-in-pipeline-split`).
   */
  layerSplit: 'even' | 'balanced';
  /**
   * Host (CPU) time per kernel launch in µs for the host-bound floor of each layer pass (compute/layer.ts): a pass
   * takes max(GPU time, launches × this). Default 47 µs, measured in DeepSeek's public training trace
   * (deepseek-ai/profile-data train.json: 911 launches, 42.5 ms of host time); set ~0-5 for runs that capture
   * CUDA graphs or compile the model.
   */
  hostUsPerKernel: number;
  /**
   * Which parts of each layer are captured in CUDA graphs (plan/cuda-graphs.ts): `none` (default), `full_iteration`,
   * or Megatron-Core `cuda_graph_scope` names joined by commas (`attn,moe_router,moe_preprocess`). Graphed kernels cost
   * the host ~1 µs each instead of `hostUsPerKernel` (measured: a CUDA graph of tiny kernels replays at 0.96 µs per
   * kernel on the H200 machine, engine/measurements/h200-2026-11-28-layers.json); GPU time is unchanged.
   */
  cudaGraphs: string;
  /**
   * Memory-bound ops (norms, rotary embedding, SwiGLU) as `fused` kernels (Transformer Engine, Apex, torch.compile;
   * default) or as `eager` PyTorch decompositions with FP32 upcasts (torchtitan and Llama reference code without
   * torch.compile): 9× the bytes for RMSNorm, 5× for rotary, 5/3× for SwiGLU (compute/layer.ts EAGER).
   */
  elementwiseKernels: 'fused' | 'eager';
  /**
   * What `parallelism.recompute: selective` recomputes: `core-attention` (default) = Megatron-Core's selective
   * recomputation (core attention, norms, activation functions; DeepSeek-V3's norms and MLA up-projections for MLA
   * models); `every-other-matmul` = torchtitan's op-level selective activation checkpointing ("Saves output of all
   * compute ops, except every second mm"): every second matmul and every elementwise op of a layer run again in
   * backward, attention does not. Time and hardware FLOPs follow the choice; activation memory stays the
   * `core-attention` figure, which matches torchtitan's published peaks (Llama 3.1 8B, 128 H100, local batch 2:
   * 62.0 / 61.8 GiB published vs 62.6 / 60.6 estimated); counting only the op-SAC saved outputs gives 47.6.
   * A plan that lists `parallelism.recomputeModules` is module-level checkpointing: `core-attention` with exactly those
   * modules (plan/recompute.ts); stating `every-other-matmul` with the list is an error.
   */
  selectiveRecompute: 'core-attention' | 'every-other-matmul';
  /**
   * How the AdamW update runs (step/step.ts `optimizerBytesPerParam`): `fused` (default) = one pass over the optimizer
   * state (Apex / Transformer Engine FusedAdam in Megatron-LM and NeMo, `torch.optim.AdamW(fused=True)`); `unfused` =
   * one element-wise kernel per operation, as Composer's `DecoupledAdamW` runs it (composer/optim/decoupled_weight_decay.py:
   * `param.mul_`, `exp_avg.mul_().add_()`, `exp_avg_sq.mul_().addcmul_()`, `sqrt`, `/`, `add_`, `param.addcdiv_` per
   * parameter) and PyTorch's non-fused foreach AdamW: 3× the bytes of the fused pass for FP32 state.
   */
  optimizerKernels: 'fused' | 'unfused';
  /**
   * Precision of the gradient accumulation buffers and of their data-parallel reduction (Megatron-Core
   * `DistributedDataParallelConfig.grad_reduce_in_fp32`): `fp32` (default) = the recipe's FP32 main gradients, as
   * Megatron-LM sets for BF16 training (megatron/training/arguments.py: `--bf16` turns on
   * `accumulate_allreduce_grads_in_fp32`), PyTorch FSDP2 with `reduce_dtype=float32` (torchtitan's default) and
   * DeepSeek-V3 (§3.3: FP32 gradients); `bf16` = BF16 buffers reduced in BF16, as the NeMo / Megatron-Bridge
   * performance recipes run (`cfg.ddp.grad_reduce_in_fp32 = False`, Megatron-Bridge v0.2.0
   * scripts/performance/configs/<family>/<family>_llm_pretrain.py; NeMo `pretrain_performance_optimizations`): half the gradient
   * memory and half the bytes of the gradient reduce-scatter / all-reduce. Master weights and Adam moments stay FP32.
   */
  gradientPrecision: 'fp32' | 'bf16';
  /**
   * Precision of the optimizer state: `recipe` (default) = the precision recipe's own (FP32 master weights and Adam
   * moments for bf16 / fp8-tensorwise; BF16 moments for DeepSeek's fp8, V3 §3.3.3); `bf16-moments` = Adam moments in
   * BF16, master weights FP32 (Megatron-Core's precision-aware optimizer, `--use-precision-aware-optimizer
   * --exp-avg-dtype bf16 --exp-avg-sq-dtype bf16`, as the Megatron-Core MoE ModelZoo's DeepSeek-V3 recipe enables it);
   * `bf16` = moments and master weights in BF16 (NeMo / Apex `distributed_fused_adam` with `dtype: bf16`, which keeps
   * its whole state in that type — NeMo-Framework-Launcher nemotron_340b.yaml @24.07); `fp32` = all FP32. Memory and the
   * optimizer update's HBM traffic follow (precision/recipes.ts `withOptimizerStatePrecision`).
   */
  optimizerStatePrecision: 'recipe' | 'fp32' | 'bf16-moments' | 'bf16';
  /**
   * Whether pipeline sends block the sending rank (pipeline/simulate.ts `p2pBlocking`): `none` (default) = every send
   * waits for its transfer before the rank's next op (Megatron-LM's batched isend/irecv + wait, and always for its
   * non-interleaved 1F1B, which forces `overlap_p2p_comm` off: megatron/training/arguments.py); `interleaved` = the
   * interleaved schedule overlaps its sends and receives with the next chunk's compute, as Megatron-LM does by default
   * since 4eeff55 (2023-10-12, "Make overlap_p2p_comm the default"), NeMo's launcher configs set for VP > 1
   * (`overlap_p2p_comm: True`) and Megatron-Bridge enables whenever VP > 1 (training/comm_overlap.py @v0.2.0:450-459);
   * `all` = every schedule overlaps them. DualPipe(V) always overlaps PP communication inside its pairs. The receiver
   * still waits for the transfer either way.
   */
  ppCommOverlap: 'none' | 'interleaved' | 'all';
  /**
   * How context-parallel ranks get each other's keys and values (step/stages.ts, compute/layer.ts): `ring` (default) =
   * the KV block goes round the CP ring in CP − 1 send/recv steps, each hidden under the attention of the block before
   * and each attention call over one block of s/CP keys [Liu et al., Ring Attention, arXiv 2310.01889 §3;
   * Megatron-Core `cp_comm_type` "p2p", its default: "P2P is async and can be overlapped with attention compute",
   * megatron/core/transformer/transformer_config.py; torchtitan's ring attention]; `all-gather` = KV all-gathered
   * before one attention call over the whole sequence, not overlapped (Megatron-Core "all_gather": "The all-gather is
   * not async, and cannot be overlapped"; Llama 3, arXiv 2407.21783 §3.3.2, which chose it for document masks and
   * because with GQA the KV all-gather is small next to the O(S²) attention).
   */
  cpComm: 'ring' | 'all-gather';
  /**
   * How MoE tokens travel to their experts (comm/expert.ts): `deepep` (default) = one copy per target node over the
   * scale-out link, forwarded over NVLink to each target GPU once (DeepSeek-V3 §3.2.2; DeepEP, and NVIDIA's HybridEP
   * behind Megatron-Core's `--moe-token-dispatcher-type flex`); `alltoall` = Megatron-Core's NCCL all-to-all dispatcher,
   * which permutes one row per (token, expert) pair and sends each row to its expert's GPU (token_dispatcher.py
   * `MoEAlltoAllTokenDispatcher`: `num_out_tokens` = tokens × top-k, split by EP rank) — k copies per token, the
   * remote ones each over the scale-out link, none shared between experts of one GPU or node.
   */
  moeDispatcher: 'deepep' | 'alltoall';
  /**
   * Expert-parallel all-to-all overlap across micro-batches: `none` (default) = each all-to-all waits in its own pass
   * (the interleaved and 1F1B schedules as Megatron-Core runs them by default); `combined-1f1b` = Megatron-Core's
   * `--overlap-moe-expert-parallel-comm` (Megatron-Bridge `moe_a2a_overlap`): "the forward pass of Transformer layers
   * for one micro-batch runs in parallel with the backward pass of another … EP A2A in forward step is hidden by the
   * attention/mlp computation in the backward step, and vice versa" (megatron/core/pipeline_parallel/combined_1f1b.py).
   * The steady-state F and B of interleaved-1f1b (virtualStages > 1 when pipelined, as Megatron requires) or of a single
   * stage then run as overlapped pairs, timed layer by layer on a compute and a communication stream in the order
   * Megatron-Core issues the nodes (step/combined-1f1b.ts; compute on the SMs the all-to-all leaves): an all-to-all is
   * exposed where it outlasts the compute it is paired with. Megatron also requires EP > 1, no full
   * recomputation and no `moe` recompute module (transformer_config.py); the plan is checked the same way.
   */
  epA2aOverlap: 'none' | 'combined-1f1b';
  /**
   * How the routed experts' MLP runs (compute/layer.ts): `separate` (default) = FC1 grouped GEMM, the gated activation,
   * the quantisation of its output and FC2 as separate kernels, each activation pass streaming through HBM; `fused` =
   * Transformer Engine's CuTe DSL fused grouped MLP (Megatron-Bridge `cutedsl_fused_grouped_mlp`, which sets
   * `NVTE_CUTEDSL_FUSED_GROUPED_MLP=1` and Megatron-Core's `use_transformer_engine_op_fuser`: scripts/performance/
   * perf_plugins.py and utils/overrides.py @v0.5.0). Its forward kernel is "grouped GEMM, GLU activation, and
   * post-multiplication" with the block-scaled output FC2 reads, and its backward kernel "grouped GEMM, GLU activation
   * backward, and scale grad" emits FC1's output gradient for its dgrad and wgrad GEMMs
   * (transformer_engine/pytorch/ops/fused/grouped_mlp.py @d0067d0 `GroupedMLP_CuTeGEMMGLU`, `fuser_backward`): so the
   * activation pass, FC2's input quantisation and FC1's output-gradient quantisation leave HBM [derived]; the GEMMs are
   * unchanged. The kernels exist for block-scaled (MXFP8 / NVFP4) GEMMs on compute capability 10 (`is_supported`), so a
   * plan needs precision `fp8` (DeepSeek's block-scaled recipe, which MXFP8 maps to) on a Blackwell profile.
   */
  expertMlpKernels: 'separate' | 'fused';
  /**
   * Precision of the output head's GEMMs (precision/recipes.ts `withOutputHeadPrecision`): `recipe` (default; BF16 in every
   * recipe, as DeepSeek-V3 keeps it, §3.3.1) or `fp8` = Megatron-Core's `fp8_output_proj`, the LM head under MXFP8 —
   * active only with the MXFP8 recipe (megatron/core/fp8_utils.py `is_mxfp8_output_proj_active`), so a plan needs
   * precision `fp8` on a Blackwell profile. Megatron-Bridge v0.5.0 sets it for DeepSeek-V3 in MXFP8 on GB200 and GB300
   * (scripts/performance/configs/deepseek/deepseek_llm_pretrain.py:82, 122).
   */
  outputHeadPrecision: 'recipe' | 'fp8';
  /**
   * Software-stack preset (`generic` | `megatron-core` | `torchtitan` | `torchtitan-compile`): sets the framework's
   * defaults for the assumptions a plan does not set itself (FRAMEWORK_PRESETS below). `generic` sets none. A plan
   * that names no framework is timed as its GPU profile's `efficiency.defaultFramework` (H100 / H200: `torchtitan`,
   * the PyTorch-native stack the profile's default attention rate was measured on; others: `generic`).
   */
  framework: Framework;
  /** Per-GPU workspace allowance in GiB (CUDA context, allocator fragmentation, cuBLAS/NCCL workspaces). */
  workspaceGiB: number;
}

/**
 * The allowed values of the string-valued assumptions (plan/validate.ts rejects others, naming the field).
 * `attentionKernel` is checked against the GPU profile instead (validate.ts `withAttentionKernel`).
 */
export const ASSUMPTION_CHOICES = {
  layerSplit: ['even', 'balanced'],
  elementwiseKernels: ['fused', 'eager'],
  selectiveRecompute: ['core-attention', 'every-other-matmul'],
  optimizerKernels: ['fused', 'unfused'],
  gradientPrecision: ['fp32', 'bf16'],
  optimizerStatePrecision: ['recipe', 'fp32', 'bf16-moments', 'bf16'],
  ppCommOverlap: ['none', 'interleaved', 'all'],
  cpComm: ['ring', 'all-gather'],
  moeDispatcher: ['deepep', 'alltoall'],
  epA2aOverlap: ['none', 'combined-1f1b'],
  expertMlpKernels: ['separate', 'fused'],
  outputHeadPrecision: ['recipe', 'fp8'],
  framework: FRAMEWORKS,
} as const satisfies Partial<Record<keyof Assumptions, readonly string[]>>;

/** Default assumptions; sources in the field docs above. The time model may add fields. */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  goodput: 0.9,
  pue: 1.2,
  powerFractionOfTdp: 0.8,
  tpCommOverlap: 0,
  dpCommOverlap: 0.9,
  workspaceGiB: 3,
  attentionKernel: 'gpu-default',
  layerSplit: 'even',
  hostUsPerKernel: 47,
  cudaGraphs: 'none',
  elementwiseKernels: 'fused',
  selectiveRecompute: 'core-attention',
  optimizerKernels: 'fused',
  gradientPrecision: 'fp32',
  optimizerStatePrecision: 'recipe',
  ppCommOverlap: 'none',
  cpComm: 'ring',
  moeDispatcher: 'deepep',
  epA2aOverlap: 'none',
  expertMlpKernels: 'separate',
  outputHeadPrecision: 'recipe',
  framework: 'generic',
};

/**
 * What each framework does by default, as named assumptions. `attentionKernel: best-flash` = the newest
 * FlashAttention-class kernel the GPU profile has a measurement for (flash3 on Hopper/Blackwell, flash2 on A100).
 * - megatron-core: Transformer Engine runs attention through cuDNN fused attention on Hopper (FlashAttention-2 on
 *   Ampere) and fuses norms, rotary and SwiGLU (TE docs, "Attention backends"; Megatron-Core `--transformer-impl
 *   transformer_engine`); `--recompute-granularity selective` recomputes core attention (+ `--recompute-modules`);
 *   interleaved schedules overlap their pipeline sends (`ppCommOverlap` above).
 * - torchtitan: PyTorch SDPA (FlashAttention-2 backend) at the rate PyTorch-native runs reach end to end
 *   (`pytorch-flash`; torchtitan's own context-parallel table is the cross-check, catalog/gpu-efficiency.ts), eager
 *   elementwise ops, and op-level selective activation checkpointing as its Llama configs set it
 *   (`activation_checkpoint.mode = "selective"`, `selective_ac_option = "op"`; torchtitan/models/llama3/train_configs at
 *   the Dec 2024 benchmark commit 9dec370).
 * - torchtitan-compile: the same with `compile = true`, which fuses the elementwise ops.
 */
export const FRAMEWORK_PRESETS: Record<Assumptions['framework'], Partial<Record<keyof Assumptions, string>>> = {
  generic: {},
  'megatron-core': { attentionKernel: 'best-flash', elementwiseKernels: 'fused', selectiveRecompute: 'core-attention', ppCommOverlap: 'interleaved' },
  torchtitan: { attentionKernel: 'pytorch-flash', elementwiseKernels: 'eager', selectiveRecompute: 'every-other-matmul' },
  'torchtitan-compile': { attentionKernel: 'pytorch-flash', elementwiseKernels: 'fused', selectiveRecompute: 'every-other-matmul' },
};
