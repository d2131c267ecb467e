/**
 * How much an estimate depends on the software stack: the same plan timed under every framework preset
 * (`assumptions.framework`, plan/assumptions.ts FRAMEWORK_PRESETS). The stack is the largest unknown in a plan that does
 * not name it — on one H100 the measured attention classes differ 3× (catalog/gpu-efficiency.ts) — so a planner shows
 * the spread rather than one number. Assumptions the plan states itself stay fixed in every row (a stated value wins
 * over a preset, as in `estimate`).
 */
import { FRAMEWORKS, type Framework } from './catalog/types.js';
import { estimate, type EstimateOptions } from './estimate.js';
import { PlanValidationError } from './plan/errors.js';
import type { Report } from './report/types.js';

/** One framework preset applied to the plan. */
export interface StackRow {
  framework: Framework;
  /** The stack the plan's own estimate uses (stated, or its GPU profile's default). */
  applied: boolean;
  /** What the preset resolved to on this GPU. */
  attentionKernel: string;
  elementwiseKernels: string;
  selectiveRecompute: string;
  stepSeconds: number;
  tokensPerGpuSecond: number;
  modelTflopsPerGpu: number;
  mfu: number;
  gpuHours: number;
  costUsd: number;
  fits: boolean;
  /** step seconds / the applied stack's step seconds (1 for the applied row). */
  stepRatio: number;
}

export interface StackSensitivity {
  /** The framework the plan's estimate uses, and whether the plan named it or its GPU profile supplied it. */
  framework: Framework;
  frameworkFrom: 'plan' | 'gpu-profile';
  rows: StackRow[];
  /** Fastest / slowest step over the presets (≥ 1): how far apart the stacks put this plan. */
  spread: number;
}

const applied = (r: Report): Record<string, unknown> => (r.details?.['assumptions'] ?? {}) as Record<string, unknown>;

/**
 * The software stack a report was estimated with (`details.assumptions.framework`) and where it came from: the plan,
 * or its GPU profile's default stack (`details.frameworkFrom`). One reader for every consumer of a report.
 */
export function reportStack(r: Report): { framework: Framework; from: 'plan' | 'gpu-profile' } {
  return {
    framework: (applied(r)['framework'] ?? 'generic') as Framework,
    from: r.details?.['frameworkFrom'] === 'plan' ? 'plan' : 'gpu-profile',
  };
}

/**
 * The plan once per framework preset (`assumptions.framework` set, every other stated assumption kept), for a caller
 * that estimates them itself (the CLI through the HTTP API, for instance) and passes the reports to `summarizeStacks`.
 * Given the plan's own report, the preset that report already used is left out (it needs no second estimate).
 */
export function stackVariants(plan: unknown, own?: Report): Array<{ framework: Framework; plan: Record<string, unknown> }> {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new PlanValidationError([{ path: '', code: 'invalid_type', message: 'the plan must be an object' }]);
  }
  const doc = plan as Record<string, unknown>;
  const stated = (typeof doc['assumptions'] === 'object' && doc['assumptions'] !== null ? doc['assumptions'] : {}) as Record<string, unknown>;
  const skip = own ? reportStack(own).framework : undefined;
  return FRAMEWORKS.filter((framework) => framework !== skip).map((framework) => ({ framework, plan: { ...doc, assumptions: { ...stated, framework } } }));
}

/** Tabulate the plan's own report against the reports of its `stackVariants` (in any order). */
export function summarizeStacks(own: Report, variants: Array<{ framework: Framework; report: Report }>): StackSensitivity {
  const { framework, from: frameworkFrom } = reportStack(own);
  const rows: StackRow[] = FRAMEWORKS.map((fw) => {
    const r = fw === framework ? own : variants.find((v) => v.framework === fw)?.report;
    if (!r) throw new Error(`internal: no report for the ${fw} stack`);
    const ra = applied(r);
    return {
      framework: fw,
      applied: fw === framework,
      attentionKernel: String(ra['attentionKernel']),
      elementwiseKernels: String(ra['elementwiseKernels']),
      selectiveRecompute: String(ra['selectiveRecompute']),
      stepSeconds: r.step.seconds,
      tokensPerGpuSecond: r.throughput.tokensPerGpuSecond,
      modelTflopsPerGpu: r.throughput.modelTflopsPerGpu,
      mfu: r.throughput.mfu,
      gpuHours: r.totals.gpuHours,
      costUsd: r.totals.costUsd,
      fits: r.memory.fits,
      stepRatio: r.step.seconds / own.step.seconds,
    };
  });
  const steps = rows.map((r) => r.stepSeconds);
  return { framework, frameworkFrom, rows, spread: Math.max(...steps) / Math.min(...steps) };
}

/**
 * Estimate `plan` once per framework preset. Throws PlanValidationError (naming the field) for a plan that does not
 * validate, exactly as `estimate` does.
 */
export function stackSensitivity(plan: unknown, opts: EstimateOptions = {}): StackSensitivity {
  const own = estimate(plan, opts);
  return summarizeStacks(own, stackVariants(plan, own).map((v) => ({ framework: v.framework, report: estimate(v.plan, { ...opts, advice: false }) })));
}
