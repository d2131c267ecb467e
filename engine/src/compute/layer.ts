/**
 * Compute time of one micro-batch through one transformer layer (and the embedding, output head and MTP
 * projection), per GPU, split into the passes the pipeline simulator schedules:
 * F forward, B backward-for-input (plus recomputation), W backward-for-weights [ZB arXiv 2401.10241 §2;
 * DeepSeek-V3 §3.2.1]. Communication is not included here (comm/), only the kernels a GPU executes.
 *
 * Shapes per GPU follow Megatron-LM conventions: tensor parallelism (TP) splits heads and FFN width, sequence
 * parallelism (SP) splits the token dimension of norms/residuals by TP, context parallelism (CP) splits the
 * sequence, expert parallelism (EP) places E/EP experts per GPU that receive the tokens routed to them
 * from the whole EP group [Narayanan et al. 2021; Korthikanti et al. 2022; Megatron-Core MoE README].
 */
import type { GemmPrecision, GpuProfile, ModelArch } from '../catalog/types.js';
import type { PrecisionRecipe } from '../precision/types.js';
import type { Recompute } from '../plan/types.js';
import { opLevelCheckpointing, recomputeScope, type RecomputeModule } from '../plan/recompute.js';
import type { CudaGraphScope } from '../plan/cuda-graphs.js';
import { attentionSeconds, gemmFlops, gemmSeconds, streamSeconds, type AttentionSpec, type GemmSpec, type KernelContext } from './kernels.js';

/** Per-GPU sizes shared by every layer of one plan. */
export interface LayerShape {
  arch: ModelArch;
  gpu: GpuProfile;
  recipe: PrecisionRecipe;
  recompute: Recompute;
  /** Sequences per micro-batch. */
  microBatch: number;
  sequenceLength: number;
  tensor: number;
  context: number;
  sequenceParallel: boolean;
  expert: number;
  expertTensor: number;
  /** Max/mean token load of the busiest expert-parallel GPU (moe/balance.ts). */
  moeGpuImbalance: number;
  /** Host time per kernel launch in µs (`assumptions.hostUsPerKernel`; default HOST_US_PER_KERNEL). */
  hostUsPerKernel?: number;
  /** `assumptions.elementwiseKernels`: fused kernels (default) or eager PyTorch decompositions (EAGER below). */
  elementwiseKernels?: 'fused' | 'eager';
  /**
   * What `recompute: selective` recomputes (`assumptions.selectiveRecompute`): `core-attention` (default; Megatron's
   * core attention plus norms and activation functions, DeepSeek's norms and MLA up-projections for MLA) or
   * `every-other-matmul` (torchtitan's op-level SAC: every second `aten.mm` of the layer and every elementwise op,
   * attention saved; model/flops.ts `layerMatmuls`).
   */
  selectiveRecompute?: 'core-attention' | 'every-other-matmul';
  /** `parallelism.recomputeModules`: exactly what `selective` recomputes (plan/recompute.ts); absent = standard scope. */
  recomputeModules?: readonly RecomputeModule[];
  /** `assumptions.cudaGraphs` parsed (plan/cuda-graphs.ts): the parts whose launches replay from a CUDA graph. */
  cudaGraphs?: readonly CudaGraphScope[];
  /** `assumptions.cpComm`: how context-parallel ranks exchange KV (`ring`, default, or `all-gather`). */
  cpComm?: 'ring' | 'all-gather';
  /** `assumptions.moeDispatcher`: DeepEP-style flex dispatch (default) or Megatron-Core's NCCL `alltoall`. */
  moeDispatcher?: 'deepep' | 'alltoall';
  /** `assumptions.expertMlpKernels`: the routed experts' MLP as separate kernels (default) or TE's fused grouped MLP. */
  expertMlpKernels?: 'separate' | 'fused';
}

/**
 * Eager PyTorch decompositions of the memory-bound ops of a Llama-style layer, per element of the op's BF16 tensor,
 * against the fused kernel the model charges by default (Transformer Engine, Apex, torch.compile) [derived from the
 * op sequence, 2 B per BF16 and 4 B per FP32 element read or written]:
 * - RMSNorm as torchtitan and Llama reference code write it, `(x.float() * rsqrt(x.float().pow(2).mean(-1) + eps))
 *   .type_as(x) * w`: float() r2 w4, pow r4 w4, mean r4, mul r4 w4, type_as r4 w2, mul-by-weight r2 w2 = 36 B in 7
 *   kernels (the two scalar ops count as kernels), against 4 B (r2 w2) in 1 fused = ×9.
 * - Rotary embedding via complex numbers (`view_as_complex(x.float()) * freqs_cis`, `view_as_real(...).type_as(x)`):
 *   float() r2 w4, complex multiply r4 w4, type_as r4 w2 = 20 B in 3 kernels, against 4 B in 1 = ×5.
 * - SwiGLU `silu(a) * b`: silu r2 w2, mul r4 w2 = 10 B in 2 kernels, against 6 B (r4 w2) in 1 = ×5/3.
 * GeLU and residual adds are single kernels either way. Backward kernels follow the same ratios (autograd replays
 * the decomposition). Check [not a fit]: torchtitan Llama 3.1 8B on H100, eager vs torch.compile, published 5,762
 * vs 6,667 and 5,605 vs 6,514 tokens/s/GPU = 1.16× (shared/calibration torchtitan-8b-*); this model gives the ratio
 * in `compute/layer.test.ts`.
 */
export const EAGER = {
  norm: { bytes: 9, kernels: 7 },
  rotary: { bytes: 5, kernels: 3 },
  swiglu: { bytes: 5 / 3, kernels: 2 },
} as const;
type EagerOp = keyof typeof EAGER;

/** Seconds of one pass split by kernel class, and the FLOPs it executes. */
export interface PassCost {
  gemm: number;
  attention: number;
  memory: number;
  /** Kernel launches of this pass. */
  kernels: number;
  /** Of `kernels`, those replayed from a CUDA graph (`assumptions.cudaGraphs`): ~1 µs of host time each. */
  graphedKernels: number;
  /** Seconds the host's kernel issue adds beyond the GPU time (host-bound floor, see `applyHostFloor`). */
  host: number;
  flops: number;
  /**
   * Where the host waits for the GPU inside this pass (an MoE dispatcher's device-to-host copy of the token counts):
   * the GPU seconds and launches issued before it. Absent: the host runs ahead for the whole pass.
   */
  sync?: { gpu: number; kernels: number; graphedKernels: number };
}

/**
 * Host (CPU) time to issue one kernel from an eager PyTorch training framework (Python, ATen dispatch, autograd
 * bookkeeping, cudaLaunchKernel), measured: DeepSeek's public training trace (deepseek-ai/profile-data @4496024
 * train.json, H800, one DualPipe forward+backward chunk pair of 4 MoE layers) spends 42.5 ms of host time in 911
 * kernel launches outside the dispatch wait = 47 µs per launch (attention forward 3.16 ms for 62 launches, attention
 * backward 4.77 ms for 93, MLP forward 0.73 ms for 20; the PyTorch profiler was on, which adds a few µs per op)
 * [derived from the trace's user annotations and cudaLaunchKernel events]. The same trace launches 231 kernels per MoE
 * layer forward+backward where this model counts 169 (with the 31-kernel router below), so charging 47 µs per
 * *modelled* kernel is a lower bound on the host time. CUDA graphs and torch.compile remove most of it
 * (`assumptions.hostUsPerKernel` ~0-5 for graphed runs). Cross-check, measured here (engine/measurements,
 * h200-2026-11-28.json `host`: torch 2.11 on the H200 machine's host, no profiler): a small Llama-style block's eager
 * forward + backward launches 112 kernels in 3.3 ms of host time (29.5 µs each; a bare op 6.1 µs); the model counts 56
 * kernels for that block with eager elementwise ops, 2.6 ms at 47 µs — the host time per layer, which is what binds,
 * within 20% (and under it, as a lower bound should be).
 */
export const HOST_US_PER_KERNEL = 47;

/**
 * Host time per kernel replayed from a CUDA graph, in µs: measured on the H200 machine, a graph of tiny kernels
 * replays at 0.963 µs per kernel (engine/measurements/h200-2026-11-28-layers.json `graphUsPerTinyKernel`).
 */
export const GRAPH_US_PER_KERNEL = 0.96;

/**
 * Kernels of a MoE router pass (gating GEMM, score function, top-k, normalisation, auxiliary-loss / bias terms,
 * routing map): 31 with Megatron-Core's `--moe-router-fusion`, 72 without — NVIDIA, "DeepSeek-V3 on GB200" optimisation
 * guide (NVIDIA/Megatron-LM @79e8592 docs/discussions/deepseek-v3-gb200-optimization §2.1.4: "reducing the total
 * number of kernels in the router part from 72 to 31"). The fused count is taken (router fusion ships with
 * Megatron-Core ≥ 0.14 and the NeMo / Megatron-Bridge recipes); it matters only where the host issue time binds.
 */
export const ROUTER_KERNELS = 31;

/**
 * Host-bound floor of a pass [derived]: kernels are issued asynchronously, so a pass takes max(GPU time, host issue
 * time); the host part only shows when the pass's kernels are so small that the CPU cannot keep the GPU's queue
 * full (tiny micro-batches, thin per-GPU shards). Counted per layer and pass: MoE token dispatchers synchronise the
 * host with the GPU every layer (all-to-all split sizes are copied to the host; dropless MoE layers have dynamic
 * shapes, which is why Megatron-Core cannot CUDA-graph them — Megatron-Core MoE README, "CUDA Graph Support"), so
 * the host cannot run ahead by more than about a layer. Inside an MoE layer's forward the synchronisation itself splits
 * the pass (`PassBuilder.hostSync`): each side is floored on its own, so host time before it cannot hide GPU time after.
 */
export function applyHostFloor(c: LayerCost, hostUsPerKernel: number = HOST_US_PER_KERNEL): void {
  // graphed launches replay at GRAPH_US_PER_KERNEL (never dearer than an eager launch)
  const issue = (kernels: number, graphed: number) => ((kernels - graphed) * hostUsPerKernel + graphed * Math.min(hostUsPerKernel, GRAPH_US_PER_KERNEL)) * 1e-6;
  for (const p of [c.f, c.b, c.w]) {
    const gpu = gpuSeconds(p);
    if (p.sync) {
      // a host synchronisation splits the pass: the host cannot issue what follows before the GPU has reached it, so
      // each side takes max(GPU, host issue) on its own [derived]
      const pre = Math.max(p.sync.gpu, issue(p.sync.kernels, p.sync.graphedKernels));
      const post = Math.max(gpu - p.sync.gpu, issue(p.kernels - p.sync.kernels, p.graphedKernels - p.sync.graphedKernels));
      p.host = Math.max(0, pre + post - gpu);
    } else p.host = Math.max(0, issue(p.kernels, p.graphedKernels) - gpu);
  }
}

export interface LayerCost {
  f: PassCost;
  b: PassCost;
  w: PassCost;
  /**
   * One transformer layer's GPU seconds per pass of what runs before its MLP / MoE dispatch (the attention block, the
   * pre-MLP norm, router and permutation): Megatron-Core's `pre_dispatch_computation` node; the rest is its `mlp` node
   * (models/common/model_chunk_schedule_plan.py). Used to schedule combined 1F1B layer by layer (step/combined-1f1b.ts).
   * Absent on sums of layers and on the embedding, head and MTP projection.
   */
  preDispatch?: { f: number; b: number; w: number };
}

const zero = (): PassCost => ({ gemm: 0, attention: 0, memory: 0, kernels: 0, graphedKernels: 0, host: 0, flops: 0 });

/** Seconds the GPU's kernels of a pass take (without the host-bound excess). */
export function gpuSeconds(p: PassCost): number {
  return p.gemm + p.attention + p.memory;
}

/** Total seconds of a pass (GPU kernels plus any host-bound excess). */
export function passSeconds(p: PassCost): number {
  return gpuSeconds(p) + p.host;
}

/** Sum of costs (for stages made of several layers). */
export function addCost(into: LayerCost, c: LayerCost, times = 1): void {
  addPass(into.f, c.f, times);
  addPass(into.b, c.b, times);
  addPass(into.w, c.w, times);
}

/**
 * Adds to `into` the kernels a forward pass issued since `since` (default: all of it), re-run in backward by
 * recomputation; host time is left to `applyHostFloor`, which runs after.
 */
function addRerun(into: PassCost, now: PassCost, since: PassCost = zero()): void {
  into.gemm += now.gemm - since.gemm;
  into.attention += now.attention - since.attention;
  into.memory += now.memory - since.memory;
  into.kernels += now.kernels - since.kernels;
  into.graphedKernels += now.graphedKernels - since.graphedKernels;
  into.flops += now.flops - since.flops;
}

function addPass(into: PassCost, c: PassCost, times: number): void {
  into.gemm += c.gemm * times;
  into.attention += c.attention * times;
  into.memory += c.memory * times;
  into.kernels += c.kernels * times;
  into.graphedKernels += c.graphedKernels * times;
  into.host += c.host * times;
  into.flops += c.flops * times;
}

export function emptyCost(): LayerCost {
  return { f: zero(), b: zero(), w: zero() };
}

/** Tokens of one micro-batch on one GPU before TP/SP splitting (the CP rank's share of the sequence). */
export function microBatchTokens(s: LayerShape): number {
  return (s.microBatch * s.sequenceLength) / s.context;
}

/** Tokens of one micro-batch that enter the MoE dispatch on one GPU (SP-sharded when TP > 1). */
export function moeTokensPerGpu(s: LayerShape): number {
  return microBatchTokens(s) / s.tensor;
}

/**
 * Accumulates the kernels of one layer for the three passes. A linear layer Y = X·W (X: M×K, W: K×N) costs
 * forward M×N×K, backward-for-input M×K×N (dX = dY·Wᵀ) in B, backward-for-weights K×N×M (dW = Xᵀ·dY) in W.
 */
class PassBuilder {
  readonly cost = emptyCost();
  /** torchtitan op-level SAC: every second matmul (counted in forward order) is recomputed, attention is saved. */
  private readonly opSac: boolean;
  private matmuls = 0;
  /** Whether the kernels issued now replay from a CUDA graph (`region`). */
  private graphed: boolean;
  constructor(
    private readonly shape: LayerShape,
    private readonly ctx: KernelContext,
  ) {
    this.opSac = opLevelCheckpointing(shape.recompute, shape.selectiveRecompute, shape.recomputeModules);
    this.graphed = shape.cudaGraphs?.includes('full_iteration') ?? false;
  }

  /**
   * The layer part the next kernels belong to, as Megatron-Core's `cuda_graph_scope` names them: `attn` (the
   * attention sublayer with its norm), `mlp` (a dense MLP with its norm), `moe_router` (an MoE layer's norm and router),
   * `moe_preprocess` (the token permutation), `moe` (the whole MoE layer, which includes the two before).
   */
  region(scope: 'attn' | 'mlp' | 'moe_router' | 'moe_preprocess' | 'moe_experts'): void {
    const g = this.shape.cudaGraphs ?? [];
    const moe = scope === 'moe_router' || scope === 'moe_preprocess' || scope === 'moe_experts';
    this.graphed = g.includes('full_iteration') || (moe && g.includes('moe')) || (scope !== 'moe_experts' && g.includes(scope));
  }

  /** `n` kernel launches in `pass` (graph replays when the current region is graphed). */
  private launch(pass: 'f' | 'b' | 'w', n: number): void {
    this.cost[pass].kernels += n;
    if (this.graphed) this.cost[pass].graphedKernels += n;
  }

  /**
   * The host waits for the GPU here in the forward pass (a dropless MoE dispatcher copies the per-expert token counts to
   * the host to size its all-to-all: Megatron-Core token_dispatcher.py `_maybe_dtoh_and_synchronize`, "A
   * synchronization is needed before expert parallel AlltoAll communication"; DeepEP's normal dispatch likewise waits
   * for the received-token count). `applyHostFloor` then floors each side of it separately.
   */
  hostSync(): void {
    const f = this.cost.f;
    f.sync = { gpu: gpuSeconds(f), kernels: f.kernels, graphedKernels: f.graphedKernels };
  }

  /** Marks the end of the layer's pre-dispatch part (`LayerCost.preDispatch`): the GPU seconds issued so far per pass. */
  dispatchPoint(): void {
    this.cost.preDispatch = this.gpuSoFar();
  }

  /** GPU seconds issued so far per pass. */
  gpuSoFar(): { f: number; b: number; w: number } {
    const c = this.cost;
    return { f: gpuSeconds(c.f), b: gpuSeconds(c.b), w: gpuSeconds(c.w) };
  }

  /** Counts the kernels issued since `since` (`gpuSoFar`) in the pre-dispatch part although they come after the mark. */
  movePreDispatch(since: { f: number; b: number; w: number }): void {
    const pre = this.cost.preDispatch;
    if (!pre) return;
    const now = this.gpuSoFar();
    pre.f += now.f - since.f;
    pre.b += now.b - since.b;
    pre.w += now.w - since.w;
  }

  /** The forward cost so far, to re-run a checkpointed block's forward in backward (`recomputeSince`). */
  mark(): PassCost {
    return { ...this.cost.f };
  }

  /**
   * A checkpointed block (Megatron-Core "normal checkpointing", plan/recompute.ts): the forward kernels issued since
   * `from` run once more in backward, before its gradients.
   */
  recomputeSince(from: PassCost): void {
    addRerun(this.cost.b, this.cost.f, from);
  }

  /**
   * A (grouped) GEMM. Launches: one per group — Transformer Engine's GroupedLinear, behind Megatron-Core's
   * `--moe-grouped-gemm`, "launch[es] multiple local GEMM kernels in multiple streams" (Megatron-Core MoE README).
   */
  private gemm(pass: 'f' | 'b' | 'w', g: GemmSpec): void {
    this.cost[pass].gemm += gemmSeconds(g, this.shape.gpu, this.ctx);
    this.launch(pass, g.groups ?? 1);
    this.cost[pass].flops += gemmFlops(g);
  }

  /**
   * A linear layer on `m` tokens. FP8 recipes add the quantisation passes of its inputs (activation in forward,
   * output-gradient and transposed activation in backward): `quantisationBytesPerElement` per element
   * [DeepSeek-V3 §3.5.2; TE/torchao cast + amax].
   */
  linear(
    m: number,
    k: number,
    n: number,
    precision: GemmPrecision,
    groups = 1,
    recomputeInBackward = false,
    parts: readonly number[] = [n],
    fusedQuant: { input?: boolean; outputGrad?: boolean } = {},
  ): void {
    if (m <= 0) return;
    this.gemm('f', { m, n, k, groups, precision });
    this.gemm('b', { m, n: k, k: n, groups, precision });
    this.gemm('w', { m: k, n, k: m, groups, precision });
    if (this.opSac) {
      // `parts`: the separate matmuls a fused projection stands for (Q, K, V; SwiGLU's w1 and w3), in forward order.
      // Grouped expert GEMMs are not `aten.mm` and stay saved.
      if (groups === 1) {
        for (const width of parts) {
          this.matmuls += 1;
          if (this.matmuls % 2 === 0) this.gemm('b', { m, n: width, k, groups, precision });
        }
      }
    } else if (recomputeInBackward) this.gemm('b', { m, n, k, groups, precision });
    const q = precision === 'bf16' ? 0 : this.shape.recipe.quantisationBytesPerElement;
    // `fusedQuant`: a neighbouring fused kernel writes this GEMM's input (forward and its transposed wgrad copy) or its
    // output gradient already quantised (the fused grouped MLP below)
    if (q > 0) {
      if (!fusedQuant.input) this.memory('f', q * m * k * groups, 1);
      if (!fusedQuant.outputGrad) this.memory('b', q * m * n * groups, 1);
      if (!fusedQuant.input) this.memory('w', q * m * k * groups, 1);
    }
  }

  /**
   * Attention core forward and backward. FlashAttention's backward recomputes the probabilities itself (its 2.5×
   * FLOP convention includes that). `recomputeForward`: selective activation recomputation that checkpoints the
   * core attention (Korthikanti et al. 2022 §5; Megatron-Core `--recompute-granularity selective`, core_attn) runs
   * the attention forward again in backward.
   */
  attention(a: AttentionSpec, recomputeForward: boolean): void {
    if (this.opSac) recomputeForward = false; // op SAC saves the SDPA output
    const gpu = this.shape.gpu;
    const fwd = attentionSeconds(a, 'forward', gpu, this.ctx);
    const bwd = attentionSeconds(a, 'backward', gpu, this.ctx);
    const flopsF = 2 * a.batch * a.seqQ * a.seqK * a.heads * (a.dQK + a.dV) * (a.causal ? 0.5 : 1);
    this.cost.f.attention += fwd;
    this.launch('f', 1);
    this.cost.f.flops += flopsF;
    this.cost.b.attention += bwd;
    this.launch('b', 1);
    this.cost.b.flops += 2.5 * flopsF;
    if (recomputeForward) {
      this.cost.b.attention += fwd;
      this.launch('b', 1);
      this.cost.b.flops += flopsF;
    }
  }

  /** Memory-bound kernels moving `bytes` (forward) — backward of elementwise ops moves about twice as much. */
  memory(pass: 'f' | 'b' | 'w', bytes: number, kernels: number): void {
    this.cost[pass].memory += streamSeconds(bytes, this.shape.gpu, kernels);
    this.launch(pass, kernels);
  }

  /**
   * An elementwise op in forward with its backward (2× the bytes: saved input + incoming grad → outgoing grad).
   * `eager`: which eager decomposition replaces the fused kernel when the plan says `elementwiseKernels: eager`.
   */
  elementwise(bytes: number, kernels: number, recomputed: boolean, eager?: EagerOp): void {
    if (this.opSac) recomputed = true; // op SAC saves only matmul and attention outputs
    if (eager && this.shape.elementwiseKernels === 'eager') {
      bytes *= EAGER[eager].bytes;
      kernels = EAGER[eager].kernels;
    }
    this.memory('f', bytes, kernels);
    this.memory('b', 2 * bytes, kernels);
    if (recomputed) this.memory('b', bytes, kernels);
  }
}

const ACT = 2; // BF16 activation bytes

/**
 * Cost of one transformer layer (attention + dense FFN or MoE) for one micro-batch on one GPU.
 * `ctx.smFraction` < 1 models communication kernels occupying SMs alongside (DualPipe overlap).
 */
export function transformerLayerCost(s: LayerShape, moe: boolean, ctx: KernelContext = {}): LayerCost {
  const { arch, recipe, tensor: t } = s;
  const pb = new PassBuilder(s, ctx);
  const h = arch.hiddenSize;
  const T = microBatchTokens(s);
  const Tsp = s.sequenceParallel ? T / t : T; // tokens of norm/residual tensors on this GPU
  const lin = recipe.gemm.linear;
  const rs = recomputeScope(s.recompute, arch, s.recomputeModules);
  const full = s.recompute === 'full';
  const att = arch.attention;
  // LayerNorm is one kernel in eager PyTorch too (aten native_layer_norm); only the RMSNorm decomposition differs
  const preNorm = (arch.norm ?? 'rmsnorm') === 'rmsnorm' ? 'norm' : undefined;

  // --- attention block ---------------------------------------------------------------------------------------
  pb.region('attn');
  // pre-norm (RMSNorm/LayerNorm: read h, write h) and residual add (read 2h, write h) [memory-bound]
  pb.elementwise(Tsp * h * ACT * 2, 1, rs.norms, preNorm);
  pb.elementwise(Tsp * h * ACT * 3, 1, false);
  let heads: number;
  let dQK: number;
  let dV: number;
  if (att.type === 'gqa') {
    heads = att.heads / t;
    const kvLocal = Math.max(1, att.kvHeads / t);
    dQK = att.headDim;
    dV = att.headDim;
    pb.linear(T, h, (heads + 2 * kvLocal) * att.headDim, lin, 1, false, [heads * att.headDim, kvLocal * att.headDim, kvLocal * att.headDim]);
    // rotary embedding on q and k (read + write); ALiBi lives inside the attention kernel, learned positions in the embedding
    if ((arch.positionEmbedding ?? 'rotary') === 'rotary') pb.elementwise(T * (heads + kvLocal) * att.headDim * ACT * 2, 1, false, 'rotary');
    pb.linear(T, heads * att.headDim, h, lin);
  } else {
    // MLA [DeepSeek-V2 §2.1; V3 §2.1.1]: down-projections replicated over TP, up-projections split by heads.
    heads = att.heads / t;
    const qHead = att.qkNopeHeadDim + att.qkRopeHeadDim;
    dQK = qHead;
    dV = att.vHeadDim;
    if (att.qLoraRank > 0) {
      pb.linear(T, h, att.qLoraRank, lin);
      pb.elementwise(T * att.qLoraRank * ACT * 2, 1, rs.mlaUpProjections, 'norm');
      // DeepSeek-V3 §3.2.3 recomputes the MLA up-projections in backward under its selective recomputation
      pb.linear(T, att.qLoraRank, heads * qHead, lin, 1, rs.mlaUpProjections);
    } else {
      pb.linear(T, h, heads * qHead, lin);
    }
    pb.linear(T, h, att.kvLoraRank + att.qkRopeHeadDim, lin);
    pb.elementwise(T * att.kvLoraRank * ACT * 2, 1, rs.mlaUpProjections, 'norm');
    pb.linear(T, att.kvLoraRank, heads * (att.qkNopeHeadDim + att.vHeadDim), lin, 1, rs.mlaUpProjections);
    pb.elementwise(T * (heads + 1) * att.qkRopeHeadDim * ACT * 2, 1, false, 'rotary');
    pb.linear(T, heads * att.vHeadDim, h, lin);
  }
  // Selective recomputation (plan/recompute.ts): by default Megatron's definition (core attention) for GQA/MHA models
  // and DeepSeek-V3's (norms and MLA up-projections, handled above) for MLA models [V3 §3.2.3].
  // context parallelism: ring CP calls the kernel once per KV block (s/CP keys), all-gather CP once over the gathered s
  const kernelSeqK = s.context > 1 && s.cpComm !== 'all-gather' ? s.sequenceLength / s.context : s.sequenceLength;
  pb.attention({ batch: s.microBatch, seqQ: s.sequenceLength / s.context, seqK: s.sequenceLength, heads, dQK, dV, causal: true, kernelSeqK }, rs.coreAttention);

  // --- FFN / MoE block -----------------------------------------------------------------------------------------
  // the pre-MLP norm goes with the router in an MoE layer (Megatron-Core's moe_router graph scope), with the MLP otherwise
  pb.region(moe && arch.moe ? 'moe_router' : 'mlp');
  pb.elementwise(Tsp * h * ACT * 2, 1, rs.norms, preNorm);
  pb.elementwise(Tsp * h * ACT * 3, 1, false);
  const swiglu = arch.ffn.activation === 'swiglu';
  // `actRecomputed`: the activation output is not stored (selective scope or FP8 SwiGLU caching [V3 §3.3.3]); inside a
  // checkpointed block the whole block re-runs instead
  const act = (tokens: number, width: number, actRecomputed: boolean) =>
    // SwiGLU reads gate and up, writes the product (3 tensors); GeLU reads and writes (2)
    pb.elementwise(tokens * width * ACT * (swiglu ? 3 : 2), 1, actRecomputed, swiglu ? 'swiglu' : undefined);
  // `fused`: Transformer Engine's fused grouped MLP (assumptions.expertMlpKernels): the gated activation and FC2's input
  // quantisation run in FC1's epilogue, the activation backward and FC1's output-gradient quantisation in FC2's dgrad
  // epilogue (ops/fused/grouped_mlp.py `grouped_gemm_glu` / `grouped_gemm_dglu` kernels); the GEMMs stay
  const mlp = (tokens: number, width: number, precision: GemmPrecision, groups: number, actRecomputed: boolean, fused = false) => {
    pb.linear(tokens, h, (swiglu ? 2 : 1) * width, precision, groups, false, swiglu ? [width, width] : [width], { outputGrad: fused });
    if (!fused) act(tokens * groups, width, actRecomputed);
    pb.linear(tokens, width, h, precision, groups, false, [h], { input: fused });
  };
  const swigluCached = recipe.recomputeSwigluOutput === true;
  if (moe && arch.moe) {
    const m = arch.moe;
    const moeStart = pb.mark();
    const Tm = moeTokensPerGpu(s);
    // router: logits GEMM (BF16 per recipe) + sigmoid/softmax, top-k, in FP32 over E scores [V3 §3.3.1]; the score
    // work streams ~3 FP32 passes over the E scores but is ROUTER_KERNELS − 1 small kernels (launch-bound, see below)
    pb.linear(Tm, h, m.routedExperts, recipe.gemm.router);
    pb.elementwise(Tm * m.routedExperts * 4 * 3, ROUTER_KERNELS - 1, false);
    // routed experts: E/EP experts per GPU, each receiving EP·ETP·Tm·k/E tokens (balanced) × the busiest GPU's imbalance
    const expertsPerGpu = m.routedExperts / s.expert;
    const tokensPerExpert = ((s.expert * s.expertTensor * Tm * m.topK) / m.routedExperts) * s.moeGpuImbalance;
    const width = m.expertIntermediateSize / s.expertTensor;
    // permute into per-expert layout and back, weighted combine of the top-k outputs (read + write per copy)
    const copies = tokensPerExpert * expertsPerGpu;
    pb.region('moe_preprocess');
    pb.elementwise(copies * h * ACT * 2 * 2 + Tm * m.topK * h * ACT, 3, false);
    // Megatron-Core's NCCL all-to-all dispatcher permutes twice each way: the token copies by destination rank before
    // the all-to-all ("permutation 1") and the received ones by local expert after it ("Permutation 2: Sort tokens by
    // local expert", only when a GPU holds more than one expert), and both back in combine (token_dispatcher.py
    // MoEAlltoAllTokenDispatcher dispatch_preprocess / dispatch_postprocess / combine_preprocess / combine_postprocess).
    // The flex dispatcher (DeepEP, HybridEP) "fuses the global permute into the communication kernel" (Megatron-LM
    // docs/discussions/deepseek-v3-gb200-optimization.md @3c1b98e^ §2.1), leaving the one permute charged above. So the
    // all-to-all dispatcher adds one read + write of the k·T token copies each way [derived].
    if (s.moeDispatcher === 'alltoall' && s.expert > 1 && expertsPerGpu > 1) pb.elementwise(Tm * m.topK * h * ACT * 2 * 2, 2, false);
    // the dispatcher's host synchronisation, after permutation 1 and before the all-to-all
    pb.hostSync();
    pb.dispatchPoint();
    pb.region('moe_experts');
    mlp(tokensPerExpert, width, recipe.gemm.expert, expertsPerGpu, !rs.moeLayer && (rs.expertActivation || swigluCached), s.expertMlpKernels === 'fused');
    // shared experts after the routed ones, as Megatron-Core's MoELayer issues them without shared-expert overlap
    if (m.sharedExperts > 0) {
      const sharedStart = pb.mark();
      const before = pb.gpuSoFar();
      const inBlock = rs.moeLayer || rs.sharedExperts;
      mlp(T, (m.sharedExperts * m.expertIntermediateSize) / t, recipe.gemm.expert, 1, !inBlock && (rs.sharedActivation || swigluCached));
      if (rs.sharedExperts && !rs.moeLayer) pb.recomputeSince(sharedStart);
      // combined 1F1B computes the shared experts in the pre-dispatch node, beside the dispatch (Megatron-LM
      // megatron/core/models/gpt/fine_grained_callables.py `submodule_pre_dispatch_forward`: shared_experts_compute)
      pb.movePreDispatch(before);
    }
    if (rs.moeLayer) pb.recomputeSince(moeStart);
  } else {
    pb.dispatchPoint();
    const mlpStart = pb.mark();
    mlp(T, arch.ffn.intermediateSize / t, lin, 1, !rs.denseMlp && (rs.denseActivation || swigluCached));
    if (rs.denseMlp) pb.recomputeSince(mlpStart);
  }

  const cost = pb.cost;
  // full activation recomputation: the forward pass runs again before the backward [Narayanan 2021 §3.5]
  if (full) addRerun(cost.b, cost.f);
  applyHostFloor(cost, s.hostUsPerKernel);
  return cost;
}

/** Input embedding look-up (forward gather, backward scatter-add into the FP32 gradient). */
export function embeddingCost(s: LayerShape): LayerCost {
  const pb = new PassBuilder(s, {});
  const T = microBatchTokens(s);
  const Tsp = s.sequenceParallel ? T / s.tensor : T;
  const h = s.arch.hiddenSize;
  pb.memory('f', Tsp * h * ACT * 2, 1);
  pb.memory('w', T * h * (ACT + 4 + 4), 1);
  applyHostFloor(pb.cost, s.hostUsPerKernel);
  return pb.cost;
}

/**
 * Output head and cross-entropy loss: logits GEMM (vocabulary split over TP) plus the loss, computed in FP32 over
 * the T × V/TP logits (memory-bound). Bytes per logit, counted from the frameworks' loss code [derived]:
 * - forward 18 B: cast BF16 → FP32 (read 2, write 4), softmax statistics (max and sum-exp: read 4 twice) and the
 *   FP32 (log-)softmax written for backward (4). PyTorch `F.cross_entropy` = log_softmax + nll_loss on the
 *   `.float()` logits (torchtitan); Megatron `vocab_parallel_cross_entropy` upcasts the logits to FP32 and keeps
 *   exp(logits)/sum for backward (megatron/core/tensor_parallel/cross_entropy.py).
 * - backward 22 B: FP32 gradient buffer initialised and scattered at the targets (4), softmax backward (read
 *   gradient and saved softmax, write: 12), cast back to BF16 for the head GEMM's backward (read 4, write 2).
 * Before this count the loss was charged 10 B per logit (a single fused pass), which left the large-vocabulary
 * runs (Llama 3 128k, Qwen3 152k) a few per cent too fast on the last pipeline stage.
 */
export function headCost(s: LayerShape, ctx: KernelContext = {}): LayerCost {
  const pb = new PassBuilder(s, ctx);
  const T = microBatchTokens(s);
  const Tsp = s.sequenceParallel ? T / s.tensor : T;
  const h = s.arch.hiddenSize;
  const v = s.arch.vocabSize / s.tensor;
  pb.memory('f', Tsp * h * ACT * 2, 1); // final norm
  pb.linear(T, h, v, s.recipe.gemm.head);
  pb.memory('f', T * v * 18, 3); // FP32 cast, softmax statistics, saved (log-)softmax
  pb.memory('b', T * v * 22, 3); // FP32 gradient init/scatter, softmax backward, BF16 cast
  applyHostFloor(pb.cost, s.hostUsPerKernel);
  return pb.cost;
}

/** MTP module projection M_k (d×2d) with its two RMSNorms [DeepSeek-V3 §2.2 eq. 21]; the block and head are added separately. */
export function mtpProjectionCost(s: LayerShape, ctx: KernelContext = {}): LayerCost {
  const pb = new PassBuilder(s, ctx);
  const T = microBatchTokens(s);
  const h = s.arch.hiddenSize;
  pb.elementwise(2 * T * h * ACT * 2, 2, s.recompute !== 'none');
  pb.linear(T, 2 * h, h, s.recipe.gemm.linear);
  applyHostFloor(pb.cost, s.hostUsPerKernel);
  return pb.cost;
}
