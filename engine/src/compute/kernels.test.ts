import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS } from '../catalog/index.js';
import { attentionForwardFlops, attentionSeconds, gemmFlops, gemmSeconds, quantisationEfficiency, sizeEfficiency, streamSeconds } from './kernels.js';

const h100 = BUILTIN_GPUS['h100-sxm']!;
const h800 = BUILTIN_GPUS['h800-sxm']!;
const a100 = BUILTIN_GPUS['a100-sxm-80gb']!;
const tflops = (m: number, n: number, k: number, gpu = h100, p: 'bf16' | 'fp8' = 'fp8', groups = 1) =>
  gemmFlops({ m, n, k, groups, precision: p }) / gemmSeconds({ m, n, k, groups, precision: p }, gpu) / 1e12;

describe('GEMM time model', () => {
  it('reproduces the Azure H100 FP8 square-GEMM series within ±20% once taken from burst to sustained (KEF §1.2: 1011/1217/1290/1377 TFLOPS)', () => {
    // Azure's repeats are bursts; sustained FP8 8192³ on an H200 ran at 0.97 of the burst rate (engine/measurements)
    const SUSTAINED_OVER_BURST = 1232 / 1269.8;
    const measured: Array<[number, number]> = [
      [2048, 1011.3],
      [4096, 1216.9],
      [8192, 1290.1],
      [16384, 1377.3],
    ];
    for (const [n, t] of measured) {
      const p = tflops(n, n, n) / SUSTAINED_OVER_BURST;
      expect(p / t, `${n}³`).toBeGreaterThan(0.8);
      expect(p / t, `${n}³`).toBeLessThan(1.2);
    }
  });

  it('A100 BF16 large GEMMs reach ~80% of peak and small ones much less (Azure A100: 8192³ 81%, 1024³ 38%)', () => {
    expect(tflops(8192, 8192, 8192, a100, 'bf16') / 312).toBeGreaterThan(0.74);
    expect(tflops(8192, 8192, 8192, a100, 'bf16') / 312).toBeLessThan(0.84);
    expect(tflops(1024, 1024, 1024, a100, 'bf16') / 312).toBeLessThan(0.7);
  });

  it('FP8 is faster than BF16 for large shapes but by less than the 2× peak ratio', () => {
    const r = tflops(8192, 8192, 8192, h100, 'fp8') / tflops(8192, 8192, 8192, h100, 'bf16');
    expect(r).toBeGreaterThan(1.3);
    expect(r).toBeLessThan(2);
  });

  it('skinny GEMMs become memory-bound: M=64 on H800 moves bytes at about the HBM rate (DeepGEMM M=64 rows)', () => {
    const t = gemmSeconds({ m: 64, n: 7168, k: 16384, precision: 'fp8' }, h800);
    const bytes = 64 * 16384 + 16384 * 7168 + 64 * 7168 * 2;
    const gbs = bytes / t / 1e9;
    expect(gbs).toBeGreaterThan(1500); // DeepGEMM measured 2668 GB/s for this shape
    expect(gbs).toBeLessThan(3350);
  });

  it('H800 FP8 on DeepGEMM\'s M=4096 training shapes runs at DeepGEMM\'s published rate ÷ 1.1-1.5 (DSH §4.1)', () => {
    // DeepGEMM README @55ab91f (H800, normal and contiguous-grouped GEMMs). The profile models the CUTLASS-based
    // kernels DeepSeek-V3 was trained with, which DeepGEMM reports beating by 1.1-1.3× on these shapes
    // (catalog/gpu-efficiency.ts, h800-sxm gemmPeakFraction.fp8), so each row must come out that much slower — and
    // no row faster than DeepGEMM itself.
    const rows: Array<[number, number, number, number, number]> = [
      // [groups, M, N, K, DeepGEMM TFLOPS]
      [1, 4096, 2112, 7168, 1009],
      [1, 4096, 24576, 1536, 1125],
      [1, 4096, 32768, 512, 751],
      [1, 4096, 7168, 16384, 1426],
      [1, 4096, 4096, 7168, 1265],
      [1, 4096, 7168, 2048, 1168],
      [4, 8192, 4096, 7168, 1346],
      [4, 8192, 7168, 2048, 1214],
      [8, 4096, 4096, 7168, 1346],
      [8, 4096, 7168, 2048, 1214],
    ];
    for (const [groups, m, n, k, published] of rows) {
      const ratio = tflops(m, n, k, h800, 'fp8', groups) / published;
      expect(ratio, `${groups}×${m}×${n}×${k}`).toBeGreaterThan(1 / 1.55);
      expect(ratio, `${groups}×${m}×${n}×${k}`).toBeLessThan(1 / 1.05);
    }
  });

  it('H200 BF16 8192³: the sustained 665 TFLOP/s measured at the 700 W limit, under the ~790 of a short burst', () => {
    // engine/measurements/h200-2026-11-28-sustained.json: 30 s back to back at 1455-1485 MHz; ~790 TFLOP/s is what ten
    // products after warm-up reach at the 1980 MHz boost clock (the figure the issue quotes)
    const h200 = BUILTIN_GPUS['h200-sxm']!;
    const t = tflops(8192, 8192, 8192, h200, 'bf16');
    expect(t / 665).toBeGreaterThan(0.95);
    expect(t / 665).toBeLessThan(1.05);
    expect(t).toBeLessThan(790);
  });

  it('wave quantisation: a tile count just above a full wave costs a second wave', () => {
    // 132 SMs; 128×256 tiles: 12×11 = 132 tiles fill one wave, 133 need two (the best sub-tile choice softens it)
    const full = quantisationEfficiency(12 * 128, 11 * 256, 1, 128, 256, 132);
    const over = quantisationEfficiency(12 * 128 + 1, 11 * 256, 1, 128, 256, 132);
    expect(full).toBeCloseTo(1, 6);
    expect(over).toBeLessThan(0.9);
  });

  it('size roll-off is monotone and halves at the half-efficiency size', () => {
    const c = h100.efficiency.gemmHalfEfficiencyDim;
    expect(sizeEfficiency(c, c, c, h100, 'bf16')).toBeCloseTo(0.5, 9);
    expect(sizeEfficiency(4096, 4096, 4096, h100, 'bf16')).toBeGreaterThan(sizeEfficiency(1024, 1024, 1024, h100, 'bf16'));
  });

  it('grouped GEMMs run like one GEMM of all their rows, unless their groups are shorter than a tile', () => {
    // DeepGEMM contiguous layout on H800: 4 × 8192 and 8 × 4096 rows both 1346 TFLOPS (DSH §4.1); torch._grouped_mm on
    // an H200: 16 × 512 rows as fast as a large GEMM (engine/measurements)
    const big = tflops(8192, 4096, 7168, h800, 'fp8');
    expect(tflops(2048, 4096, 7168, h800, 'fp8', 4) / big).toBeGreaterThan(0.9);
    expect(tflops(4096, 4096, 7168, h800, 'fp8', 8) / tflops(8192, 4096, 7168, h800, 'fp8', 4)).toBeCloseTo(1, 1);
    // 64 rows per group fill half of each 128-row tile: tile quantisation halves the useful work
    expect(tflops(64, 4096, 7168, h800, 'fp8', 128) / big).toBeLessThan(0.75);
  });
});

describe('attention and memory-bound kernels', () => {
  const spec = { batch: 1, seqQ: 8192, seqK: 8192, heads: 32, dQK: 128, dV: 128, causal: true };
  it('counts FLOPs by the FlashAttention convention (4·s²·d·heads forward, halved for causal)', () => {
    expect(attentionForwardFlops(spec)).toBe((4 * 8192 * 8192 * 128 * 32) / 2);
    expect(attentionForwardFlops({ ...spec, causal: false })).toBe(4 * 8192 * 8192 * 128 * 32);
  });
  it('backward takes longer than forward (2.5× the FLOPs at a lower efficiency)', () => {
    expect(attentionSeconds(spec, 'backward', h100)).toBeGreaterThan(2.5 * attentionSeconds(spec, 'forward', h100));
  });
  it('short sequences run at a lower rate than long ones (FA3 roll-off)', () => {
    const rate = (s: number) => attentionForwardFlops({ ...spec, seqQ: s, seqK: s }) / attentionSeconds({ ...spec, seqQ: s, seqK: s }, 'forward', h100);
    expect(rate(512)).toBeLessThan(0.8 * rate(16384));
  });
  it('fewer SMs (communication kernels alongside) slow the kernel proportionally', () => {
    expect(attentionSeconds(spec, 'forward', h800, { smFraction: 112 / 132 })).toBeGreaterThan(attentionSeconds(spec, 'forward', h800) * 1.15);
  });
  it('streams bytes at hbmFraction of the HBM bandwidth plus the fixed cost of each memory-bound kernel', () => {
    const t = streamSeconds(1e9, h100, 2);
    expect(t).toBeCloseTo(1e9 / (3350e9 * h100.efficiency.hbmFraction) + 2 * h100.efficiency.memoryKernelOverheadUs! * 1e-6, 12);
    // a profile without the memory-kernel figure falls back to the generic per-kernel overhead
    const a100 = BUILTIN_GPUS['a100-sxm-80gb']!;
    expect(a100.efficiency.memoryKernelOverheadUs).toBeUndefined();
    expect(streamSeconds(0, a100, 3)).toBeCloseTo(3 * a100.efficiency.kernelOverheadUs * 1e-6, 12);
  });
});
