/**
 * Achievable kernel efficiency per GPU, from published measurements (../shared/kernel-efficiency-facts.md).
 * Owned by the time model; `gpus.ts` attaches these to each GPU profile.
 * Initial values; the time-model work refines them (one global set per GPU, never per plan).
 */
import type { GpuEfficiency, Sources } from './types.js';

export interface EfficiencyEntry {
  efficiency: GpuEfficiency;
  sources: Sources;
}

const MAMF = 'Max achievable matmul FLOPS, stas00/ml-engineering compute/accelerator/README.md @744d01e';
const FA3 = 'FlashAttention-3, Shah et al. arXiv 2407.08608 Figs. 5-7 (H100, d=128, s>=4k)';
const FA2 = 'FlashAttention-2, Dao arXiv 2307.08691 §4.1 (A100 fwd+bwd up to 73% fwd, 50-73% overall)';
const NVGEMM = 'NVIDIA Matrix Multiplication Background User Guide §3 (tile/wave quantisation), DU-09799-001';
const BABEL = 'BabelStream, Azure/AI-benchmarking-guide Azure_Results (A100 79-86%, H100 87-95%, H200 83-93%, MI300X 75-81%)';

function entry(e: GpuEfficiency, sources: Sources): EfficiencyEntry {
  return { efficiency: e, sources };
}

export const GPU_EFFICIENCY: Record<string, EfficiencyEntry> = {
  'a100-sxm-40gb': entry(
    { gemmPeakFraction: { bf16: 0.87 }, gemmTile: { m: 128, n: 256 }, gemmHalfEfficiencyDim: 256, attentionForwardFraction: 0.6, attentionBackwardFraction: 0.5, hbmFraction: 0.82, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction.bf16': `${MAMF}: A100 SXM BF16 271.2 TFLOPS = 86.9%`, 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': FA2, 'efficiency.hbmFraction': BABEL },
  ),
  'a100-sxm-80gb': entry(
    { gemmPeakFraction: { bf16: 0.87 }, gemmTile: { m: 128, n: 256 }, gemmHalfEfficiencyDim: 256, attentionForwardFraction: 0.6, attentionBackwardFraction: 0.5, hbmFraction: 0.82, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction.bf16': `${MAMF}: A100 SXM BF16 271.2 TFLOPS = 86.9%`, 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': FA2, 'efficiency.hbmFraction': BABEL },
  ),
  'h100-sxm': entry(
    { gemmPeakFraction: { bf16: 0.803, fp8: 0.709 }, gemmTile: { m: 128, n: 256 }, gemmHalfEfficiencyDim: 384, attentionForwardFraction: 0.6, attentionBackwardFraction: 0.52, hbmFraction: 0.88, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction': `${MAMF}: H100 SXM BF16 794.5 (80.3%), FP8 1402.6 (70.9%)`, 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': FA3, 'efficiency.hbmFraction': BABEL },
  ),
  'h800-sxm': entry(
    { gemmPeakFraction: { bf16: 0.803, fp8: 0.72 }, gemmTile: { m: 128, n: 256 }, gemmHalfEfficiencyDim: 384, attentionForwardFraction: 0.6, attentionBackwardFraction: 0.52, hbmFraction: 0.88, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction.bf16': `${MAMF}: H100 SXM BF16 794.5 (80.3%) (same silicon)`, 'efficiency.gemmPeakFraction.fp8': 'DeepGEMM README @55ab91f: 4096x7168x16384 FP8 1426 TFLOPS on H800 = 72% of 1979', 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': FA3, 'efficiency.hbmFraction': 'FlashMLA README: 3000 GB/s on H800 (~90%)' },
  ),
  'h200-sxm': entry(
    { gemmPeakFraction: { bf16: 0.803, fp8: 0.734 }, gemmTile: { m: 128, n: 256 }, gemmHalfEfficiencyDim: 384, attentionForwardFraction: 0.6, attentionBackwardFraction: 0.52, hbmFraction: 0.87, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction': `${MAMF}: H200 FP8 1453.4 (73.4%); BF16 "H200 is the same" as H100 794.5 (80.3%)`, 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': FA3, 'efficiency.hbmFraction': BABEL },
  ),
  b200: entry(
    { gemmPeakFraction: { bf16: 0.776, fp8: 0.763, fp4: 0.75 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 512, attentionForwardFraction: 0.65, attentionBackwardFraction: 0.44, hbmFraction: 0.8, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction': `${MAMF}: B200 BF16 1745 (77.6%), FP8 3432.5 (76.3%); FP4 ~75% from Azure GB200 FP4 8192^3`, 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': 'FlashMLA README: NVIDIA-reported B200 MHA prefill 1460 fwd / 1000 bwd TFLOPS (65% / 44%)', 'efficiency.hbmFraction': 'torchao MoE README: MXFP8 quantize kernels 68-82% of B200 HBM peak' },
  ),
  gb200: entry(
    { gemmPeakFraction: { bf16: 0.729, fp8: 0.723, fp4: 0.75 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 512, attentionForwardFraction: 0.65, attentionBackwardFraction: 0.44, hbmFraction: 0.8, kernelOverheadUs: 4, commSms: 20 },
    { 'efficiency.gemmPeakFraction': `${MAMF}: GB200 BF16 1822 (72.9%), FP8 3615.6 (72.3%); FP4 7535.6 at 8192^3 (~75%) Azure ND GB200 v6`, 'efficiency.gemmTile': NVGEMM, 'efficiency.attention': 'FlashMLA README: NVIDIA-reported B200 MHA prefill 1460 fwd / 1000 bwd TFLOPS', 'efficiency.hbmFraction': 'torchao MoE README: MXFP8 quantize kernels 68-82% of B200 HBM peak' },
  ),
  mi300x: entry(
    { gemmPeakFraction: { bf16: 0.54, fp8: 0.49 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 768, attentionForwardFraction: 0.3, attentionBackwardFraction: 0.25, hbmFraction: 0.78, kernelOverheadUs: 6, commSms: 20 },
    { 'efficiency.gemmPeakFraction': 'ROCm blogs measuring-max-achievable-flops-part2 @8e01195 Table 1: MI300X BF16 708 (54%), FP8 1273 (49%)', 'efficiency.gemmTile': 'AMD MAF shape recipe (tiles 128/192/256)', 'efficiency.attention': 'Azure fork ND MI300X v5: FA2 d64 328.6 TFLOPS (~25%)', 'efficiency.hbmFraction': BABEL },
  ),
  mi325x: entry(
    { gemmPeakFraction: { bf16: 0.64, fp8: 0.58 }, gemmTile: { m: 256, n: 256 }, gemmHalfEfficiencyDim: 768, attentionForwardFraction: 0.3, attentionBackwardFraction: 0.25, hbmFraction: 0.78, kernelOverheadUs: 6, commSms: 20 },
    { 'efficiency.gemmPeakFraction': 'ROCm blogs measuring-max-achievable-flops-part2 @8e01195 Table 1: MI325X BF16 843 (64%), FP8 1519 (58%)', 'efficiency.gemmTile': 'AMD MAF shape recipe', 'efficiency.attention': 'assumed equal to MI300X (no MI325X attention measurement found)', 'efficiency.hbmFraction': 'assumed equal to MI300X BabelStream (no MI325X measurement found)' },
  ),
};
