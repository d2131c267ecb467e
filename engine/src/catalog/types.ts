/**
 * Typed shapes of the built-in catalog (GPU, link and model presets).
 * Every number in a profile carries its source in `sources` (field path → citation).
 * The db package stores these shapes; the engine owns them and the default data.
 */

/** Numeric precisions a GEMM can run at. */
export type GemmPrecision = 'bf16' | 'fp8' | 'fp4';

/**
 * Attention-core kernel classes a GPU profile can carry efficiencies for: `unfused` (QKᵀ, softmax and AV as separate
 * kernels over the full score matrix, as in the 2021-22 Megatron runs), `pytorch-flash` (flash attention as the
 * PyTorch-native training stacks ran it end to end: llm-foundry's Triton kernel in 2023, torchtitan's SDPA in 2024;
 * measured from their published throughput tables, not from a kernel benchmark), `flash2` (the FlashAttention-2 kernel
 * at its isolated-benchmark rate), `flash3` (Hopper/Blackwell-native kernels: FlashAttention-3, cuDNN fused attention
 * as Transformer Engine runs it, DeepSeek's and NVIDIA's Blackwell kernels).
 */
export const ATTENTION_KERNELS = ['unfused', 'pytorch-flash', 'flash2', 'flash3'] as const;
export type AttentionKernel = (typeof ATTENTION_KERNELS)[number];

/**
 * Software-stack presets a plan can name with `assumptions.framework` (their settings: plan/assumptions.ts
 * `FRAMEWORK_PRESETS`); `generic` sets nothing.
 */
export const FRAMEWORKS = ['generic', 'megatron-core', 'torchtitan', 'torchtitan-compile'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Citation per field: key is the dotted field path inside the profile (e.g. "peakTflops.bf16"). */
export type Sources = Record<string, string>;

/**
 * Achievable-efficiency parameters of one GPU, from published kernel measurements
 * (`../shared/kernel-efficiency-facts.md`). Owned by the time model (compute/), stored in the profile.
 */
export interface GpuEfficiency {
  /**
   * Dense GEMM throughput / dense peak for very large shapes, per precision (the asymptote of the size roll-off in
   * compute/kernels.ts; from large-GEMM measurements such as MAMF or 16384³ cuBLAS runs).
   */
  gemmPeakFraction: { bf16: number } & Partial<Record<GemmPrecision, number>>;
  /** Output tile edge (rows, cols) used for tile/wave quantisation. */
  gemmTile: { m: number; n: number };
  /**
   * BF16 GEMM size (harmonic mean of M, N, K) at which half of the large-GEMM efficiency is reached (size roll-off,
   * compute/kernels.ts `sizeEfficiency`); FP8/FP4 scale it by their peak ratio to BF16.
   */
  gemmHalfEfficiencyDim: number;
  /**
   * GEMM libraries with a stream-K / split-K schedule (cuBLAS and CUTLASS 3 on Hopper) spread the K loop of all output
   * tiles over all SMs, so a partial last wave costs little: the fraction of the ideal rate such a schedule keeps
   * (fix-up reductions, shorter main loops). Absent: tiles run in whole waves (wave quantisation only).
   */
  gemmStreamK?: number;
  /** Attention kernel (FlashAttention-class) achieved fraction of BF16 peak, forward and backward, at long sequences. */
  attentionForwardFraction: number;
  attentionBackwardFraction: number;
  /** Kernel class the two fractions above describe (absent: `flash2`). */
  attentionKernel?: AttentionKernel;
  /**
   * Other attention kernel classes measured on this GPU (forward / backward fractions of the BF16 peak, same
   * convention); a plan selects one with `assumptions.attentionKernel`.
   */
  attentionKernels?: Partial<Record<AttentionKernel, { forward: number; backward: number }>>;
  /**
   * Software stack assumed when a plan names none (`assumptions.framework` absent): the stack whose measured kernel
   * classes this profile's defaults describe, so that an unstated plan is timed as one stack that exists rather than
   * a mix of several. Absent: `generic` (the assumption defaults and the profile's default attention class).
   */
  defaultFramework?: Framework;
  /** Achievable fraction of HBM bandwidth for streaming (memory-bound) kernels. */
  hbmFraction: number;
  /** Fixed per-kernel launch/synchronisation overhead in microseconds. */
  kernelOverheadUs: number;
  /**
   * Fixed cost of one memory-bound (streaming) kernel in microseconds — launch, DRAM latency ramp and tail, which a
   * back-to-back stream of elementwise kernels pays each time (t = t0 + bytes / bandwidth). Absent: `kernelOverheadUs`.
   */
  memoryKernelOverheadUs?: number;
  /**
   * SMs (CUs) that expert-parallel all-to-all kernels occupy while they run alongside compute (DeepEP-style
   * communication kernels); overlapped compute runs on the remaining SMs. Absent: 20/132 of the SMs
   * (DeepSeek-V3 §3.5.1: 20 of 132 H800 SMs).
   */
  commSms?: number;
}

/** A GPU profile. Peaks are dense (no sparsity). */
export interface GpuProfile {
  id: string;
  vendor: 'nvidia' | 'amd';
  name: string;
  /** Dense peak TFLOP/s per precision (10^12 FLOP/s). Missing = unsupported. */
  peakTflops: { bf16: number; fp8?: number; fp4?: number };
  /** Usable HBM capacity in GiB (2^30 bytes). */
  memoryGiB: number;
  /** HBM bandwidth in GB/s (10^9 B/s). */
  hbmBandwidthGBs: number;
  /** Streaming multiprocessors (NVIDIA) or compute units (AMD). */
  sms: number;
  /** Per-GPU scale-up (NVLink / xGMI) bandwidth, one direction, GB/s. */
  scaleUpBandwidthGBs: number;
  tdpWatts: number;
  /**
   * The GPU's link to host (CPU) memory, one direction: PCIe or NVLink-C2C; nominal GB/s and the fraction a copy-engine
   * transfer reaches. What CPU activation offloading (`parallelism.cpuOffloadLayers`) crosses. Absent: not known, and
   * a plan that offloads is refused.
   */
  hostLink?: { bandwidthGBs: number; efficiency: number };
  /** Default price per GPU-hour in USD (a dated market snapshot). */
  usdPerGpuHour: number;
  priceSnapshotDate: string;
  defaults: { gpusPerNode: number; intraNode: string; interNode: string };
  efficiency: GpuEfficiency;
  sources: Sources;
}

/** Link kinds: intra-node scale-up (NVSwitch, xGMI, NVL72) or scale-out per NIC (IB, RoCE). */
export type LinkKind = 'intra-node' | 'scale-out';

export interface LinkProfile {
  id: string;
  kind: LinkKind;
  name: string;
  /** Nominal unidirectional bandwidth per GPU (intra-node) or per NIC (scale-out), GB/s. */
  bandwidthGBs: number;
  /** Per-message latency (alpha) in microseconds. */
  latencyUs: number;
  /** Achievable fraction of nominal bandwidth for large collectives (NCCL busbw / line rate). */
  efficiency: number;
  /** Largest domain the link connects (GPUs per NVLink domain); scale-out links: Infinity is not allowed, use 0 = unbounded. */
  maxGpus: number;
  sources: Sources;
}

export type AttentionArch =
  | { type: 'gqa'; heads: number; kvHeads: number; headDim: number }
  | {
      type: 'mla';
      heads: number;
      /** 0 = no query compression. */
      qLoraRank: number;
      kvLoraRank: number;
      qkNopeHeadDim: number;
      qkRopeHeadDim: number;
      vHeadDim: number;
    };

export interface MoeArch {
  /** The first N layers use the dense FFN. */
  denseLayers: number;
  routedExperts: number;
  sharedExperts: number;
  expertIntermediateSize: number;
  topK: number;
}

/** A model architecture (inline form of plan-format.md, fully resolved). */
export interface ModelArch {
  name: string;
  layers: number;
  hiddenSize: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  attention: AttentionArch;
  ffn: { activation: 'swiglu' | 'gelu'; intermediateSize: number };
  /**
   * Layer norm kind (absent: `rmsnorm`, as Llama, Qwen, Mixtral and DeepSeek use). Matters for eager stacks only:
   * PyTorch's LayerNorm is one kernel, the RMSNorm Llama-family code writes decomposes into seven (compute/layer.ts EAGER).
   */
  norm?: 'rmsnorm' | 'layernorm';
  /**
   * Position encoding of GQA/MHA attention (absent: `rotary`): `rotary` costs a memory-bound pass over q and k; ALiBi is a
   * bias inside the attention kernel and learned positions one add at the embedding, both left out. MLA models carry
   * their rotary part in `qkRopeHeadDim`.
   */
  positionEmbedding?: 'rotary' | 'alibi' | 'learned';
  moe?: MoeArch;
  mtp: { depth: number };
}

export interface ModelPreset {
  id: string;
  name: string;
  arch: ModelArch;
  /** Published parameter counts to check against (total, active), where the source gives them. */
  published?: { totalParams?: number; activeParams?: number };
  sources: Sources;
}

export interface Catalog {
  gpus: Record<string, GpuProfile>;
  links: Record<string, LinkProfile>;
  models: Record<string, ModelPreset>;
}
