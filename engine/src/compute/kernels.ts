/**
 * Per-kernel time on a GPU profile: GEMMs (roofline with tile/wave quantisation and a K roll-off), the
 * FlashAttention-class attention core, and memory-bound streaming kernels. Efficiency parameters come from the
 * GPU profile (`catalog/gpu-efficiency.ts`, each with its published source); nothing here is per plan.
 */
import type { GemmPrecision, GpuProfile } from '../catalog/types.js';

/** Bytes per element a GEMM reads its operands in. FP8/FP4 operands are 1 and 0.5 bytes; outputs are BF16. */
const OPERAND_BYTES: Record<GemmPrecision, number> = { bf16: 2, fp8: 1, fp4: 0.5 };
const OUTPUT_BYTES = 2;

/** Dense peak FLOP/s of `p` on `gpu`; a precision the GPU lacks runs at its BF16 peak (what frameworks fall back to). */
export function peakFlops(gpu: GpuProfile, p: GemmPrecision): number {
  const t = gpu.peakTflops[p] ?? gpu.peakTflops.bf16;
  return t * 1e12;
}

/** Precision actually used for `p` on `gpu` (falls back to BF16 when the GPU has no `p` peak). */
export function effectivePrecision(gpu: GpuProfile, p: GemmPrecision): GemmPrecision {
  return gpu.peakTflops[p] !== undefined ? p : 'bf16';
}

/** Options shared by the kernel models. */
export interface KernelContext {
  /** Fraction of the SMs available to compute (1 − commSms/sms while communication kernels run alongside). */
  smFraction?: number;
}

/**
 * Share of the SMs left to compute while expert-parallel communication kernels run alongside it:
 * (SMs − commSms) / SMs, at least 0.05; a profile without `commSms` gives 20/132 of its SMs to communication
 * [DeepSeek-V3 arXiv 2412.19437 §3.5.1: 20 of 132 H800 SMs]. One definition for the stage model and the search bounds.
 */
export function computeSmFraction(gpu: GpuProfile): number {
  const commSms = gpu.efficiency.commSms ?? Math.round((gpu.sms * 20) / 132);
  return Math.max(0.05, (gpu.sms - commSms) / gpu.sms);
}

/**
 * Fraction of the provisioned tile work that is useful, after tile quantisation (partial tiles at the matrix edges)
 * and wave quantisation (a partial last wave of tiles on the SMs) [NVIDIA "Matrix Multiplication Background" §3.1,
 * §3.2]. cuBLAS/CUTLASS heuristics pick among tile shapes, so the best of the profile tile and its halves is taken;
 * a smaller tile is charged for its lower operand reuse (operand traffic per FLOP ∝ 1/tm + 1/tn).
 * `streamK` (profile `gemmStreamK`): a stream-K schedule [Osama et al., "Stream-K: Work-centric Parallel
 * Decomposition for Dense Matrix-Matrix Multiplication on the GPU", arXiv 2301.03598] divides the K iterations of all
 * tiles evenly over the SMs, so only edge quantisation remains, at `streamK` of the ideal rate — while there are at
 * least as many K-chunks as SMs (at most STREAM_K_SPLITS per tile, below which SMs idle).
 */
export function quantisationEfficiency(m: number, n: number, groups: number, tileM: number, tileN: number, sms: number, streamK = 0): number {
  const refTraffic = 1 / tileM + 1 / tileN;
  let best = 0;
  // candidates: (tileM, tileN), (tileM, tileN/2), (tileM/2, tileN/2)
  for (let c = 0; c < 3; c++) {
    const tm = c === 2 ? tileM / 2 : tileM;
    const tn = c === 0 ? tileN : tileN / 2;
    const tiles = groups * Math.ceil(m / tm) * Math.ceil(n / tn);
    const waves = Math.ceil(tiles / sms);
    const useful = (groups * m * n) / (waves * sms * tm * tn);
    // operand traffic per FLOP grows as 1/tm + 1/tn; charged at its square root (a bandwidth-bound main loop
    // loses in proportion, a compute-bound one much less) [derived]
    const reuse = Math.sqrt(refTraffic / (1 / tm + 1 / tn));
    let e = useful * reuse;
    if (streamK > 0) {
      const edge = (groups * m * n) / (tiles * tm * tn);
      const busy = Math.min(1, (tiles * STREAM_K_SPLITS) / sms);
      e = Math.max(e, edge * reuse * streamK * busy);
    }
    if (e > best) best = e;
  }
  return best < 1 ? best : 1;
}

/** Most K-chunks a stream-K schedule splits one output tile into (fix-up cost grows with the split) [assumed]. */
const STREAM_K_SPLITS = 8;

/**
 * Size roll-off: efficiency relative to a very large GEMM is S/(S + c), with S = 3/(1/M + 1/N + 1/K) the harmonic
 * mean of the three dimensions and c = `gemmHalfEfficiencyDim` (the size at which half the large-GEMM efficiency is
 * reached). Small dimensions cost in every direction: M and N through fewer/partial tiles per SM and less operand
 * reuse, K through the per-tile prologue/epilogue amortised over fewer main-loop steps [derived]. c scales with the
 * precision's speed (an FP8 main-loop step takes half the time of a BF16 one, so twice the size is needed to
 * amortise the same fixed costs). Fit: H100 FP8 squares 2048³/4096³/8192³/16384³ measured 0.51/0.61/0.65/0.70 of
 * peak (Azure AI-benchmarking-guide, kernel-efficiency-facts.md §1.2); the H100 profile (0.78 FP8 asymptote, c = 640 BF16 →
 * 1280 FP8) gives 0.42/0.57/0.65/0.71 through `gemmSeconds` (with tile quantisation and the per-kernel overhead).
 */
export function sizeEfficiency(m: number, n: number, k: number, gpu: GpuProfile, p: GemmPrecision): number {
  const c = gpu.efficiency.gemmHalfEfficiencyDim * (peakFlops(gpu, p) / peakFlops(gpu, 'bf16'));
  // Rows below a few tiles are charged by tile quantisation and the memory roofline instead (a skinny GEMM streams
  // its weights; DeepGEMM M=64/128 rows run at 1.5-2.7 TB/s), so M is floored at 4 tile heights here.
  const mEff = Math.max(m, 4 * gpu.efficiency.gemmTile.m);
  const s = 3 / (1 / mEff + 1 / n + 1 / k);
  return s / (s + c);
}

export interface GemmSpec {
  m: number;
  n: number;
  k: number;
  /** Independent GEMMs of this shape run as one grouped kernel (MoE experts, attention batches). */
  groups?: number;
  precision: GemmPrecision;
}

/** FLOPs of a (grouped) GEMM: 2·m·n·k per group. */
export function gemmFlops(g: GemmSpec): number {
  return 2 * g.m * g.n * g.k * (g.groups ?? 1);
}

/**
 * Seconds for one (grouped) GEMM: max(compute, memory) + kernel overhead, where
 * compute = FLOPs / (peak × SM share × gemmPeakFraction × quantisation × size roll-off) and
 * memory = operand + output bytes / (HBM bandwidth × hbmFraction) (roofline; skinny GEMMs become memory-bound).
 */
export function gemmSeconds(g: GemmSpec, gpu: GpuProfile, ctx: KernelContext = {}): number {
  if (g.m <= 0 || g.n <= 0 || g.k <= 0) return 0;
  const groups = g.groups ?? 1;
  const p = effectivePrecision(gpu, g.precision);
  const e = gpu.efficiency;
  const smFraction = ctx.smFraction ?? 1;
  const sms = Math.max(1, Math.floor(gpu.sms * smFraction));
  // a precision without its own measured fraction uses the BF16 one (required in every profile)
  const frac = e.gemmPeakFraction[p] ?? e.gemmPeakFraction.bf16;
  const q = quantisationEfficiency(g.m, g.n, groups, e.gemmTile.m, e.gemmTile.n, sms, e.gemmStreamK ?? 0);
  // A grouped GEMM is one persistent kernel over the tiles of all its groups, so its roll-off sees the groups' rows
  // together: measured on an H200, 16 experts × 512 tokens run at 657 TFLOPS, as fast as one large GEMM, where per-group
  // rows would put them 25% lower (engine/measurements/h200-2026-11-28.json groupedGemm) [measured].
  const rate = peakFlops(gpu, p) * (sms / gpu.sms) * frac * q * sizeEfficiency(g.m * groups, g.n, g.k, gpu, p);
  const compute = gemmFlops(g) / rate;
  const bytes = groups * ((g.m * g.k + g.k * g.n) * OPERAND_BYTES[p] + g.m * g.n * OUTPUT_BYTES);
  const memory = bytes / (gpu.hbmBandwidthGBs * 1e9 * e.hbmFraction);
  return Math.max(compute, memory) + e.kernelOverheadUs * 1e-6;
}

/**
 * Attention-core (FlashAttention-class) cost. FLOPs follow the FlashAttention papers' convention
 * [FA2 arXiv 2307.08691 §4.1; FA3 arXiv 2407.08608 §4.1]: forward 2·sq·sk·heads·(d_qk + d_v) per sequence, halved for
 * causal masks; backward 2.5 × forward.
 */
export interface AttentionSpec {
  /** Sequences (micro-batch size). */
  batch: number;
  /** Query positions this GPU computes (s / context-parallel degree). */
  seqQ: number;
  /** Key positions each query attends to at most (the full sequence s). */
  seqK: number;
  /** Heads on this GPU (heads / tensor-parallel degree). */
  heads: number;
  dQK: number;
  dV: number;
  causal: boolean;
  /**
   * Key positions of one kernel call, for the sequence-length roll-off (default seqK). Ring context parallelism runs one
   * call per KV block of s/CP positions as the block goes round the ring [Liu et al., arXiv 2310.01889 §3; Transformer
   * Engine AttnFuncWithCPAndKVP2P], so its kernels run at the block's length, not the sequence's.
   */
  kernelSeqK?: number;
}

export function attentionForwardFlops(a: AttentionSpec): number {
  const full = 2 * a.batch * a.seqQ * a.seqK * a.heads * (a.dQK + a.dV);
  return a.causal ? full / 2 : full;
}

/**
 * Sequence-length roll-off of the attention kernel relative to its long-sequence rate: s/(s + s0), normalised at
 * s = 16k. Forward s0 = 400 fits FA3's causal d=128 forward series 292/423/521/579/602/616 TFLOP/s at s = 512…16k
 * (kernel-efficiency-facts.md §2.2; model gives 0.57/0.73/0.84/0.91/0.95/1.0 of the 16k rate vs 0.47/0.69/0.85/0.94/0.98/1.0)
 * and the H200 SDPA measurements (engine/measurements/h200-2026-11-28.json, causal d=128 at s = 1k…32k: cuDNN forward
 * 0.74/0.86/0.93/0.98/1/1.03 of its 16k rate, flash 0.73/0.90/0.96/1.01/1/1.01; model 0.74/0.86/0.93/0.98/1/1.01).
 * Backward rolls off later: s0 = 700 fits the same measurements (cuDNN 0.61/0.76/0.87/0.95/1/1.02, flash
 * 0.59/0.74/0.85/0.94/1/1.01; model 0.62/0.78/0.89/0.96/1/1.02) [measured]. The unfused (non-flash) class keeps the
 * forward curve in both passes: its fractions were derived from end-to-end runs with it (catalog/gpu-efficiency.ts).
 */
function seqEfficiency(s: number, s0: number): number {
  return s / (s + s0) / (16384 / (16384 + s0));
}
const SEQ_S0_FORWARD = 400;
const SEQ_S0_BACKWARD_FLASH = 700;

/**
 * Head-dimension factor relative to d = 128, from FA3 non-causal forward at 16k: d=64 497, d=128 648, d=256 756
 * TFLOP/s (kernel-efficiency-facts.md §2.2) → 0.77 / 1 / 1.17, interpolated in log2(d).
 */
function headDimEfficiency(d: number): number {
  const x = Math.log2(Math.max(32, Math.min(256, d)));
  if (x <= 7) return 0.77 + (x - 6) * (1 - 0.77);
  return 1 + (x - 7) * (1.17 - 1);
}

/** Seconds of the attention core forward or backward (recomputation of the probabilities included in backward). */
export function attentionSeconds(a: AttentionSpec, pass: 'forward' | 'backward', gpu: GpuProfile, ctx: KernelContext = {}): number {
  if (a.batch <= 0 || a.seqQ <= 0 || a.heads <= 0) return 0;
  const e = gpu.efficiency;
  const smFraction = ctx.smFraction ?? 1;
  const fwd = attentionForwardFlops(a);
  const flops = pass === 'forward' ? fwd : 2.5 * fwd;
  const frac = pass === 'forward' ? e.attentionForwardFraction : e.attentionBackwardFraction;
  const s0 = pass === 'backward' && (e.attentionKernel ?? 'flash2') !== 'unfused' ? SEQ_S0_BACKWARD_FLASH : SEQ_S0_FORWARD;
  const rate = peakFlops(gpu, 'bf16') * smFraction * frac * seqEfficiency(a.kernelSeqK ?? a.seqK, s0) * headDimEfficiency((a.dQK + a.dV) / 2);
  return flops / rate + e.kernelOverheadUs * 1e-6;
}

/**
 * Seconds to stream `bytes` through HBM at the achievable fraction of its bandwidth (memory-bound kernels), plus the
 * fixed cost of each kernel (`memoryKernelOverheadUs`, else `kernelOverheadUs`).
 */
export function streamSeconds(bytes: number, gpu: GpuProfile, kernels = 0): number {
  const e = gpu.efficiency;
  return bytes / (gpu.hbmBandwidthGBs * 1e9 * e.hbmFraction) + kernels * (e.memoryKernelOverheadUs ?? e.kernelOverheadUs) * 1e-6;
}
