/**
 * estimate(plan) → Report: validates the plan, then runs the whole model — parameter and FLOP counts
 * (model/), per-layer compute (compute/), communication (comm/), MoE balance (moe/), the pipeline schedule
 * simulation (pipeline/), the step assembly (step/) and memory (memory/) — into the report of plan-format.md.
 * Pure: no I/O, clock or randomness.
 *
 * Whole-run totals (steps, GPU-hours, days, cost, energy, a batch ramp): step/run.ts.
 */
import { BUILTIN_CATALOG } from './catalog/index.js';
import type { Catalog } from './catalog/types.js';
import { countParams } from './model/params.js';
import { flopsPerToken } from './model/flops.js';
import { memoryReport, memoryWarnings } from './memory/report.js';
import { expertOverlapAdvice } from './moe/overlap-advice.js';
import { combinedOneFOneB } from './plan/ep-overlap.js';
import { memoryCandidates, memoryFitAdvice, recomputeCandidates, type RecomputeSetting } from './memory/advice.js';
import { moeBalance, type BalanceReport } from './moe/balance.js';
import { deeperInterleavingAdvice } from './pipeline/advice.js';
import { tableTwoBubble } from './pipeline/closed-forms.js';
import { ScheduleError } from './pipeline/orders.js';
import { PlanValidationError } from './plan/errors.js';
import type { ResolvedPlan } from './plan/types.js';
import { validatePlan } from './plan/validate.js';
import { checkResolvedPlan } from './plan/check.js';
import { recomputeScope } from './plan/recompute.js';
import type { CommKind, CommReport, Report, Warning } from './report/types.js';
import { peakFlops } from './compute/kernels.js';
import { passSeconds } from './compute/layer.js';
import { buildStageModel } from './step/stages.js';
import { simulateStep } from './step/step.js';
import { runTotals } from './step/run.js';
import { modelWarnings } from './report/warnings.js';

/** Engine version reported in every estimate (bump when the model changes results). */
export const ENGINE_VERSION = '0.7.4';

export interface EstimateOptions {
  catalog?: Catalog;
  /** Include the per-rank pipeline timeline (for Gantt charts). */
  timeline?: boolean;
  /**
   * `estimate()` only: look for advice that needs more estimates (default true) — `pipelineAdvice` below.
   */
  advice?: boolean;
}

/** Validate `plan` (throws PlanValidationError naming every bad field) and estimate it. */
export function estimate(plan: unknown, opts: EstimateOptions = {}): Report {
  const v = validatePlan(plan, { catalog: opts.catalog ?? BUILTIN_CATALOG });
  if (!v.ok) throw new PlanValidationError(v.errors);
  const report = estimateResolved(v.plan, opts);
  report.warnings = [...v.warnings, ...report.warnings];
  if (opts.advice !== false) report.warnings.push(...planAdvice(v.plan, report, opts));
  return report;
}

/**
 * Advice that needs more estimates of the same plan: `memoryAdvice` (a plan that does not fit), `pipelineAdvice`
 * (a large bubble) and `expertAdvice` (an exposed expert all-to-all), in that order. `estimate()` adds it; callers that validate and estimate separately (API,
 * dashboard) call it after `estimateResolved`. Search loops do not.
 */
export function planAdvice(plan: ResolvedPlan, report: Report, opts: { catalog?: Catalog } = {}): Warning[] {
  return [memoryAdvice(plan, report, opts), pipelineAdvice(plan, report, opts), expertAdvice(plan, report, opts)].filter((w): w is Warning => w !== undefined);
}

/** `variant` estimated, or undefined when the plan rules reject it (advice candidates that cannot run are skipped). */
function estimateVariant(variant: ResolvedPlan, opts: { catalog?: Catalog }): Report | undefined {
  if (checkResolvedPlan(variant).errors.length > 0) return undefined;
  try {
    return estimateResolved(variant, opts.catalog ? { catalog: opts.catalog } : {});
  } catch (e) {
    if (e instanceof PlanValidationError) return undefined;
    throw e;
  }
}

/** Steps only: an advice variant leaves out a batch ramp (its stages were checked for the plan as it is). */
function withoutRamp(plan: ResolvedPlan): ResolvedPlan {
  const { batchRamp: _ramp, ...training } = plan.training;
  return { ...plan, training };
}

/**
 * Advice for a plan that does not fit in memory (memory/advice.ts): the change — a recomputation setting (selective,
 * a Megatron-Core recompute module list, full), a higher ZeRO stage or a smaller micro-batch — that fits at the least
 * step time, as a `memory-fit` warning with its fix. A module list is not offered when the plan states op-level
 * checkpointing.
 */
export function memoryAdvice(plan: ResolvedPlan, report: Report, opts: { catalog?: Catalog } = {}): Warning | undefined {
  if (report.memory.fits) return undefined;
  const par = plan.parallelism;
  const current: RecomputeSetting = { recompute: par.recompute, ...(par.recomputeModules ? { modules: par.recomputeModules } : {}) };
  const opSacStated = plan.statedAssumptions.includes('selectiveRecompute') && plan.assumptions.selectiveRecompute === 'every-other-matmul';
  const base = withoutRamp(plan);
  const candidates = memoryCandidates(recomputeCandidates(plan.model, current, !opSacStated), par.zero, plan.training.microBatchSize);
  return memoryFitAdvice(current, report, candidates, (c) => {
    if (c.kind === 'zero') return estimateVariant({ ...base, parallelism: { ...par, zero: c.zero } }, opts);
    if (c.kind === 'microBatch') {
      const microBatches = plan.training.globalBatchSize / (par.data * c.microBatchSize);
      return estimateVariant({ ...base, training: { ...base.training, microBatchSize: c.microBatchSize }, parallelism: { ...par, microBatches } }, opts);
    }
    const s = c.setting;
    const { recomputeModules: _m, ...rest } = par;
    // a module list is module-level checkpointing whatever the stack's policy (plan/recompute.ts opLevelCheckpointing)
    return estimateVariant({ ...base, parallelism: { ...rest, recompute: s.recompute, ...(s.modules ? { recomputeModules: s.modules } : {}) } }, opts);
  });
}

/**
 * Pipeline advice (pipeline/advice.ts): for a 1F1B-class plan whose bubble is at least 15% of the step, the
 * deepest-saving interleaving that passes the plan rules and fits in memory, as a `pipeline-bubble` warning.
 */
export function pipelineAdvice(plan: ResolvedPlan, report: Report, opts: { catalog?: Catalog } = {}): Warning | undefined {
  const par = plan.parallelism;
  const input = { schedule: par.schedule, pipeline: par.pipeline, virtualStages: par.virtualStages, microBatches: par.microBatches, layers: plan.model.layers };
  const base = withoutRamp(plan);
  return deeperInterleavingAdvice(input, report, (virtualStages) =>
    estimateVariant({ ...base, parallelism: { ...par, schedule: 'interleaved-1f1b', virtualStages } }, opts),
  );
}

/**
 * Expert-overlap advice (moe/overlap-advice.ts): for an MoE plan whose exposed all-to-all is at least 10% of the step,
 * Megatron-Core's combined 1F1B on the plan's layout (or with 2 virtual stages for a pipelined 1F1B plan), when it
 * passes the plan rules, fits and saves at least 5%, as an `expert-overlap` warning.
 */
export function expertAdvice(plan: ResolvedPlan, report: Report, opts: { catalog?: Catalog } = {}): Warning | undefined {
  const par = plan.parallelism;
  if (!plan.model.moe || par.expert <= 1) return undefined;
  const input = { schedule: par.schedule, pipeline: par.pipeline, virtualStages: par.virtualStages, combined: combinedOneFOneB(plan) };
  const base = withoutRamp(plan);
  return expertOverlapAdvice(input, report, (c) => {
    const variant: ResolvedPlan = {
      ...base,
      assumptions: { ...base.assumptions, epA2aOverlap: 'combined-1f1b' },
      parallelism: c.virtualStages === undefined ? par : { ...par, schedule: 'interleaved-1f1b', virtualStages: c.virtualStages },
    };
    // a variant the overlap still cannot apply to (full recomputation, the moe module) is not advice
    return combinedOneFOneB(variant) ? estimateVariant(variant, opts) : undefined;
  });
}

const finite = (x: number, what: string): number => {
  if (!Number.isFinite(x)) throw new Error(`internal: ${what} is not finite (${x})`);
  return x;
};

/**
 * Estimate an already validated plan (skips validation; for search loops and the API). A schedule the plan's
 * numbers cannot form is a plan error (PlanValidationError on the field that decides it), for every caller.
 */
export function estimateResolved(plan: ResolvedPlan, opts: EstimateOptions = {}): Report {
  try {
    return estimateModel(plan, opts);
  } catch (e) {
    if (e instanceof ScheduleError) throw new PlanValidationError([{ path: e.field, code: 'invalid_schedule', message: e.message }]);
    throw e;
  }
}

function estimateModel(plan: ResolvedPlan, opts: EstimateOptions): Report {
  const arch = plan.model;
  const par = plan.parallelism;
  const cl = plan.cluster;
  const gpu = cl.gpu;
  const a = plan.assumptions;
  const warnings: Warning[] = [];

  const params = countParams(arch);
  const flops = flopsPerToken(arch, {
    sequenceLength: plan.training.sequenceLength,
    recompute: par.recompute,
    selectiveRecompute: plan.assumptions.selectiveRecompute,
    ...(par.recomputeModules ? { recomputeModules: par.recomputeModules } : {}),
  });

  let balance: BalanceReport | undefined;
  if (arch.moe) {
    balance = moeBalance(plan.moe?.balancing ?? 'aux-loss', arch.moe.routedExperts, par.expert);
  }
  const sm = buildStageModel(plan, balance);
  const step = simulateStep(plan, sm, opts.timeline ? { timeline: true } : {});
  const seconds = finite(step.seconds, 'step.seconds');

  const tokensPerStep = plan.training.globalBatchSize * plan.training.sequenceLength;
  const tokensPerSecond = tokensPerStep / seconds;
  const tokensPerGpuSecond = tokensPerSecond / cl.gpus;
  const modelFlopsPerGpu = flops.training * tokensPerGpuSecond;
  const hardwareFlopsPerGpu = flops.hardware * tokensPerGpuSecond;
  const gemmPrecision = plan.recipe.gemm.linear;

  const memory = memoryReport(plan, { inFlight: step.pipeline.inFlight });
  warnings.push(...memoryWarnings(memory));
  if (gpu.peakTflops[gemmPrecision] === undefined) {
    warnings.push({ code: 'precision-unsupported', message: `${gpu.name} has no ${gemmPrecision} tensor-core peak; its GEMMs are timed at the BF16 peak` });
  }

  const run = runTotals(plan, sm, seconds);
  const { steps, productiveSeconds, wallSeconds, gpuHours, energyMWh } = run;

  const kinds: CommKind[] = ['tp', 'dp', 'pp', 'ep-dispatch', 'ep-combine', 'cp', 'offload'];
  const communication: CommReport[] = [];
  const epD = sm.chunks.reduce((x, c) => x + c.comm.epDispatchBytes, 0);
  const epC = sm.chunks.reduce((x, c) => x + c.comm.epCombineBytes, 0);
  const epDispatchShare = epD + epC > 0 ? epD / (epD + epC) : 0.5;
  for (const k of kinds) {
    let bytes = 0;
    let secs = 0;
    let exposed = 0;
    if (k === 'ep-dispatch' || k === 'ep-combine') {
      const share = k === 'ep-dispatch' ? epDispatchShare : 1 - epDispatchShare;
      bytes = step.commBytes.ep * share;
      secs = step.commSeconds.ep * share;
      exposed = step.exposed.ep * share;
    } else {
      bytes = step.commBytes[k];
      secs = step.commSeconds[k];
      exposed = step.exposed[k];
    }
    if (bytes > 0 || secs > 0) communication.push({ kind: k, bytesPerStep: bytes, seconds: secs, exposedSeconds: exposed });
  }
  const exposedComm = step.exposed.tp + step.exposed.cp + step.exposed.ep + step.exposed.pp + step.exposed.dp + step.exposed.offload;

  warnings.push(...modelWarnings(plan, sm, step));

  // Per-layer details (one micro-batch).
  const layerDetail = (c: typeof sm.perLayer.dense) =>
    c && {
      forwardSeconds: passSeconds(c.f),
      backwardInputSeconds: passSeconds(c.b),
      backwardWeightSeconds: passSeconds(c.w),
      gemmSeconds: c.f.gemm + c.b.gemm + c.w.gemm,
      attentionSeconds: c.f.attention + c.b.attention + c.w.attention,
      memoryBoundSeconds: c.f.memory + c.b.memory + c.w.memory,
      flops: c.f.flops + c.b.flops + c.w.flops,
    };
  const crit = sm.chunks.filter((c) => c.rank === step.criticalRank);
  const uniform = sm.chunks[Math.floor(sm.chunks.length / 2)];
  const closedForm =
    uniform &&
    tableTwoBubble(par.schedule, par.schedule === 'dualpipev' ? 2 * par.pipeline : par.pipeline, {
      f: uniform.f.compute + uniform.f.ep + uniform.f.tp,
      b: uniform.b.compute + uniform.b.ep + uniform.b.tp + uniform.w.compute,
      w: uniform.w.compute,
      fb: sm.durations.fb ? sm.durations.fb[(uniform.rank * sm.chunksPerRank + 0) * sm.chunksPerRank + (sm.chunksPerRank - 1)]! : 0,
    });

  const report: Report = {
    version: 1,
    engineVersion: ENGINE_VERSION,
    plan: { name: plan.name },
    model: {
      name: arch.name,
      totalParams: params.total,
      activeParams: params.active,
      mtpParams: params.mtp,
      paramsByComponent: { ...params.byComponent },
      flopsPerToken: {
        forward: flops.forward,
        training: flops.training,
        hardware: flops.hardware,
        trainingCausal: flops.trainingCausal,
        byComponent: { ...flops.byComponent },
      },
    },
    step: {
      seconds,
      tokens: tokensPerStep,
      breakdown: {
        compute: step.compute,
        exposedCommunication: exposedComm,
        bubble: step.bubble,
        optimizer: step.optimizer,
      },
    },
    throughput: {
      tokensPerSecond,
      tokensPerGpuSecond,
      modelTflopsPerGpu: modelFlopsPerGpu / 1e12,
      modelTflopsPerGpuCausal: (modelFlopsPerGpu * flops.trainingCausal) / flops.training / 1e12,
      hardwareTflopsPerGpu: hardwareFlopsPerGpu / 1e12,
      mfu: modelFlopsPerGpu / peakFlops(gpu, gemmPrecision),
      mfuBf16: modelFlopsPerGpu / peakFlops(gpu, 'bf16'),
    },
    memory,
    pipeline: {
      schedule: par.schedule,
      bubbleFraction: step.bubble / seconds,
      bubbleSeconds: step.bubble,
      inFlight: step.pipeline.inFlight,
    },
    communication,
    totals: {
      tokens: plan.training.tokens,
      steps,
      gpuHours,
      wallClockDays: wallSeconds / 86400,
      costUsd: gpuHours * plan.pricing.usdPerGpuHour,
      energyMWh,
    },
    warnings,
    details: {
      moeBalance: balance ?? null,
      // every named assumption as applied (the attention kernel resolved to the class the profile's fractions describe)
      assumptions: { ...a, attentionKernel: gpu.efficiency.attentionKernel ?? 'flash2' },
      // where the software stack came from: the plan, or the GPU profile's default stack (efficiency.defaultFramework)
      frameworkFrom: plan.statedAssumptions.includes('framework') ? 'plan' : 'gpu-profile',
      attentionKernel: {
        kernel: gpu.efficiency.attentionKernel ?? 'flash2',
        forwardFraction: gpu.efficiency.attentionForwardFraction,
        backwardFraction: gpu.efficiency.attentionBackwardFraction,
      },
      expertCommunication: sm.expertComm ?? null,
      // what backward re-runs: the mode, the Megatron-Core module list when the plan gives one, and the resolved scope
      recompute: {
        mode: par.recompute,
        modules: par.recomputeModules ?? null,
        scope: recomputeScope(par.recompute, plan.model, par.recomputeModules),
      },
      // the batch ramp's part of the run (totals include it): its stages, and what it adds over the full batch
      batchRamp: run.batchRamp,
      goodput: { assumed: a.goodput, productiveGpuHours: (productiveSeconds * cl.gpus) / 3600, lostGpuHours: gpuHours - (productiveSeconds * cl.gpus) / 3600 },
      energy: { tdpWatts: gpu.tdpWatts, powerFractionOfTdp: a.powerFractionOfTdp, pue: a.pue },
      exposedCommunication: step.exposed,
      pipeline: {
        criticalRank: step.criticalRank,
        makespanSeconds: step.pipeline.makespan,
        busySeconds: step.busy,
        microBatches: par.microBatches,
        p2pSecondsPerTransfer: sm.durations.p2pSeconds,
        tableTwoBubbleSeconds: closedForm ?? null,
      },
      perLayer: { dense: layerDetail(sm.perLayer.dense) ?? null, moe: layerDetail(sm.perLayer.moe) ?? null },
      criticalRankChunks: crit.map((c) => ({
        chunk: c.chunk,
        modelChunk: c.modelChunk,
        layers: c.layers,
        embedding: c.embedding,
        head: c.head,
        mtpModules: c.mtpModules,
        forwardSeconds: c.f.compute,
        backwardInputSeconds: c.b.compute,
        backwardWeightSeconds: c.w.compute,
      })),
    },
  };
  if (opts.timeline && step.pipeline.timeline) report.pipeline.timeline = step.pipeline.timeline;
  return report;
}
