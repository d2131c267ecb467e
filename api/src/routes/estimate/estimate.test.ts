import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG, estimate as engineEstimate } from '@flopcast/engine';
import { problem, testApi, type TestApi } from '../../test/harness.js';
import { deepseekV3Plan, llama8bPlan } from '../../test/fixtures.js';

let api: TestApi;
let team: { teamId: string; key: string };
let other: { teamId: string; key: string };

beforeAll(async () => {
  api = await testApi();
  team = await api.team('estimate-a');
  other = await api.team('estimate-b');
});
afterAll(async () => {
  await api.db.close();
});

type Report = {
  totals: Record<string, number>;
  memory: { fits: boolean; peakGiB: number; stages: unknown[] };
  throughput: { mfu: number };
  pipeline: { schedule: string; timeline?: unknown[] };
  warnings: unknown[];
};

/** Every number in a JSON value, with its pointer. */
function numbers(v: unknown, path = ''): Array<[string, number]> {
  if (typeof v === 'number') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => numbers(x, `${path}/${i}`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numbers(x, `${path}/${k}`));
  return [];
}

const estimate = (body: unknown, opts: { key?: string; query?: string } = {}) =>
  api.call('POST', `/v1/estimate${opts.query ?? ''}`, { body, ...(opts.key ? { key: opts.key } : {}) });

describe('POST /v1/estimate', () => {
  it('anonymous inline DeepSeek-V3 plan → the full report, all numbers finite', async () => {
    const res = await estimate({ plan: deepseekV3Plan() });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    for (const f of ['tokens', 'steps', 'gpuHours', 'wallClockDays', 'costUsd', 'energyMWh']) expect(report.totals[f]).toBeGreaterThan(0);
    expect(report.memory.stages).toHaveLength(16);
    expect(report.pipeline.schedule).toBe('dualpipe');
    expect(report.pipeline.timeline).toBeUndefined();
    for (const [, n] of numbers(report)) expect(Number.isFinite(n)).toBe(true);
  });

  it('gives the same report as the engine\'s estimate(), pipeline-bubble advice included', async () => {
    // Llama 3 8B with 8 micro-batches over PP8 on 1F1B: a bubble of ~45% of the step, which interleaving shrinks
    const base = llama8bPlan();
    const plan = { ...base, training: { ...(base['training'] as object), globalBatchSize: 64 }, parallelism: { ...(base['parallelism'] as object), pipeline: 8 } };
    const res = await estimate({ plan });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.warnings).toEqual(engineEstimate(plan).warnings);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'pipeline-bubble' }));
  });

  it('gives the same memory-fit advice as the engine, its list-valued fix passing the Report schema', async () => {
    // Qwen3-235B at 16k on the Megatron-Core ModelZoo layout with `selective` alone: 106 GiB per GPU
    const plan = {
      version: 1,
      model: 'qwen3-235b-a22b',
      training: { tokens: 4.194304e9, sequenceLength: 16384, globalBatchSize: 256 },
      cluster: { gpu: 'h100-sxm', gpus: 256, interNode: 'ib-ndr' },
      parallelism: { tensor: 4, pipeline: 8, virtualStages: 4, expert: 8, sequenceParallel: true, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective' },
      assumptions: { framework: 'megatron-core' },
    };
    const res = await estimate({ plan });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.warnings).toEqual(engineEstimate(plan).warnings);
    const advice = (report.warnings as Array<{ code: string; fix?: unknown[] }>).find((w) => w.code === 'memory-fit');
    expect(advice?.fix).toContainEqual({ path: 'parallelism.recomputeModules', value: ['layernorm', 'moe'] });
    // the list is a plan field: sent back, it fits
    const fixed = await estimate({ plan: { ...plan, parallelism: { ...plan.parallelism, recomputeModules: ['layernorm', 'moe'] } } });
    expect(((await fixed.json()) as Report).memory.fits).toBe(true);
    const bad = await problem(await estimate({ plan: { ...plan, parallelism: { ...plan.parallelism, recompute: 'full', recomputeModules: ['moe'] } } }));
    expect(bad.status).toBe(422);
    expect(bad.errors?.[0]).toMatchObject({ path: '/plan/parallelism/recomputeModules' });
  });

  it('?timeline=1 adds the pipeline timeline', async () => {
    const res = await estimate({ plan: llama8bPlan() }, { query: '?timeline=1' });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(Array.isArray(report.pipeline.timeline)).toBe(true);
    const bad = await problem(await estimate({ plan: llama8bPlan() }, { query: '?timeline=yes' }));
    expect(bad.errors?.[0]).toMatchObject({ location: 'query', path: '/timeline' });
  });

  it('an anonymous inline estimate needs no database (works with a repository that always fails)', async () => {
    const { createApp } = await import('../../app.js');
    const noDb = createApp({ repo: () => Promise.reject(new Error('no database here')) });
    const res = await noDb.request('/v1/estimate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: llama8bPlan() }) });
    expect(res.status).toBe(200);
  });

  it('by planId (saved plan, current or past version) with a key; cached per revision', async () => {
    const saved = (await (await api.call('POST', '/v1/plans', { key: team.key, body: { name: 'p', plan: llama8bPlan() } })).json()) as { id: string };
    await api.call('PUT', `/v1/plans/${saved.id}`, { key: team.key, headers: { 'if-match': '1' }, body: { plan: llama8bPlan({ gpus: 128 }) } });
    const cur = await estimate({ planId: saved.id }, { key: team.key });
    expect(cur.status).toBe(200);
    expect(cur.headers.get('x-plan-version')).toBe('2');
    expect(cur.headers.get('x-estimate-cache')).toBe('miss');
    const again = await estimate({ planId: saved.id }, { key: team.key });
    expect(again.headers.get('x-estimate-cache')).toBe('hit');
    expect(await again.json()).toEqual(await cur.json());
    const v1 = await estimate({ planId: saved.id, version: 1 }, { key: team.key });
    expect(v1.headers.get('x-plan-version')).toBe('1');
    const r1 = (await v1.json()) as Report;
    const r2 = (await (await estimate({ planId: saved.id }, { key: team.key })).json()) as Report;
    expect(r1.totals.gpuHours).not.toBe(r2.totals.gpuHours);

    expect((await problem(await estimate({ planId: saved.id }))).status).toBe(401);
    expect((await problem(await estimate({ planId: saved.id }, { key: other.key }))).status).toBe(404);
    expect((await problem(await estimate({ planId: "' OR 1=1 --" }, { key: team.key }))).status).toBe(404);
  });

  it('invalid plans → 422 with pointers into the request and the engine’s dotted field', async () => {
    const p = await problem(await estimate({ plan: llama8bPlan({ tensor: 3 }) }));
    expect(p).toMatchObject({ status: 422, code: 'invalid_plan' });
    expect(p.errors?.map((e) => e.path)).toContain('/plan/parallelism/tensor');
    expect(p.errors?.find((e) => e.path === '/plan/parallelism/tensor')?.field).toBe('parallelism.tensor');
    const unknownGpu = await problem(await estimate({ plan: { ...llama8bPlan(), cluster: { gpu: 'h9000', gpus: 8 } } }));
    expect(unknownGpu.errors?.[0]?.path).toBe('/plan/cluster/gpu');
    expect(unknownGpu.errors?.[0]?.message).toContain('h100-sxm');
  });

  it('a batch ramp adds its steps and GPU-hours to the totals; a ramp the layout cannot run is a 422 naming the field', async () => {
    const base = deepseekV3Plan() as { training: Record<string, unknown> };
    const plain = (await (await estimate({ plan: base })).json()) as Report & { details: Record<string, unknown> };
    const ramped = { ...base, training: { ...base.training, batchRamp: { startBatchSize: 4096, tokens: 469e9 } } };
    const res = await estimate({ plan: ramped });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Report & { details: { batchRamp: { steps: number; extraGpuHours: number } } };
    expect(r.totals['steps']).toBeGreaterThan(plain.totals['steps']!);
    expect(r.details.batchRamp.extraGpuHours).toBeGreaterThan(0);
    expect(r.totals['gpuHours']).toBeCloseTo(plain.totals['gpuHours']! + r.details.batchRamp.extraGpuHours, 0);
    // DualPipe needs an even number of at least 2 × PP micro-batches: 3072 sequences over DP128 are 24
    const early = { ...base, training: { ...base.training, batchRamp: { startBatchSize: 3072, tokens: 469e9 } } };
    const p = await problem(await estimate({ plan: early }));
    expect(p).toMatchObject({ status: 422, code: 'invalid_plan' });
    expect(p.errors?.[0]?.path).toBe('/plan/training/batchRamp/startBatchSize');
    expect(p.errors?.[0]?.message).toContain('dualpipe');
  });

  it('software-stack assumptions: a known kernel class changes the estimate, an unknown or unmeasured one is a 422 naming the field', async () => {
    const base = (await (await estimate({ plan: llama8bPlan() })).json()) as Report & { details: { attentionKernel: { kernel: string } } };
    const flash3Res = await estimate({ plan: { ...llama8bPlan(), assumptions: { attentionKernel: 'flash3', layerSplit: 'balanced' } } });
    expect(flash3Res.status).toBe(200);
    const flash3 = (await flash3Res.json()) as typeof base;
    expect(flash3.details.attentionKernel.kernel).toBe('flash3');
    expect(flash3.totals.gpuHours!).toBeLessThan(base.totals.gpuHours!);
    const bad = await problem(await estimate({ plan: { ...llama8bPlan(), assumptions: { attentionKernel: 'flash9' } } }));
    expect(bad).toMatchObject({ status: 422, code: 'invalid_plan' });
    expect(bad.errors?.find((e) => e.field === 'assumptions.attentionKernel')?.path).toBe('/plan/assumptions/attentionKernel');
    const split = await problem(await estimate({ plan: { ...llama8bPlan(), assumptions: { layerSplit: 'zigzag' } } }));
    expect(split.errors?.map((e) => e.field)).toContain('assumptions.layerSplit');
  });

  it('a Megatron-Core pipeline layout is estimated as stated; one that does not fit the pipeline is a 422 naming parallelism.pipelineLayout', async () => {
    // Llama 3 8B (32 layers) on PP4: the embedding's and the loss's ranks lighter by one layer each
    const pp4 = (pipelineLayout?: string) => ({
      ...llama8bPlan(),
      parallelism: { tensor: 1, pipeline: 4, zero: 1, schedule: '1f1b', recompute: 'selective', ...(pipelineLayout ? { pipelineLayout } : {}) },
    });
    const res = await estimate({ plan: pp4('Et*7|t*9|t*9|t*7L') });
    expect(res.status).toBe(200);
    const stated = (await res.json()) as { memory: { stages: Array<{ layers: number }> } };
    expect(stated.memory.stages.map((s) => s.layers)).toEqual([7, 9, 9, 7]);
    const bad = await problem(await estimate({ plan: pp4('Et*8|t*8|t*8L') }));
    expect(bad).toMatchObject({ status: 422, code: 'invalid_plan' });
    const e = bad.errors?.find((x) => x.field === 'parallelism.pipelineLayout');
    expect(e?.path).toBe('/plan/parallelism/pipelineLayout');
    expect(e?.message).toMatch(/3 chunks; the schedule cuts the model into 4/);
  });

  it('absurd magnitudes are refused by validation, not computed: 10^300 GPUs, 1e308 tokens, negative sizes', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['/plan/cluster/gpus', { ...llama8bPlan(), cluster: { gpu: 'h100-sxm', gpus: 1e300 } }],
      ['/plan/training/tokens', { ...llama8bPlan(), training: { tokens: 1e308, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 1 } }],
      ['/plan/training/sequenceLength', { ...llama8bPlan(), training: { tokens: 1e12, sequenceLength: -8192, globalBatchSize: 512, microBatchSize: 1 } }],
    ];
    for (const [path, plan] of cases) {
      const p = await problem(await estimate({ plan }));
      expect(p.status).toBe(422);
      expect(p.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('request-shape errors → 400: neither or both of plan/planId, unknown fields, plan not an object', async () => {
    for (const body of [{}, { plan: llama8bPlan(), planId: 'x' }, { plan: llama8bPlan(), extra: 1 }, { plan: 'llama' }, { plan: null }, [llama8bPlan()], 42]) {
      const p = await problem(await estimate(body));
      expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(p.errors?.length).toBeGreaterThan(0);
    }
  });

  it('a team key can use its custom GPU; anonymous callers cannot see it', async () => {
    const gpu = { ...structuredClone(BUILTIN_CATALOG.gpus['h100-sxm']!), id: 'team-gpu', name: 'Team GPU' };
    expect((await api.call('POST', '/v1/gpus', { key: team.key, body: gpu })).status).toBe(201);
    const plan = { ...llama8bPlan(), cluster: { gpu: 'team-gpu', gpus: 64 } };
    expect((await estimate({ plan }, { key: team.key })).status).toBe(200);
    expect((await problem(await estimate({ plan }))).status).toBe(422);
    expect((await problem(await estimate({ plan }, { key: other.key }))).status).toBe(422);
  });
});

describe('property: random and malformed plans never produce a 500', () => {
  const MODELS = Object.keys(BUILTIN_CATALOG.models);
  const GPUS = Object.keys(BUILTIN_CATALOG.gpus);
  const pow2 = fc.constantFrom(1, 2, 4, 8, 16, 32, 64);

  /** Structurally plausible plans over the whole catalog: many are valid, many violate cross-field rules. */
  const plausiblePlan = fc.record({
    version: fc.constant(1),
    name: fc.string({ maxLength: 20 }),
    model: fc.constantFrom(...MODELS),
    training: fc.record({
      tokens: fc.constantFrom(1e9, 1e11, 1e12, 14.8e12),
      sequenceLength: fc.constantFrom(1024, 2048, 4096, 8192, 32768),
      globalBatchSize: fc.constantFrom(64, 256, 512, 1024, 4096, 15360),
      microBatchSize: fc.constantFrom(1, 2, 4),
    }),
    cluster: fc.record({ gpu: fc.constantFrom(...GPUS), gpus: fc.constantFrom(8, 16, 64, 256, 1024, 2048, 4096) }),
    parallelism: fc.record({
      tensor: pow2,
      pipeline: fc.constantFrom(1, 2, 4, 8, 16),
      context: fc.constantFrom(1, 2),
      expert: fc.constantFrom(1, 8, 64),
      zero: fc.constantFrom(0, 1, 2, 3),
      schedule: fc.constantFrom('gpipe', '1f1b', 'interleaved-1f1b', 'zb1p', 'dualpipe', 'dualpipev'),
      recompute: fc.constantFrom('none', 'selective', 'full'),
    }),
    precision: fc.constantFrom('bf16', 'fp8', 'fp8-tensorwise'),
  });

  /** Plans built to satisfy the divisibility rules (gpus = TP × PP × CP × DP, batch a multiple of DP × micro-batch). */
  const consistentPlan = fc
    .record({
      model: fc.constantFrom(...MODELS),
      gpu: fc.constantFrom(...GPUS),
      tensor: fc.constantFrom(1, 2, 4, 8),
      pipeline: fc.constantFrom(1, 2, 4, 8),
      context: fc.constantFrom(1, 2),
      dp: fc.constantFrom(1, 2, 4, 8, 16, 32),
      micro: fc.constantFrom(1, 2),
      perRank: fc.constantFrom(8, 16, 32, 64),
      expert: fc.constantFrom(1, 2, 4, 8),
      schedule: fc.constantFrom('gpipe', '1f1b', 'interleaved-1f1b', 'zb1p', 'dualpipe', 'dualpipev'),
      recompute: fc.constantFrom('none', 'selective', 'full'),
      precision: fc.constantFrom('bf16', 'fp8', 'fp8-tensorwise'),
      zero: fc.constantFrom(0, 1, 2, 3),
      sequenceLength: fc.constantFrom(2048, 4096, 8192),
      tokens: fc.constantFrom(1e10, 1e12, 1.5e13),
      attentionKernel: fc.constantFrom('gpu-default', 'unfused', 'flash2', 'flash3'),
      layerSplit: fc.constantFrom('even', 'balanced'),
      hostUsPerKernel: fc.constantFrom(0, 47, 500),
      elementwiseKernels: fc.constantFrom('fused', 'eager'),
      selectiveRecompute: fc.constantFrom('core-attention', 'every-other-matmul'),
      optimizerKernels: fc.constantFrom('fused', 'unfused'),
      gradientPrecision: fc.constantFrom('fp32', 'bf16'),
      optimizerStatePrecision: fc.constantFrom('recipe', 'fp32', 'bf16-moments', 'bf16'),
      ppCommOverlap: fc.constantFrom('none', 'interleaved', 'all'),
      cpComm: fc.constantFrom('ring', 'all-gather'),
      moeDispatcher: fc.constantFrom('deepep', 'alltoall'),
      epA2aOverlap: fc.constantFrom('none', 'combined-1f1b'),
      expertMlpKernels: fc.constantFrom('separate', 'fused'),
      outputHeadPrecision: fc.constantFrom('recipe', 'fp8'),
      cudaGraphs: fc.constantFrom('none', 'full_iteration', 'attn', 'attn,moe_router,moe_preprocess', 'moe', 'mlp,attn'),
      framework: fc.constantFrom('generic', 'megatron-core', 'torchtitan', 'torchtitan-compile'),
      // any subset of Megatron-Core's recompute modules (or none): refused where it does not apply, timed where it does
      recomputeModules: fc.option(fc.subarray(['core_attn', 'layernorm', 'mla_up_proj', 'mlp', 'moe', 'moe_act', 'shared_experts'], { minLength: 1 }), { nil: undefined }),
      // CPU activation offloading (kept only where Megatron-Core allows it, below)
      cpuOffloadLayers: fc.option(fc.constantFrom(1, 4, 16), { nil: undefined }),
    })
    .map((r) => ({
      version: 1,
      name: 'consistent',
      model: r.model,
      training: { tokens: r.tokens, sequenceLength: r.sequenceLength, globalBatchSize: r.dp * r.micro * r.perRank, microBatchSize: r.micro },
      cluster: { gpu: r.gpu, gpus: r.tensor * r.pipeline * r.context * r.dp },
      parallelism: {
        tensor: r.tensor, pipeline: r.pipeline, context: r.context, zero: r.zero, schedule: r.schedule, recompute: r.recompute,
        ...(BUILTIN_CATALOG.models[r.model]?.arch.moe ? { expert: r.expert } : {}),
        // with selective recomputation as Megatron-Core states it (other pairings are refused: the mutated plans reach those)
        ...(r.recomputeModules && r.recompute === 'selective' && r.selectiveRecompute === 'core-attention' ? { recomputeModules: r.recomputeModules } : {}),
        // on the layouts Megatron-Core allows it (the mutated plans reach the refusals)
        ...(r.cpuOffloadLayers !== undefined && r.pipeline === 1 && r.recompute === 'none' ? { cpuOffloadLayers: r.cpuOffloadLayers } : {}),
      },
      precision: r.precision,
      assumptions: { attentionKernel: r.attentionKernel, layerSplit: r.layerSplit, hostUsPerKernel: r.hostUsPerKernel, elementwiseKernels: r.elementwiseKernels, selectiveRecompute: r.selectiveRecompute, optimizerKernels: r.optimizerKernels, gradientPrecision: r.gradientPrecision, optimizerStatePrecision: r.optimizerStatePrecision, ppCommOverlap: r.ppCommOverlap, cpComm: r.cpComm, moeDispatcher: r.moeDispatcher, epA2aOverlap: r.epA2aOverlap,
        // the fused grouped MLP where its kernels run (MoE, block-scaled FP8, Blackwell); the mutated plans reach the refusals
        expertMlpKernels: r.expertMlpKernels === 'fused' && BUILTIN_CATALOG.models[r.model]?.arch.moe && r.precision === 'fp8' && BUILTIN_CATALOG.gpus[r.gpu]?.peakTflops.fp4 !== undefined ? 'fused' : 'separate',
        outputHeadPrecision: r.outputHeadPrecision === 'fp8' && r.precision === 'fp8' && BUILTIN_CATALOG.gpus[r.gpu]?.peakTflops.fp4 !== undefined ? 'fp8' : 'recipe',
        cudaGraphs: r.cudaGraphs, framework: r.framework },
    }));

  /** Hostile leaf values (JSON-representable). */
  const hostile = fc.oneof(
    fc.constantFrom(0, -1, 1e300, -1e300, 5e-324, 2 ** 53 + 1, 1e21, 0.5, 1.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ maxLength: 12 }),
    fc.constantFrom("'; DROP TABLE plans; --", '__proto__', 'constructor', '', 'h100-sxm'),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  );

  /** A valid plan with one field (at any depth) replaced by a hostile value, or removed. */
  const mutatedPlan = fc
    .tuple(fc.constantFrom(deepseekV3Plan(), llama8bPlan()), fc.nat(), hostile, fc.boolean())
    .map(([plan, pick, value, remove]) => {
      const copy = structuredClone(plan);
      // the software-stack assumptions are leaves too, so hostile values reach them
      copy.assumptions = { attentionKernel: 'flash3', layerSplit: 'balanced', hostUsPerKernel: 47, elementwiseKernels: 'eager', selectiveRecompute: 'every-other-matmul', optimizerKernels: 'unfused', gradientPrecision: 'bf16', optimizerStatePrecision: 'bf16-moments', ppCommOverlap: 'all', cpComm: 'all-gather', moeDispatcher: 'alltoall', epA2aOverlap: 'combined-1f1b', expertMlpKernels: 'separate', outputHeadPrecision: 'recipe', cudaGraphs: 'attn,moe_router', framework: 'torchtitan' };
      // so are a valid pipeline layout (DeepSeek-V3: 61 layers and the MTP module over DualPipe's 16 stages; Llama 3 8B: one
      // stage) and, for Llama 3 8B, CPU offloading (refused with its selective recomputation until a mutation removes that)
      const par = copy['parallelism'] as Record<string, unknown>;
      if (par['schedule'] === 'dualpipe') par['pipelineLayout'] = 'Et*3|(t*4|)*14t*2mL';
      else {
        par['pipelineLayout'] = 'Et*32L';
        par['cpuOffloadLayers'] = 8;
      }
      // and so is a valid batch ramp (DeepSeek-V3: DualPipe's 32 micro-batches over DP128 at the start; Llama 3 8B: DP64)
      const training = copy['training'] as Record<string, unknown>;
      training['batchRamp'] = training['globalBatchSize'] === 15360 ? { startBatchSize: 4096, tokens: 1e11, increment: 256 } : { startBatchSize: 128, tokens: 1e9, increment: 64 };
      const slots: Array<[Record<string, unknown>, string]> = [];
      const walk = (o: Record<string, unknown>) => {
        for (const k of Object.keys(o)) {
          slots.push([o, k]);
          const v = o[k];
          if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>);
        }
      };
      walk(copy);
      const [target, key] = slots[pick % slots.length]!;
      if (remove) delete target[key];
      else target[key] = value;
      return copy;
    });

  const statuses = new Map<number, number>();
  const assertSafe = async (body: unknown) => {
    const res = await estimate(body);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status === 200) {
      const report = (await res.json()) as Report;
      for (const [path, n] of numbers(report)) if (!Number.isFinite(n)) throw new Error(`non-finite ${n} at ${path}`);
      for (const f of ['gpuHours', 'wallClockDays', 'costUsd']) if (typeof report.totals[f] !== 'number') throw new Error(`totals.${f} missing`);
      return;
    }
    if (res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(body).slice(0, 500)}: ${await res.text()}`);
    const p = await problem(res);
    if (p.status < 400 || p.status >= 500) throw new Error(`unexpected status ${p.status}`);
  };

  it('plausible plans across the catalog: 2xx with finite numbers or 4xx problem+json', async () => {
    statuses.clear();
    await fc.assert(fc.asyncProperty(plausiblePlan, (plan) => assertSafe({ plan })), { numRuns: 250, seed: 5 });
    // The generator must reach the model, not just the validator: a good share of plans are valid and estimated.
    console.log(`[estimate property] plausible plans by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(200) ?? 0).toBeGreaterThanOrEqual(25);
  });

  it('plans that satisfy the divisibility rules: estimated with finite numbers (or refused with 422)', async () => {
    statuses.clear();
    await fc.assert(fc.asyncProperty(consistentPlan, (plan) => assertSafe({ plan })), { numRuns: 250, seed: 17 });
    console.log(`[estimate property] consistent plans by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(200) ?? 0).toBeGreaterThanOrEqual(100);
  });

  it('valid plans with one field made hostile or removed: 2xx or 4xx, never 500', async () => {
    statuses.clear();
    await fc.assert(fc.asyncProperty(mutatedPlan, (plan) => assertSafe({ plan })), { numRuns: 300, seed: 7 });
    console.log(`[estimate property] mutated plans by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
  });

  it('arbitrary JSON as the plan or as the whole body: 4xx, never 500', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => {
      await assertSafe({ plan: v });
      await assertSafe(v);
    }), { numRuns: 200, seed: 11 });
  });

  it('arbitrary text bodies: 400, never 500', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
      const res = await api.call('POST', '/v1/estimate', { body: text, headers: { 'content-type': 'application/json' } });
      if (res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(text)}`);
      await problem(res).catch(async (e: unknown) => {
        if (res.status !== 200) throw e;
      });
    }), { numRuns: 200, seed: 13 });
  });

  it('the serializer guard never fired and nothing was logged as a bug', () => {
    expect(api.bugs()).toEqual([]);
  });
});
