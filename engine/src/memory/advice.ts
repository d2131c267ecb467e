/**
 * Advice for a plan that does not fit in GPU memory: the change that makes it fit at the least step time — a
 * recomputation setting, a higher ZeRO stage or a smaller micro-batch (the three levers that keep the model, the
 * cluster and the batch as planned).
 *
 * Activation memory is what recomputation trades for time [Korthikanti et al. 2022 §5: selective recomputation keeps
 * the cheap-to-store, expensive-to-recompute tensors; Chen et al. 2016 for full checkpointing], and for MoE models the
 * routed copies of every token dominate it — which is why Megatron-Core can checkpoint the whole MoE layer
 * (`--recompute-modules moe`, plan/recompute.ts) and the published long-context Qwen3-235B runs do
 * (../shared/calibration mcore-qwen3-235b-h100-longctx-*: "selective recompute (layernorm, moe)"). Each candidate is
 * timed and sized by the whole model (the caller's estimator), cheapest-looking first; the advice names the fastest
 * that fits, and says so when none does. Pure: the caller passes the estimator.
 */
import type { ModelArch } from '../catalog/types.js';
import { recomputeModuleMismatch, type RecomputeModule } from '../plan/recompute.js';
import type { ParallelismSpec, Recompute } from '../plan/types.js';
import type { PlanChange, Report, Warning } from '../report/types.js';

/** A recomputation setting: the mode and, for `selective`, the Megatron-Core module list (absent = standard scope). */
export interface RecomputeSetting {
  recompute: Recompute;
  modules?: RecomputeModule[];
}

const MODULE_LISTS: RecomputeModule[][] = [
  ['layernorm', 'moe_act'],
  ['layernorm', 'moe'],
  ['core_attn', 'layernorm', 'moe'],
  ['core_attn', 'layernorm', 'mlp'],
];

const same = (a: RecomputeSetting, b: RecomputeSetting) =>
  a.recompute === b.recompute && (a.modules ?? []).join() === (b.modules ?? []).join();

/**
 * The settings worth timing for a plan that does not fit: the standard selective scope (from `none`), the module lists
 * that apply to the model (unless the plan states op-level checkpointing, which a list would contradict), then full
 * recomputation. The plan's own setting is left out.
 */
export function recomputeCandidates(arch: ModelArch, current: RecomputeSetting, modulesAllowed: boolean): RecomputeSetting[] {
  const out: RecomputeSetting[] = [];
  if (current.recompute === 'none') out.push({ recompute: 'selective' });
  if (modulesAllowed && current.recompute !== 'full') {
    for (const modules of MODULE_LISTS) {
      if (modules.every((m) => recomputeModuleMismatch(m, arch) === undefined)) out.push({ recompute: 'selective', modules });
    }
  }
  if (current.recompute !== 'full') out.push({ recompute: 'full' });
  return out.filter((c) => !same(c, current));
}

/** "recompute selective with recomputeModules layernorm, moe" — a setting in the plan's own words. */
export function describeRecompute(s: RecomputeSetting): string {
  if (s.recompute !== 'selective') return `recompute ${s.recompute}`;
  return s.modules ? `recompute selective with recomputeModules ${s.modules.join(', ')}` : 'recompute selective (standard scope)';
}

/** The plan fields that turn `current` into `next` (`null` removes a field). */
export function recomputeChanges(current: RecomputeSetting, next: RecomputeSetting): PlanChange[] {
  const fix: PlanChange[] = [{ path: 'parallelism.recompute', value: next.recompute }];
  if (next.modules) fix.push({ path: 'parallelism.recomputeModules', value: [...next.modules] });
  else if (current.modules) fix.push({ path: 'parallelism.recomputeModules', value: null });
  return fix;
}

/** One change that may make a plan fit: a recomputation setting, a ZeRO stage or a micro-batch size. */
export type MemoryChange =
  | { kind: 'recompute'; setting: RecomputeSetting }
  | { kind: 'zero'; zero: ParallelismSpec['zero'] }
  | { kind: 'microBatch'; microBatchSize: number };

/**
 * The changes worth timing for a plan that does not fit: its recompute candidates, each higher ZeRO stage (ZeRO
 * shards optimizer state, then gradients, then parameters over data parallelism: Rajbhandari et al. 2020, §5), and the
 * micro-batch halved down to 1 (activations scale with it; the step keeps its batch with more micro-batches).
 */
export function memoryCandidates(recompute: readonly RecomputeSetting[], zero: ParallelismSpec['zero'], microBatchSize: number): MemoryChange[] {
  const out: MemoryChange[] = recompute.map((setting) => ({ kind: 'recompute', setting }));
  for (let z = zero + 1; z <= 3; z++) out.push({ kind: 'zero', zero: z as ParallelismSpec['zero'] });
  for (let m = microBatchSize; m % 2 === 0 && m > 1; ) {
    m /= 2;
    out.push({ kind: 'microBatch', microBatchSize: m });
  }
  return out;
}

/** A change in the plan's own words. */
export function describeMemoryChange(c: MemoryChange): string {
  if (c.kind === 'recompute') return describeRecompute(c.setting);
  return c.kind === 'zero' ? `ZeRO stage ${c.zero}` : `micro-batch size ${c.microBatchSize}`;
}

/** The plan fields a change sets (`current` is the plan's recompute setting, for a module list to remove). */
export function memoryChangeFix(current: RecomputeSetting, c: MemoryChange): PlanChange[] {
  if (c.kind === 'recompute') return recomputeChanges(current, c.setting);
  return c.kind === 'zero' ? [{ path: 'parallelism.zero', value: c.zero }] : [{ path: 'training.microBatchSize', value: c.microBatchSize }];
}

/**
 * A `memory-fit` warning when the report does not fit: the fastest change (timed by `evaluate`, which returns
 * undefined for a variant the plan rules reject) that fits, with its fix, and the next two that fit; when none fits,
 * the change that comes closest. Undefined when the plan fits or no change could be timed.
 */
export function memoryFitAdvice(
  current: RecomputeSetting,
  report: Report,
  candidates: readonly MemoryChange[],
  evaluate: (c: MemoryChange) => Report | undefined,
): Warning | undefined {
  if (report.memory.fits) return undefined;
  const gib = (x: number) => `${x.toFixed(1)} GiB`;
  const timed = candidates.flatMap((c) => {
    const r = evaluate(c);
    return r ? [{ c, r }] : [];
  });
  if (timed.length === 0) return undefined;
  const head = `the plan needs ${gib(report.memory.peakGiB)} per GPU, more than the ${gib(report.memory.capacityGiB)} available`;
  const fitting = timed.filter((t) => t.r.memory.fits).sort((a, b) => a.r.step.seconds - b.r.step.seconds);
  const best = fitting[0];
  if (!best) {
    const least = timed.reduce((a, b) => (b.r.memory.peakGiB < a.r.memory.peakGiB ? b : a));
    return {
      code: 'memory-fit',
      message: `${head}, and no single change of recomputation, ZeRO stage or micro-batch fits: ${describeMemoryChange(least.c)} still needs ${gib(least.r.memory.peakGiB)}; more pipeline or tensor parallelism (or more GPUs) is needed`,
    };
  }
  const step = (r: Report) => {
    const d = r.step.seconds / report.step.seconds - 1;
    return `${Math.abs(d * 100).toFixed(0)}% ${d >= 0 ? 'longer' : 'shorter'} step`;
  };
  const also = fitting.slice(1, 3).map((t) => `${describeMemoryChange(t.c)} (${gib(t.r.memory.peakGiB)}, ${step(t.r)})`);
  return {
    code: 'memory-fit',
    fix: memoryChangeFix(current, best.c),
    message: `${head}: ${describeMemoryChange(best.c)} fits (peak ${gib(best.r.memory.peakGiB)}) with a ${step(best.r)}${also.length ? `; also fits: ${also.join('; ')}` : ''}`,
  };
}
