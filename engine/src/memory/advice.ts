/**
 * Advice for a plan that does not fit in GPU memory: the recomputation setting that makes it fit at the least time.
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
import type { Recompute } from '../plan/types.js';
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

/**
 * A `memory-recompute` warning when the report does not fit: the fastest candidate (timed by `evaluate`, which
 * returns undefined for a variant the plan rules reject) that fits, with its fix; when none fits, what full
 * recomputation would still need. Undefined when the plan fits or no candidate could be timed.
 */
export function recomputeAdvice(
  current: RecomputeSetting,
  report: Report,
  candidates: readonly RecomputeSetting[],
  evaluate: (s: RecomputeSetting) => Report | undefined,
): Warning | undefined {
  if (report.memory.fits) return undefined;
  const gib = (x: number) => `${x.toFixed(1)} GiB`;
  const timed = candidates.flatMap((s) => {
    const r = evaluate(s);
    return r ? [{ s, r }] : [];
  });
  if (timed.length === 0) return undefined;
  const head = `the plan needs ${gib(report.memory.peakGiB)} per GPU, more than the ${gib(report.memory.capacityGiB)} available`;
  const fitting = timed.filter((t) => t.r.memory.fits).sort((a, b) => a.r.step.seconds - b.r.step.seconds);
  const best = fitting[0];
  if (!best) {
    const least = timed.reduce((a, b) => (b.r.memory.peakGiB < a.r.memory.peakGiB ? b : a));
    return {
      code: 'memory-recompute',
      message: `${head}, and no recomputation setting fits: ${describeRecompute(least.s)} still needs ${gib(least.r.memory.peakGiB)}; more pipeline or tensor parallelism, ZeRO-3 or a smaller micro-batch is needed`,
    };
  }
  const change = best.r.step.seconds / report.step.seconds - 1;
  const pct = `${Math.abs(change * 100).toFixed(0)}% ${change >= 0 ? 'longer' : 'shorter'}`;
  const full = fitting.find((t) => t.s.recompute === 'full' && t !== best);
  const also = full ? `; full recomputation also fits (${gib(full.r.memory.peakGiB)}) at a ${((full.r.step.seconds / report.step.seconds - 1) * 100).toFixed(0)}% longer step` : '';
  return {
    code: 'memory-recompute',
    fix: recomputeChanges(current, best.s),
    message: `${head}: ${describeRecompute(best.s)} fits (peak ${gib(best.r.memory.peakGiB)}) with a ${pct} step${also}`,
  };
}
