/**
 * Held-out validation (engine/validation/README.md): published runs that no catalog number was set from.
 * - Megatron-Bridge: every run within 25%, dense and DeepSeek-V3 runs within 15%, the median within 10% — except two
 *   known gaps, pinned by sign so a fix or a regression shows up here: Qwen3-30B-A3B on 16 H100 (25.11, dropless) ran at
 *   half the rate of the same table's 25.09 token-drop row (10,494 tokens/s/GPU, which the estimate is within 3% of);
 *   the host syncs and dynamic shapes of dropless routing at 1-layer pipeline chunks are not modelled. And Qwen3-30B-A3B
 *   on 8 B200 (+38%): with the CUDA graphs its config captures (router and preprocess) stated, the host cost left is
 *   the un-graphed expert part, which the model counts at its own (low) kernel counts — the same lower bound.
 *   Qwen3-235B on 256 H100 in FP8 (Megatron-Core's alltoall dispatcher, the combined-1F1B all-to-all overlap, no TP
 *   overlap) was the third gap (+30%) while the overlap was timed as max(compute, communication) of the whole pair; timed
 *   node by node on two streams as Megatron-Core runs it (step/combined-1f1b.ts) it is +20%. And DeepSeek-V3 on 256
 *   B200 (+27%) once its plan states the pipeline layout the recipe sets (`parallelism.pipelineLayout`, one decoder layer
 *   on the last of 16 stages) and the NCCL all-to-all dispatcher its config leaves (no flex backend): with the other
 *   25.11 B200 MoE row, too fast on that system's 25.11 software, where the 26.04.01 rows of the same system are within 5%.
 *   And Llama 3.1 405B on 1,024 H100 (TP8 × CP2, 25.11): too fast by 15-25% once context parallelism's KV ring is
 *   timed as Megatron-Core's overlapped send/recv steps.
 * - Megatron-Bridge 26.04.01 (v0.4.2 configs, every setting stated; H100, B200, GB200, B300, GB300): every run within
 *   20% (Qwen3-235B in FP8 on 256 H100 was +25% before the combined-1F1B overlap was timed node by node), the median within 10%, the
 *   fine-grained Qwen3-30B-A3B rows that were the 25.11 gaps within 10% on all five systems, and the Blackwell Ultra
 *   rows too slow (their profiles borrow B200 / GB200 efficiencies: no B300 / GB300 kernel measurement is published).
 * - Megatron-Bridge 26.06 (v0.5.0 configs): every run within 30%, the median within 15%; the seven rows whose configs are
 *   the 26.04.01 ones unchanged within 16%; the eight MXFP8 MoE rows that also run FP8 attention or capacity-padded
 *   experts for full-iteration CUDA graphs (neither statable) too slow, and less so with their fused grouped MLP stated.
 * - MosaicML: llm-foundry's MPT throughput tables on H100 and A100 (125M-70B, 512-65,536 tokens) less the calibration
 *   rows and the rows the `pytorch-flash` attention rate was measured from: median within 10%, 90% of the rows within
 *   25% (at least 80% on each GPU). The misses, all too fast, are 30B at 8k on 8 GPUs, a 13B series
 *   without checkpointing that ran slower than the same table's 13B with checkpointing at half the length, 70B on 32 H100
 *   and 760M at 512 tokens on A100.
 * - Megatron-Core r0.8 weak scaling (GPT 1.7B-462B on 48-6144 H100): median within 10% and every run within 30% — looser
 *   because micro-batch size, recomputation and interleaving are not stated. The two smallest models (1.7B, 7.1B) are
 *   the misses, predicted 26-29% too fast.
 * - Megatron-Core MoE ModelZoo: the Qwen3-235B rows outside the calibration set that a plan can state — the 32k and 131k
 *   long-context rows (recompute modules `layernorm, moe`, as their command line says) and the cross-node EP row with
 *   the "+1f1b overlap" (`epA2aOverlap: combined-1f1b`) within 10%; the intra-node-EP row with Megatron FSDP within 25%
 *   (−14%, too slow: parameters gathered and gradients reduce-scattered every micro-batch of GA 4, in BF16 as the
 *   scripts leave Megatron-Core's gradient reduction; −30% read with FP32 gradients).
 * - NeMo 24.07 (NVIDIA's DGX-H100 FP8 pre-training table: GPT-3 5B-175B, Llama 2 / 3, Nemotron 8B-340B, each with its
 *   published layout): every run within 25% and the median within 15%. Looser than the other sets because the set is
 *   one-sided: the small and medium models (TP ≤ 4) are predicted 8-19% too fast and the TP8/TP4-PP8 ones 7-17% too
 *   slow, against the same engine that is within 4% of the 2025 Megatron-Bridge runs of Llama 3 on H100 in FP8 — the
 *   24.07 software stack (Transformer Engine delayed-scaling FP8) was slower than the later one at small scale.
 * - Nemotron-4 340B (technical report Table 2): the three batch-ramp stages on 1,536-6,144 H100, iteration time within
 *   10% each (a run family no catalog number was set from: 96 layers of hidden 18432, TP8 × PP12 interleaved).
 * - torchtitan: the H100 runs outside the calibration set (context parallel to 262k tokens, async TP, FSDP × TP),
 *   every run within 25% and the median within 10%. They cross-check the H100 `pytorch-flash` attention rate, which
 *   was measured on another stack (MosaicML's table); with the isolated-kernel `flash2` rate most are 25-74% too fast.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCalibration, type CalibrationCase, type CalibrationResult } from '../src/calibration.js';
import { estimate } from '../src/index.js';
import { loadCaseFolder } from './fixtures/case-folder.js';

const validationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../validation');

const loadCases = (set: string, assumptions: Record<string, string> = {}): CalibrationCase[] => loadCaseFolder(path.join(validationDir, set), assumptions);

/** One line per run: id, published, predicted, error. */
function tableOf(result: CalibrationResult): string {
  const width = Math.max(...result.rows.map((r) => r.id.length));
  const num = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)).padStart(7);
  return result.rows.map((r) => `${r.id.padEnd(width)} ${num(r.published)} ${num(r.predicted)} ${r.errorPct.toFixed(1).padStart(7)}%`).join('\n');
}

const KNOWN_GAP = new Set(['mbridge-25.11-dgx-h100-qwen3-30b-a3b-fp8-cs-16', 'mbridge-25.11-dgx-b200-qwen3-30b-a3b-fp8-mx-8', 'mbridge-25.11-dgx-b200-deepseek-v3-fp8-mx-256']);
/**
 * Llama 3.1 405B on 1,024 H100 (TP8 × CP2, 25.11, GBS 512): with context parallelism's KV ring timed as the send/recv
 * steps Megatron-Core runs (`cp_comm_type` "p2p", overlapped with attention), the run is predicted 15-25% too fast;
 * the same layout at GBS 1536 in the 26.04.01 table is within 10% (below). What a TP8 × CP2 step costs beyond that on
 * H100 (the stated TP overlap of 0.9 at TP8, Transformer Engine's per-step CP attention calls) is not measured here.
 */
const DENSE_CP_GAP = 'mbridge-25.11-dgx-h100-llama3-405b-fp8-cs-1024';
const isDenseOrV3 = (id: string) => /llama3|deepseek-v3/.test(id);

describe('held-out validation: Megatron-Bridge performance tables (tokens/s per GPU)', () => {
  const cases = loadCases('megatron-bridge');
  const result = runCalibration(cases);

  it('has the 18 published runs and prints them', () => {
    expect(cases).toHaveLength(18);
    console.log(tableOf(result));
  });

  it('predicts every run within 25% (dense and DeepSeek-V3 within 15%) and the median within 10%', () => {
    for (const r of result.rows) {
      if (KNOWN_GAP.has(r.id)) continue;
      expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(isDenseOrV3(r.id) && r.id !== DENSE_CP_GAP ? 15 : 25);
    }
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });

  it('is too fast, within 25%, on the H100 TP8 × CP2 Llama 3.1 405B row (the CP ring hidden under attention, as Megatron-Core runs it)', () => {
    const r = result.rows.find((x) => x.id === DENSE_CP_GAP)!;
    expect(r.errorPct).toBeGreaterThan(15);
    expect(r.errorPct).toBeLessThanOrEqual(25);
  });

  it('is too fast, not too slow, on the known gaps (dropless Qwen3-30B on H100 and B200, DeepSeek-V3 on B200)', () => {
    for (const r of result.rows) if (KNOWN_GAP.has(r.id)) expect(r.errorPct, r.id).toBeGreaterThan(25);
  });
});

/**
 * The 26.04.01 tables: the same model families on NVIDIA's stack five months later (Megatron-Bridge v0.4.2, every row's
 * workload config has its layout, so recomputation, CUDA graphs, dispatcher and overlaps are all stated), on H100, B200,
 * GB200 and Blackwell Ultra (B300, GB300). Where the 25.11 Qwen3-30B-A3B rows were the known gaps (+125% on H100, +32% on
 * B200), the same model at the later software is within 10% on all five systems: what the engine missed there was the
 * earlier stack, not the model family.
 */
const OFFLOAD_2604 = new Set(['mbridge-26.04.01-dgx-gb200-llama3-70b-fp8-64', 'mbridge-26.04.01-dgx-gb300-llama3-70b-fp8-64']);
const isBlackwellUltra = (id: string) => /-dgx-g?b300-/.test(id);

describe('held-out validation: Megatron-Bridge 26.04.01 performance tables (tokens/s per GPU)', () => {
  const cases = loadCases('megatron-bridge-26.04');
  const result = runCalibration(cases);

  it('has the 24 stateable published runs and prints them', () => {
    expect(cases).toHaveLength(24);
    console.log(tableOf(result));
  });

  it('predicts every run within 20% and the median within 10%', () => {
    for (const r of result.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(20);
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });

  it('predicts the fine-grained Qwen3-30B-A3B rows within 10% on H100, B200, GB200, B300 and GB300', () => {
    const qwen = result.rows.filter((r) => r.id.includes('qwen3-30b'));
    expect(qwen).toHaveLength(5);
    for (const r of qwen) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(10);
  });

  it('times the combined-1F1B overlap node by node: the H100 Qwen3-235B row, whose NCCL all-to-all is as long as the compute it hides under, within 20% (+25% with the whole-pair bound)', () => {
    const r = result.rows.find((x) => x.id === 'mbridge-26.04.01-dgx-h100-qwen3-235b-a22b-fp8-256')!;
    expect(Math.abs(r.errorPct)).toBeLessThanOrEqual(20);
  });

  it('fits every run in memory, the GB200 / GB300 Llama 3 70B FSDP rows only with the 40 / 20 layers of activations their configs offload to the CPU', () => {
    for (const c of cases) expect(estimate(c.plan).memory.fits, c.id).toBe(true);
    for (const id of OFFLOAD_2604) {
      const plan = cases.find((c) => c.id === id)!.plan as Record<string, unknown>;
      const { cpuOffloadLayers, ...parallelism } = plan['parallelism'] as Record<string, unknown>;
      expect(cpuOffloadLayers, id).toBeGreaterThan(0);
      const kept = estimate({ ...plan, parallelism });
      expect(kept.memory.fits, id).toBe(false);
      // over NVLink-C2C the copies hide under the compute: the same step time
      expect(estimate(plan).step.seconds).toBeCloseTo(kept.step.seconds, 9);
    }
  });

  it('times Blackwell Ultra (B300, GB300) with efficiencies borrowed from B200 / GB200: every such run within 20%, all but one too slow', () => {
    const ultra = result.rows.filter((r) => isBlackwellUltra(r.id));
    expect(ultra).toHaveLength(10);
    for (const r of ultra) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(20);
    expect(ultra.filter((r) => r.errorPct < 0).length).toBeGreaterThanOrEqual(9);
  });

  it('needs the pipeline layout the DeepSeek-V3 recipe sets (parallelism.pipelineLayout): with the even split every such row is 13-19% too slow', () => {
    const v3 = cases.filter((c) => c.id.includes('deepseek-v3'));
    expect(v3).toHaveLength(4);
    for (const c of v3) {
      const stated = result.rows.find((r) => r.id === c.id)!;
      expect(Math.abs(stated.errorPct), c.id).toBeLessThanOrEqual(15);
      const plan = c.plan as Record<string, unknown>;
      const { pipelineLayout: _l, ...parallelism } = plan['parallelism'] as Record<string, unknown>;
      const even = estimate({ ...plan, parallelism }).throughput.tokensPerGpuSecond;
      expect((even / stated.published - 1) * 100, c.id).toBeLessThan(-12);
    }
  });
});

/**
 * The 26.06 tables (Megatron-Bridge v0.5.0): the dense rows and three MoE rows run the 26.04.01 configs unchanged; the
 * MXFP8 MoE rows on GB200 / GB300 / B300 add Megatron-Core's combined 1F1B, full-iteration CUDA graphs and Transformer
 * Engine's fused grouped MLP (all stated) and FP8 dot-product attention with capacity-padded experts (not statable: no
 * Blackwell FP8-attention measurement is published), so those rows lean slow by what is left unstated.
 */
describe('held-out validation: Megatron-Bridge 26.06 performance tables (tokens/s per GPU)', () => {
  const cases = loadCases('megatron-bridge-26.06');
  const result = runCalibration(cases);
  // the rows on v0.5.0's new MoE path: the fused grouped MLP stated, FP8 attention and capacity-padded experts not
  // (each expected.json lists them under `assumed`)
  const unstated = (id: string) => ((cases.find((c) => c.id === id)!.plan as { assumptions: Record<string, unknown> }).assumptions.expertMlpKernels === 'fused');

  it('has the 15 stateable published runs and prints them', () => {
    expect(cases).toHaveLength(15);
    console.log(tableOf(result));
  });

  it('predicts every run within 30% and the median within 15%', () => {
    for (const r of result.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(30);
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(15);
  });

  it('predicts the rows whose configs it can state in full (the 26.04.01 configs, unchanged) within 16%', () => {
    const full = result.rows.filter((r) => !unstated(r.id));
    expect(full).toHaveLength(7);
    for (const r of full) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(16);
  });

  it('is too slow on every row that runs FP8 attention or capacity-padded experts it cannot state, and closer with the fused grouped MLP stated than without', () => {
    const partial = cases.filter((c) => unstated(c.id));
    expect(partial).toHaveLength(8);
    for (const c of partial) {
      const stated = result.rows.find((r) => r.id === c.id)!;
      expect(stated.errorPct, c.id).toBeLessThan(0);
      const plan = c.plan as Record<string, unknown>;
      const { expertMlpKernels, ...assumptions } = plan['assumptions'] as Record<string, unknown>;
      expect(expertMlpKernels, c.id).toBe('fused');
      const separate = estimate({ ...plan, assumptions }).throughput.tokensPerGpuSecond;
      expect(separate, c.id).toBeLessThan(stated.predicted);
    }
  });

  it('states the MXFP8 output head the DeepSeek-V3 builder sets on GB200 and GB300, and is faster with it than with the BF16 head', () => {
    const v3 = cases.filter((c) => /-dgx-gb[23]00-deepseek-v3-/.test(c.id));
    expect(v3).toHaveLength(3);
    for (const c of v3) {
      const plan = c.plan as Record<string, unknown>;
      const { outputHeadPrecision, ...assumptions } = plan['assumptions'] as Record<string, unknown>;
      expect(outputHeadPrecision, c.id).toBe('fp8');
      const stated = result.rows.find((r) => r.id === c.id)!;
      expect(estimate({ ...plan, assumptions }).throughput.tokensPerGpuSecond, c.id).toBeLessThan(stated.predicted);
    }
  });

  it('fits every run in memory', () => {
    for (const c of cases) expect(estimate(c.plan).memory.fits, c.id).toBe(true);
  });
});

describe('held-out validation: torchtitan H100 benchmarks outside the calibration set (tokens/s per GPU)', () => {
  const cases = loadCases('torchtitan');
  const result = runCalibration(cases);

  it('has the 15 published runs and prints them', () => {
    expect(cases).toHaveLength(15);
    console.log(tableOf(result));
  });

  it('predicts every run within 25% and the median within 10%', () => {
    for (const r of result.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(25);
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(10);
  });

  it('would predict most of them far too fast at the isolated FlashAttention-2 kernel rate', () => {
    const fa2 = runCalibration(loadCases('torchtitan', { attentionKernel: 'flash2' }));
    expect(fa2.medianAbsErrorPct).toBeGreaterThan(25);
    expect(fa2.meanErrorPct).toBeGreaterThan(25);
  });
});

describe('held-out validation: MosaicML MPT throughput tables, H100 and A100 (tokens/s per GPU)', () => {
  const cases = loadCases('mosaicml');
  const result = runCalibration(cases);

  it('has the 99 held-out rows and prints the summary', () => {
    expect(cases).toHaveLength(99);
    const over = result.rows.filter((r) => Math.abs(r.errorPct) > 25);
    console.log(`mosaicml: median ${result.medianAbsErrorPct.toFixed(1)}%, mean ${result.meanErrorPct.toFixed(1)}%, above 25%: ${over.map((r) => `${r.id} ${r.errorPct.toFixed(1)}%`).join(', ')}`);
  });

  it('predicts the median row within 10%, 90% of the rows within 25%, and at least 80% on each GPU', () => {
    const within = (rows: typeof result.rows) => rows.filter((r) => Math.abs(r.errorPct) <= 25).length / rows.length;
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(10);
    expect(within(result.rows)).toBeGreaterThanOrEqual(0.9);
    for (const gpu of ['H100', 'A100']) {
      const rows = result.rows.filter((r) => r.id.includes(`x${gpu}-`));
      expect(rows.length).toBeGreaterThan(20);
      expect(within(rows), gpu).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('needs the measured flash-attention rate on A100: the unfused default of the 2021-22 runs is far too slow at long sequences', () => {
    const unfused = runCalibration(loadCases('mosaicml', { attentionKernel: 'gpu-default' }).filter((c) => c.id.includes('xA100-')));
    expect(unfused.meanErrorPct).toBeLessThan(-20);
  });
});

describe('held-out validation: Megatron-Core MoE ModelZoo Qwen3-235B rows outside the calibration set (causal TFLOP/s per GPU)', () => {
  const cases = loadCases('megatron-moe-modelzoo');
  const result = runCalibration(cases);
  const FSDP_GAP = 'modelzoo-qwen3-235b-h100-fsdp-tp2-ep8-full';

  it('has the 4 stateable rows and prints them', () => {
    expect(cases).toHaveLength(4);
    console.log(tableOf(result));
  });

  it('predicts the long-context rows (recompute modules layernorm, moe as the command line states) and the 1F1B all-to-all overlap row within 10%, fitting in memory', () => {
    for (const r of result.rows) if (r.id !== FSDP_GAP) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(10);
    for (const c of cases) if (c.id !== FSDP_GAP) expect(estimate(c.plan).memory.fits, c.id).toBe(true);
  });

  it('the +1f1b overlap row is faster than its layout without the overlap (the calibration case at 245 TFLOP/s), as published (276)', () => {
    const overlap = cases.find((c) => c.id.endsWith('-a2a-overlap'))!;
    const plain = { ...(overlap.plan as Record<string, unknown>), assumptions: { framework: 'megatron-core' } };
    expect(estimate(overlap.plan).step.seconds).toBeLessThan(estimate(plain).step.seconds);
  });

  it('times the Megatron-FSDP row (per-micro-batch gathers and gradient reduce-scatters, GA 4) within 25%, too slow, once its BF16 gradient reduction is stated', () => {
    const fsdp = cases.find((c) => c.id === FSDP_GAP)!;
    const r = result.rows.find((x) => x.id === FSDP_GAP)!;
    expect(r.errorPct).toBeLessThan(0);
    expect(r.errorPct).toBeGreaterThan(-25);
    expect(estimate(fsdp.plan).memory.fits).toBe(true);
    // FP32 gradient reduce-scatters, Megatron-Core's --accumulate-allreduce-grads-in-fp32 the scripts do not pass,
    // would double the gradient bytes of each micro-batch: the row was -30% read that way
    const plan = fsdp.plan as Record<string, unknown>;
    const fp32 = estimate({ ...plan, assumptions: { ...(plan['assumptions'] as object), gradientPrecision: 'fp32' } });
    expect((fp32.throughput.modelTflopsPerGpuCausal / r.published - 1) * 100).toBeLessThan(-25);
  });
});

describe('held-out validation: Megatron-Core r0.8 weak scaling on H100 (model TFLOP/s per GPU)', () => {
  const cases = loadCases('megatron-core');
  const result = runCalibration(cases);

  it('has the 9 published runs and prints them', () => {
    expect(cases).toHaveLength(9);
    console.log(tableOf(result));
  });

  it('predicts the median run within 10% and every run within 30% (batching and recomputation not stated)', () => {
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(10);
    for (const r of result.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(30);
  });
});

describe('held-out validation: Nemotron-4 340B pre-training (iteration time)', () => {
  const cases = loadCases('nemotron');
  const result = runCalibration(cases);

  it('has the 3 published batch-ramp stages and prints them', () => {
    expect(cases).toHaveLength(3);
    console.log(tableOf(result));
  });

  it('predicts every stage within 10%, and the 6,144-GPU stage (half the steps per GPU) faster than the others', () => {
    for (const r of result.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(10);
    const byGpus = (n: number) => result.rows.find((r) => r.id.includes(`${n}xh100`))!.predicted;
    expect(byGpus(6144)).toBeLessThan(byGpus(3072));
    // weak scaling from DP16 to DP32 (batch doubles with the GPUs): the step barely moves
    expect(Math.abs(byGpus(3072) / byGpus(1536) - 1)).toBeLessThan(0.02);
  });
});

describe('held-out validation: NeMo 24.07 DGX-H100 FP8 pre-training table (tokens/s per GPU)', () => {
  const cases = loadCases('nemo');
  const result = runCalibration(cases);

  it('has the 12 published runs and prints them', () => {
    expect(cases).toHaveLength(12);
    console.log(tableOf(result));
  });

  it('predicts every run within 25% and the median within 15%', () => {
    for (const r of result.rows) expect(Math.abs(r.errorPct), r.id).toBeLessThanOrEqual(25);
    expect(result.medianAbsErrorPct).toBeLessThanOrEqual(15);
  });

  it('has every run that happened fit in 80 GB (Nemotron-340B on 128 GPUs with the BF16 optimizer state its config sets)', () => {
    for (const c of cases) expect(estimate(c.plan).memory.fits, c.id).toBe(true);
    const n340 = cases.find((c) => c.id.includes('nemotron-340b'))!;
    const fp32State = { ...(n340.plan as Record<string, any>), assumptions: { framework: 'megatron-core' } };
    expect(estimate(fp32State).memory.fits).toBe(false);
  });

  it('keeps the published order of throughput across model sizes (5B > 7B > 13B > 20B > 70B > 175B > 340B)', () => {
    const ids = ['gpt3-5b-64', 'llama2-7b-8', 'llama2-13b-16', 'gpt3-20b-64', 'llama2-70b-64', 'gpt3-175b-128', 'nemotron-340b-128'];
    const predicted = ids.map((id) => result.rows.find((r) => r.id === `nemo-24.07-h100-${id}`)!.predicted);
    for (let i = 1; i < predicted.length; i++) expect(predicted[i]!, ids[i]).toBeLessThan(predicted[i - 1]!);
  });
});
