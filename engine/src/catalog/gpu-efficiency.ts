/**
 * Achievable kernel efficiency per GPU, from published measurements (../shared/kernel-efficiency-facts.md, "KEF";
 * ../shared/deepseek-v3-and-hardware.md, "DSH"). Owned by the time model; `gpus.ts` attaches these to each GPU
 * profile. ONE set per GPU, never per plan; the calibration test checks them against published training runs they
 * were not fitted to case by case.
 *
 * How each field is used (compute/kernels.ts):
 * - gemmPeakFraction: large-GEMM efficiency (asymptote of the size roll-off S/(S + c), S = harmonic mean of M, N, K).
 * - gemmHalfEfficiencyDim: c for BF16 (FP8 uses c × FP8/BF16 peak ratio).
 * - attentionForward/BackwardFraction: FlashAttention-class kernel at long sequences, head dim 128, of the BF16 peak.
 * - hbmFraction: streaming kernels' share of HBM bandwidth. kernelOverheadUs: fixed cost per kernel.
 * - commSms: SMs the expert all-to-all kernels occupy while overlapped with compute.
 */
import type { GpuEfficiency, Sources } from './types.js';

export interface EfficiencyEntry {
  efficiency: GpuEfficiency;
  sources: Sources;
}

const MAMF = 'Max achievable matmul FLOPS, stas00/ml-engineering compute/accelerator/README.md @744d01e (KEF §1.1)';
const AZURE = 'Azure/AI-benchmarking-guide cuBLASLt square GEMMs (KEF §1.2)';
const ROLLOFF =
  'fit of the GEMM model (size roll-off × tile/wave quantisation + per-kernel overhead, compute/kernels.ts) to the Azure H100 FP8 squares 2048³…16384³ = 0.51/0.61/0.65/0.70 of peak (KEF §1.2): c = 640 for BF16 (× FP8/BF16 peak ratio = 1280 for FP8) with the 0.78 FP8 asymptote gives 0.42/0.57/0.65/0.71 [computed]; tile quantisation per NVIDIA Matrix Multiplication Background §3 (DU-09799-001)';
const BABEL = 'BabelStream, Azure/AI-benchmarking-guide (A100 79-86%, H100 87-95%, H200 83-93%, MI300X 75-81%; KEF §3)';
const H200_SDPA =
  'measured here on an H200 (same SMs and clocks as the H100 SXM), engine/measurements/h200-2026-11-28.json (hopper_kernels.py: torch 2.11 SDPA, causal, d=128, 32 heads, 32k tokens per call, CUDA-event medians)';
const FA2_H100 =
  `FlashAttention-2 kernel in isolation on Hopper: ${H200_SDPA}, PyTorch's flash backend (FlashAttention-2) at s = 16k: forward 333, backward 315 TFLOPS → 0.34 / 0.32 of 989 (at 8k-32k: 0.34 / 0.30-0.32); the FlashAttention-3 paper's FA2 bars agree on the forward (arXiv 2407.08608 Figs. 5-7: 333/335 causal at 8k/16k; KEF §2.2). The published PyTorch-native H100 runs do not reach it end to end (see pytorch-flash); Llama 3 405B at 131k context (Meta's own stack) does`;
/**
 * `pytorch-flash` is measured from end-to-end training tables, not from a kernel benchmark: in a sweep that changes only
 * the sequence length s, per-token time is t(s) = a + b·s, where a (GEMMs, norms, communication per token) does not
 * depend on s and b·s is the attention core. Causal attention costs 2·s·d FLOPs per token and layer forward (QKᵀ and AV
 * over half the s×s scores), 2.5× that backward (FlashAttention's five matmuls against two), plus one more forward when
 * activations are recomputed: 9·s·d·L per token with checkpointing, 7·s·d·L without [derived]. So the achieved
 * attention rate is 9·d·L / b (7·d·L / b), independent of the GEMM efficiency. Split into forward / backward with
 * FlashAttention-2's backward/forward ratio measured on Hopper, 0.32/0.34 = 0.947 (H200 SDPA flash backend at 16k,
 * engine/measurements): f = rate × (4 + 5/0.947)/9.
 */
const PYTORCH_FLASH_H100 =
  'MosaicML llm-foundry scripts/train/benchmarking/README.md @061f2c7c, "H100 80GB BF16" table (torch 2.x FSDP, llm-foundry Triton flash attention `attn_impl: triton`, Oct 2023): slope of 1/(tokens/s/GPU) against sequence length on 8 GPUs, MPT-7B with checkpointing 4k→8k→32k→64k = 0.174/0.186/0.186 of 989 and MPT-13B 4k→16k→32k = 0.186/0.178 (rows outside the calibration set); mean 0.182 → forward 0.19, backward 0.18 [derived, see the comment above]; the 760M and 1B rows agree (0.17-0.18). Cross-check, not fitted: torchtitan benchmarks/llama3_h100_202412_torchtitan.md Tables 2 and 6 (SDPA flash backend, context parallel 32k-262k) are predicted within 20% with these fractions and 26-74% too fast with the isolated-kernel flash2 rate (engine/validation/torchtitan)';
const PYTORCH_FLASH_A100 =
  'MosaicML llm-foundry benchmarking README @061f2c7c, "A100 80GB" table (same method as on H100): 1/(tokens/s/GPU) slope, MPT-7B with checkpointing 4k→8k→16k→32k→64k = 0.38/0.32/0.33/0.32 of 312 and MPT-13B 4k→8k→16k→32k = 0.34/0.34/0.34; mean 0.34 → forward 0.35, backward 0.33 with FlashAttention-2\'s A100 backward/forward ratio 0.70/0.73 [derived]: half the FA2 kernel rate, three times the unfused attention of the 2021-22 Megatron runs (0.12 of non-causal FLOPs)';
const FA3_H100 =
  `cuDNN fused attention, what Transformer Engine runs on Hopper (so Megatron-Core / NeMo): ${H200_SDPA}, PyTorch's cuDNN backend (cuDNN 9.19) at s = 16k: forward 583, backward 527 TFLOPS → 0.59 / 0.53 of 989 (8k: 0.58 / 0.50; 32k: 0.61 / 0.54). Older cuDNN in the FlashAttention-3 paper's bars: 529/539 forward at 8k/16k (0.54), backward ~0.47; FA3 itself 602/616 forward and 559/561 backward (0.62 / 0.51) (arXiv 2407.08608 Figs. 5-7; KEF §2.2)`;
const FA2_A100 =
  'FlashAttention-2 paper (arXiv 2307.08691 §4.1, Fig. 4): forward up to 230 TFLOPS = 0.73 of 312; fwd+bwd causal d=64 at 16k 171 TFLOPS = 0.55, i.e. 0.71 at d=128 after the d=64 head-dim factor 0.77 (compute/kernels.ts) → backward 0.70 [derived: 3.5/(1/0.73 + 2.5/b) = 0.71] (KEF §2.1)';
const OVERHEAD = 'per-kernel ramp/tail cost of back-to-back kernels in one stream (launch latency itself is hidden by asynchronous launches): the 1024³ FP8 GEMM rows (274-291 TFLOPS for 2.1 GFLOP, KEF §1.2) leave ~2-4 us beyond the roll-off model [assumed 2 us]';
const H200_GEMMS =
  'measured here on an H200 (Hopper SMs and clocks as the H100 SXM), engine/measurements/h200-2026-11-28.json (hopper_kernels.py: torch 2.11 cuBLAS BF16 and FP8 _scaled_mm, 27 shapes)';
const STREAM_K = `${H200_GEMMS}: shapes whose output tiles leave a partial last wave run near full rate (8192×1280×8192 BF16 716 TFLOPS, 4096×2112×7168 680), which wave quantisation alone puts 24-32% lower; cuBLAS schedules such shapes stream-K / split-K (Osama et al., arXiv 2301.03598). 0.9 = the fraction of the ideal rate that fits those shapes with the other GEMM parameters unchanged [fitted to the measurement]. With it the model is a median 4-6% under the 27 measured shapes (BF16 / FP8); the GEMMs inside measured layers (below) run that much slower than isolated ones, so the Azure-fitted roll-off is kept (engine/measurements/README.md)`;
const MEMORY_KERNEL =
  'measured here on an H200, engine/measurements/h200-2026-11-28-layers.json (hopper_kernels.py --parts stream): back-to-back copy / add / SiLU kernels at 1 MiB-1 GiB per tensor fit t = t0 + bytes / bandwidth with t0 = 4.8 / 5.9 / 4.8 us (RMSNorm 9.2 us) and 4.28 / 4.41 / 3.96 TB/s (= 0.89 / 0.92 / 0.83 of 4.8 TB/s); a CUDA graph of tiny kernels costs 0.96 us each, so the rest is the DRAM ramp and tail of each kernel [measured]';
const SUSTAINED =
  'measured here on an H200 at its 700 W limit (engine/measurements/h200-2026-11-28-sustained*.json, hopper_kernels.py --parts sustained / sustained-fp8): 8192³ GEMMs back to back hold 665 TFLOP/s BF16 (SM clock 1455-1485 MHz, 692 W) and 1232 TFLOP/s FP8 (1350-1365 MHz, 693 W) after the first second — training is sustained load. Short bursts run faster: ~790 BF16 for ten products after warm-up (boost clock 1980 MHz; KINDS.md of the lent machine, and the figure the issue quotes), 693 for ~100 ms repeats (do_bench); MAMF\'s best-shape 794.5 (80.3%) and Azure\'s FP8 16384³ 1377 (70%) are such bursts. The asymptotes 0.75 / 0.75 make the model give the sustained 8192³ rates (665 / 1232) through the Azure-fitted roll-off';
const V3_SMS = 'DeepSeek-V3 arXiv 2412.19437 §3.5.1: 20 of 132 SMs for communication; profile-data trace: DeepEP kernels grid = 20 (DSH §2.4)';

function entry(e: GpuEfficiency, sources: Sources): EfficiencyEntry {
  return { efficiency: e, sources };
}

const A100: EfficiencyEntry = entry(
  {
    gemmPeakFraction: { bf16: 0.82 },
    gemmTile: { m: 128, n: 256 },
    gemmHalfEfficiencyDim: 200,
    attentionForwardFraction: 0.12,
    attentionBackwardFraction: 0.12,
    attentionKernel: 'unfused',
    attentionKernels: { 'pytorch-flash': { forward: 0.35, backward: 0.33 }, flash2: { forward: 0.73, backward: 0.7 } },
    hbmFraction: 0.82,
    kernelOverheadUs: 2,
    commSms: 20,
  },
  {
    'efficiency.gemmPeakFraction.bf16': `${AZURE}: A100 16384³ 256.5 TFLOPS = 82% (MAMF best-of-sweep 86.9% is a hand-picked shape)`,
    'efficiency.gemmHalfEfficiencyDim': `${AZURE}: A100 2048³/4096³/8192³ = 71/73/81% → 0.82·S/(S+200) = 75/78/80%`,
    'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3 (A100 256×128 tiles, 108 SMs)',
    'efficiency.attention':
      'attention as run in the published A100 training runs (Megatron-LM 2021-22, BLOOM: unfused QKᵀ/softmax/dropout/AV over the full s×s scores, masked not skipped): FlashAttention-2 arXiv 2307.08691 Table 1, 8×A100 end-to-end GPT3-2.7B at 2k/8k: Megatron without FlashAttention 149/80 vs FA2 205/225 TFLOPS/GPU → the unfused attention runs at ~49/37 TFLOPS of non-causal FLOPs = 0.16/0.12 of peak, i.e. ~0.08 of causal FLOPs at 2k (with the 0.85 sequence roll-off: 0.09) [derived, KEF §2.1]. FlashAttention-2 itself reaches 0.45-0.55 fwd+bwd (same source)',
    'efficiency.attentionKernels.flash2': FA2_A100,
    'efficiency.attentionKernels.pytorch-flash': PYTORCH_FLASH_A100,
    'efficiency.hbmFraction': BABEL,
    'efficiency.kernelOverheadUs': OVERHEAD,
    'efficiency.commSms': V3_SMS,
  },
);

const H100_BASE: GpuEfficiency = {
  gemmPeakFraction: { bf16: 0.75, fp8: 0.75 },
  gemmTile: { m: 128, n: 256 },
  gemmHalfEfficiencyDim: 640,
  gemmStreamK: 0.9,
  attentionForwardFraction: 0.19,
  attentionBackwardFraction: 0.18,
  attentionKernel: 'pytorch-flash',
  attentionKernels: { flash2: { forward: 0.34, backward: 0.32 }, flash3: { forward: 0.59, backward: 0.53 } },
  hbmFraction: 0.88,
  kernelOverheadUs: 2,
  memoryKernelOverheadUs: 5,
  commSms: 20,
};

/**
 * The stack an H100 / H200 plan is timed as when it names none. The profile's default attention rate (`pytorch-flash`)
 * was measured on PyTorch-native FSDP stacks, so the rest of the default stack is theirs too: eager element-wise ops
 * and op-level selective checkpointing (the `torchtitan` preset). Before engine 0.6 the other defaults were
 * Megatron-Core's (fused ops, core-attention recompute): a mix no published run used.
 */
const PYTORCH_NATIVE_DEFAULT =
  'PyTorch-native FSDP in eager mode (`torchtitan` preset: SDPA at the pytorch-flash rate, eager element-wise ops, op-level selective activation checkpointing): the stack of the published H100 runs whose code is public (MosaicML llm-foundry @061f2c7c, torchtitan benchmarks/llama3_h100_202412_torchtitan.md @9dec370) and the one the default attention rate was measured on; Megatron-Core / NeMo plans should state `assumptions.framework: megatron-core` (cuDNN attention, fused ops). The 50 calibration cases (none states a stack) err median 5.8% with one above 25% with this default; 6.3% and four above 25% with the earlier mix (fused ops + pytorch-flash attention); with torch.compile\'s stack (torchtitan-compile) 6.2% and four, with Megatron-Core\'s 9.9% and 13 [computed, engine 0.6.0, only the H100 default changed]. Held out: engine/validation/mosaicml (the one held-out set that states no framework) is unaffected once its plans state MPT\'s LayerNorm and ALiBi — eager and fused cost an MPT block the same — and with them costed as Llama blocks its RMS error was 11.7% under either default';

/** Sources the Hopper profiles (H100 and its variants, H200) share; each entry overrides what differs. */
const HOPPER_SOURCES: Sources = {
  'efficiency.gemmHalfEfficiencyDim': ROLLOFF,
  'efficiency.gemmStreamK': STREAM_K,
  'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3; 132 SMs',
  'efficiency.attention': PYTORCH_FLASH_H100,
  'efficiency.attentionKernels.flash2': FA2_H100,
  'efficiency.attentionKernels.flash3': FA3_H100,
  'efficiency.hbmFraction': BABEL,
  'efficiency.kernelOverheadUs': OVERHEAD,
  'efficiency.memoryKernelOverheadUs': MEMORY_KERNEL,
  'efficiency.commSms': V3_SMS,
  'efficiency.defaultFramework': PYTORCH_NATIVE_DEFAULT,
};

/** H100 / H200 profiles: the Hopper efficiencies with the PyTorch-native default stack (H800 keeps DeepSeek's). */
const HOPPER_PYTORCH: GpuEfficiency = { ...H100_BASE, defaultFramework: 'torchtitan' };

/** Blackwell (B200); Blackwell Ultra (B300) borrows all but its measured GEMM rates. */
const B200: GpuEfficiency = { gemmPeakFraction: { bf16: 0.776, fp8: 0.763, fp4: 0.75 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 1450, attentionForwardFraction: 0.65, attentionBackwardFraction: 0.44, attentionKernel: 'flash3', hbmFraction: 0.8, kernelOverheadUs: 2, commSms: 20 };
/** GB200 (NVL72); GB300 borrows it whole (no Blackwell Ultra NVL72 kernel measurement is published). */
const GB200: GpuEfficiency = { ...B200, gemmPeakFraction: { bf16: 0.729, fp8: 0.723, fp4: 0.75 } };

export const GPU_EFFICIENCY: Record<string, EfficiencyEntry> = {
  'a100-sxm-40gb': A100,
  'a100-sxm-80gb': A100,
  'h100-sxm': entry(HOPPER_PYTORCH, {
    ...HOPPER_SOURCES,
    'efficiency.gemmPeakFraction': `same SMs and 700 W limit as the H200: ${SUSTAINED}`,
  }),
  'h100-hbm2e-96gb': entry(HOPPER_PYTORCH, {
    ...HOPPER_SOURCES,
    'efficiency.gemmPeakFraction': `same die as h100-sxm, measured at 700 W: ${SUSTAINED}. This part's 500 W limit lowers the sustained clock further; no published figure quantifies it, so it is not modelled`,
    'efficiency.attention': `same die as h100-sxm: ${PYTORCH_FLASH_H100}`,
    'efficiency.hbmFraction': `${BABEL} (HBM3 parts; HBM2e assumed alike: A100 HBM2e 79-86%)`,
  }),
  'h800-sxm': entry(
    {
      ...H100_BASE,
      gemmPeakFraction: { bf16: 0.75, fp8: 0.68 },
      attentionForwardFraction: 0.67,
      attentionBackwardFraction: 0.51,
      attentionKernel: 'flash3',
      attentionKernels: { 'pytorch-flash': { forward: 0.19, backward: 0.18 }, flash2: { forward: 0.34, backward: 0.32 } },
    },
    {
      'efficiency.gemmPeakFraction.bf16': `same die and 700 W limit as the H200: ${SUSTAINED}`,
      'efficiency.gemmPeakFraction.fp8':
        'DeepGEMM README @55ab91f (H800): 4096×7168×16384 1426 TFLOPS → asymptote 0.79 with the size roll-off (= its 1550 TFLOPS headline), ÷ 1.25 = the speedup DeepGEMM reports over DeepSeek\'s previous CUTLASS-3.6-based kernels on M=4096 training shapes (1.1-1.3×), i.e. the kernels V3 was trained with (DSH §4.1); cross-check: profile-data train.json GEMMs average ~764 TFLOPS on 112 SMs',
      'efficiency.gemmHalfEfficiencyDim': ROLLOFF,
      'efficiency.gemmStreamK': `same SMs as H100: ${STREAM_K}`,
      'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3; 132 SMs (V3 §3.5.1)',
      'efficiency.attention':
        'deepseek-ai/profile-data train.json (DSH §3.3): FlashAttention fwd 4.95 ms / bwd 17.0 ms for 4 MLA layers × 4096 tokens on 112 SMs = 555 / 404 TFLOPS → 0.67 / 0.51 of the BF16 peak on all SMs at 16k-equivalent, d=128 (through the forward / backward sequence roll-offs at 4096 and the MLA head-dim factor, compute/kernels.ts)',
      'efficiency.attentionKernels.flash2': `same silicon as H100: ${FA2_H100}`,
      'efficiency.attentionKernels.pytorch-flash': `same silicon as H100: ${PYTORCH_FLASH_H100}`,
      'efficiency.hbmFraction': 'FlashMLA README: 3000 GB/s on H800 (~90%); BabelStream H100 87-95% (KEF §3)',
      'efficiency.kernelOverheadUs': OVERHEAD,
      'efficiency.memoryKernelOverheadUs': `same SMs as H100: ${MEMORY_KERNEL}`,
      'efficiency.commSms': V3_SMS,
    },
  ),
  'h200-sxm': entry(
    { ...HOPPER_PYTORCH, hbmFraction: 0.87 },
    {
      ...HOPPER_SOURCES,
      'efficiency.gemmPeakFraction': SUSTAINED,
      'efficiency.attention': `same silicon as H100: ${PYTORCH_FLASH_H100}`,
      'efficiency.attentionKernels.flash2': `same silicon as H100: ${FA2_H100}`,
      'efficiency.hbmFraction': `${BABEL}; measured here: copy 4.23 TB/s and add 4.39 TB/s at 1 GiB per tensor (0.88 / 0.91 of 4.8; engine/measurements/h200-2026-11-28.json)`,
    },
  ),
  b200: entry(
    B200,
    {
      'efficiency.gemmPeakFraction': `${MAMF}: B200 BF16 1745 (77.6%), FP8 3432.5 (76.3%); FP4 ~75% from Azure GB200 FP4 8192³`,
      'efficiency.gemmHalfEfficiencyDim': `H100 value scaled by the BF16 peak ratio 2250/989 (same fixed per-tile costs on faster tensor cores) [derived]; ${ROLLOFF}`,
      'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3 (Blackwell 2-SM 256-wide tiles)',
      'efficiency.attention': 'FlashMLA README: NVIDIA-reported B200 MHA prefill 1460 fwd / 1000 bwd TFLOPS (65% / 44%)',
      'efficiency.hbmFraction': 'torchao MoE README: MXFP8 quantize kernels 68-82% of B200 HBM peak',
      'efficiency.kernelOverheadUs': OVERHEAD,
      'efficiency.commSms': V3_SMS,
    },
  ),
  gb200: entry(
    GB200,
    {
      'efficiency.gemmPeakFraction': `${MAMF}: GB200 BF16 1822 (72.9%), FP8 3615.6 (72.3%); FP4 7535.6 at 8192³ (~75%) Azure ND GB200 v6`,
      'efficiency.gemmHalfEfficiencyDim': `H100 value scaled by the BF16 peak ratio [derived]; ${ROLLOFF}`,
      'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3 (Blackwell 2-SM 256-wide tiles)',
      'efficiency.attention': 'FlashMLA README: NVIDIA-reported B200 MHA prefill 1460 fwd / 1000 bwd TFLOPS (65% / 44%)',
      'efficiency.hbmFraction': 'torchao MoE README: MXFP8 quantize kernels 68-82% of B200 HBM peak',
      'efficiency.kernelOverheadUs': OVERHEAD,
      'efficiency.commSms': V3_SMS,
    },
  ),
  b300: entry(
    { ...B200, gemmPeakFraction: { bf16: 0.786, fp8: 0.745, fp4: 0.75 } },
    {
      'efficiency.gemmPeakFraction': `${MAMF}: B300 BF16 1769 (78.6%), FP8 3353.3 (74.5%) (torch 2.9.1+cu130); FP4 as B200 (~75%, Azure GB200 FP4 8192³)`,
      'efficiency.gemmHalfEfficiencyDim': `H100 value scaled by the BF16 peak ratio 2250/989, as B200 [derived]; ${ROLLOFF}`,
      'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3 (Blackwell 2-SM 256-wide tiles)',
      'efficiency.attention': "B200's (FlashMLA README: NVIDIA-reported B200 MHA prefill 1460 fwd / 1000 bwd TFLOPS, 65% / 44%): no B300 attention measurement is published; Blackwell Ultra doubles the SFU exponent rate (10.7 vs 5 TeraExponentials/s, verda.com/blog/gb300-nvl72-architecture), so this is a lower bound [assumed]",
      'efficiency.hbmFraction': 'as B200 (same HBM3e at 8 TB/s): torchao MoE README, MXFP8 quantize kernels 68-82% of B200 HBM peak',
      'efficiency.kernelOverheadUs': OVERHEAD,
      'efficiency.commSms': V3_SMS,
    },
  ),
  gb300: entry(
    GB200,
    {
      'efficiency.gemmPeakFraction': `no GB300 matmul measurement is published; GB200's, the same NVL72 package at the same BF16/FP8 peaks: ${MAMF}: GB200 BF16 1822 (72.9%), FP8 3615.6 (72.3%) [assumed]`,
      'efficiency.gemmHalfEfficiencyDim': `H100 value scaled by the BF16 peak ratio, as GB200 [derived]; ${ROLLOFF}`,
      'efficiency.gemmTile': 'NVIDIA Matrix Multiplication Background §3 (Blackwell 2-SM 256-wide tiles)',
      'efficiency.attention': "B200's (FlashMLA README: 1460 fwd / 1000 bwd TFLOPS, 65% / 44%): no GB300 attention measurement is published; its doubled SFU exponent rate makes this a lower bound [assumed]",
      'efficiency.hbmFraction': 'as B200 / GB200 (HBM3e at 8 TB/s): torchao MoE README, MXFP8 quantize kernels 68-82% of B200 HBM peak',
      'efficiency.kernelOverheadUs': OVERHEAD,
      'efficiency.commSms': V3_SMS,
    },
  ),
  mi300x: entry(
    { gemmPeakFraction: { bf16: 0.54, fp8: 0.49 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 850, attentionForwardFraction: 0.3, attentionBackwardFraction: 0.25, hbmFraction: 0.78, kernelOverheadUs: 6, commSms: 20 },
    {
      'efficiency.gemmPeakFraction': 'ROCm blogs measuring-max-achievable-flops-part2 @8e01195 Table 1: MI300X BF16 708 (54%), FP8 1273 (49%)',
      'efficiency.gemmHalfEfficiencyDim': `H100 value scaled by the BF16 peak ratio 1307/989 [derived]; ${ROLLOFF}`,
      'efficiency.gemmTile': 'AMD MAF shape recipe (tiles 128/192/256, 304 CUs)',
      'efficiency.attention': 'Azure fork ND MI300X v5: FA2 d64 328.6 TFLOPS (~25%)',
      'efficiency.hbmFraction': BABEL,
      'efficiency.kernelOverheadUs': 'assumed 1.5× the NVIDIA value (RCCL/HIP launch latency; Azure 8-GPU 1 KB all-reduce ~45 us vs ~26 us on H100, KEF §4.4)',
      'efficiency.commSms': V3_SMS,
    },
  ),
  mi325x: entry(
    { gemmPeakFraction: { bf16: 0.64, fp8: 0.58 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 850, attentionForwardFraction: 0.3, attentionBackwardFraction: 0.25, hbmFraction: 0.78, kernelOverheadUs: 6, commSms: 20 },
    {
      'efficiency.gemmPeakFraction': 'ROCm blogs measuring-max-achievable-flops-part2 @8e01195 Table 1: MI325X BF16 843 (64%), FP8 1519 (58%)',
      'efficiency.gemmHalfEfficiencyDim': 'as MI300X (same CDNA3 CU array) [derived]',
      'efficiency.gemmTile': 'AMD MAF shape recipe',
      'efficiency.attention': 'assumed equal to MI300X (no MI325X attention measurement found)',
      'efficiency.hbmFraction': 'assumed equal to MI300X BabelStream (no MI325X measurement found)',
      'efficiency.kernelOverheadUs': 'assumed as MI300X',
      'efficiency.commSms': V3_SMS,
    },
  ),
};
