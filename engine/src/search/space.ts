/**
 * The value lists the search enumerates, derived from the spec (pinned `fixed` values, `space` restrictions,
 * `constraints`) and the model/GPU. Pure integer arithmetic; no plan objects.
 */
import type { ModelArch } from '../catalog/types.js';
import type { PrecisionId, Recompute, Schedule } from '../plan/types.js';
import type { SearchSpec } from './types.js';
import type { RecomputeModule } from '../plan/recompute.js';

/** Canonical schedule order (enumeration order, hence tie-break order): simplest first. */
export const SCHEDULE_ORDER: readonly Schedule[] = ['1f1b', 'zb1p', 'interleaved-1f1b', 'dualpipe', 'dualpipev', 'gpipe'];
export const RECOMPUTE_ORDER: readonly Recompute[] = ['none', 'selective', 'full'];
export const PRECISION_ORDER: readonly PrecisionId[] = ['bf16', 'fp8', 'fp8-tensorwise'];

/** A schedule with its virtual-stage count (only interleaved-1f1b varies it; dual schedules always use 2). */
export interface ScheduleVariant {
  schedule: Schedule;
  virtualStages: number;
}

export interface Dimensions {
  tensor: number[];
  pipeline: number[];
  context: number[];
  expert: number[];
  expertTensor: number;
  zero: Array<0 | 1 | 2 | 3>;
  microBatch: number[];
  schedules: ScheduleVariant[];
  recompute: Recompute[];
  /**
   * The module list of each `recompute` entry (same index): undefined for the plain modes (plain `selective` then means
   * the base plan's list or the standard scope), a list for each `space.recomputeModules` variant.
   */
  recomputeModules: Array<RecomputeModule[] | undefined>;
  /** Batch targets: exact values (`exact`) or range targets max, max/2, … ≥ min (`range`). */
  batch: { kind: 'exact'; values: number[] } | { kind: 'range'; min: number; targets: number[] };
  sequenceParallel: boolean | 'auto';
}

function powersOfTwoUpTo(n: number): number[] {
  const out: number[] = [];
  for (let v = 1; v <= n; v *= 2) out.push(v);
  return out;
}

function uniqSorted(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/**
 * GPU counts for one candidate: powers of two and multiples of the node size in [min, max]
 * (issue 8), or the `space.gpus` list clipped to that interval.
 */
export function gpuCounts(min: number, max: number, gpusPerNode: number, listed?: number[]): number[] {
  if (listed) return uniqSorted(listed.filter((g) => g >= min && g <= max));
  const out: number[] = [];
  for (let g = 1; g <= max; g *= 2) if (g >= min) out.push(g);
  for (let g = gpusPerNode; g <= max; g += gpusPerNode) if (g >= min) out.push(g);
  return uniqSorted(out);
}

/**
 * Default lists (each documented; `space` narrows them, `fixed` pins them):
 * - tensor: powers of two up to min(GPUs per node, 8) — TP beyond one NVLink domain is never competitive
 *   (Megatron-LM, Narayanan et al. 2021 §3.2 takeaway #1: TP up to the GPUs per server).
 * - pipeline: powers of two up to min(layers, 64).
 * - virtualStages (interleaved-1f1b only): 2 and 4 (Narayanan et al. 2021 §2.2 interleaved schedule).
 * - context: powers of two keeping ≥ 4096 tokens per CP rank (CP pays only for long sequences).
 * - expert: MoE only, powers of two dividing the routed-expert count; dense models use 1.
 * - zero: 0–3; micro-batch: 1, 2, 4; schedules: all six (or `constraints.schedules`); recompute: all three.
 * - sequenceParallel: on whenever TP > 1 (Korthikanti et al. 2022 §4.2.2: same communication volume as TP
 *   alone, activations divided by TP), unless pinned.
 */
export function buildDimensions(spec: SearchSpec, model: ModelArch, gpusPerNodeMax: number): Dimensions {
  const f = spec.fixed.parallelism ?? {};
  const sp = spec.space;
  const pick = <T>(fixedValue: T | undefined, listed: T[] | undefined, def: T[]): T[] =>
    fixedValue !== undefined ? [fixedValue] : listed ?? def;

  const tensor = pick(f.tensor, sp.tensor, powersOfTwoUpTo(Math.min(gpusPerNodeMax, 8)));
  const pipeline = pick(f.pipeline, sp.pipeline, powersOfTwoUpTo(Math.min(model.layers, 64)));
  const seq = spec.training.sequenceLength;
  const context = pick(f.context, sp.context, powersOfTwoUpTo(Math.max(1, Math.floor(seq / 4096))));
  const routed = model.moe?.routedExperts ?? 0;
  const expertDefault = routed > 0 ? powersOfTwoUpTo(routed).filter((e) => routed % e === 0) : [1];
  const expert = pick(f.expert, sp.expert, expertDefault);
  const zero = pick(f.zero, sp.zero, [0, 1, 2, 3] as Array<0 | 1 | 2 | 3>);
  const microBatch = pick(spec.fixed.training?.microBatchSize, sp.microBatchSize, [1, 2, 4]);
  const recompute = pick(f.recompute, sp.recompute, [...RECOMPUTE_ORDER]);

  let schedules: Schedule[] = f.schedule !== undefined ? [f.schedule] : [...(sp.schedule ?? SCHEDULE_ORDER)];
  if (spec.constraints.schedules) {
    const allowed = new Set(spec.constraints.schedules);
    schedules = schedules.filter((s) => allowed.has(s));
  }
  schedules = SCHEDULE_ORDER.filter((s) => schedules.includes(s));
  const vsList = f.virtualStages !== undefined ? [f.virtualStages] : sp.virtualStages ?? [2, 4];
  const variants: ScheduleVariant[] = [];
  for (const s of schedules) {
    if (s === 'interleaved-1f1b') for (const v of uniqSorted(vsList)) variants.push({ schedule: s, virtualStages: v });
    else variants.push({ schedule: s, virtualStages: s === 'dualpipe' || s === 'dualpipev' ? 2 : 1 });
  }

  const gbs = spec.training.globalBatchSize;
  let batch: Dimensions['batch'];
  if (typeof gbs === 'number') batch = { kind: 'exact', values: [gbs] };
  else if (Array.isArray(gbs)) batch = { kind: 'exact', values: uniqSorted(gbs) };
  else {
    const targets: number[] = [];
    for (let t = gbs.max; t >= gbs.min; t = Math.floor(t / 2)) {
      targets.push(t);
      if (t === 1) break;
    }
    batch = { kind: 'range', min: gbs.min, targets };
  }

  return {
    tensor: uniqSorted(tensor),
    pipeline: uniqSorted(pipeline),
    context: uniqSorted(context),
    expert: uniqSorted(expert),
    expertTensor: f.expertTensor ?? 1,
    zero: uniqSorted(zero) as Array<0 | 1 | 2 | 3>,
    microBatch: uniqSorted(microBatch),
    schedules: variants,
    ...recomputeDimension(RECOMPUTE_ORDER.filter((r) => recompute.includes(r)), sp.recomputeModules),
    batch,
    sequenceParallel: f.sequenceParallel ?? 'auto',
  };
}

/** Precisions the search tries on one GPU: pinned, listed, or every precision the GPU has a peak for. */
export function precisionsFor(spec: SearchSpec, hasFp8: boolean): PrecisionId[] {
  if (spec.fixed.precision !== undefined) return [spec.fixed.precision];
  const listed = spec.space.precision ?? [...PRECISION_ORDER];
  return PRECISION_ORDER.filter((p) => listed.includes(p) && (p === 'bf16' || hasFp8));
}

/**
 * Global batch for one configuration. `exact`: the value itself. `range`: the largest batch ≤ target that is a
 * multiple of `unit` (= data × micro-batch × the schedule's micro-batch granularity); 0 when below `min`.
 */
export function batchFor(dims: Dimensions, index: number, unit: number): number {
  const b = dims.batch;
  if (b.kind === 'exact') return b.values[index] as number;
  const t = b.targets[index] as number;
  const v = Math.floor(t / unit) * unit;
  return v >= b.min ? v : 0;
}

export function batchCount(dims: Dimensions): number {
  return dims.batch.kind === 'exact' ? dims.batch.values.length : dims.batch.targets.length;
}

/**
 * The recompute dimension: the listed modes in their order, each `space.recomputeModules` list as a further `selective`
 * entry right after plain `selective` (none when the search does not try selective: base.ts reports that as an error).
 */
function recomputeDimension(modes: Recompute[], lists: RecomputeModule[][] | undefined): Pick<Dimensions, 'recompute' | 'recomputeModules'> {
  const recompute: Recompute[] = [];
  const recomputeModules: Array<RecomputeModule[] | undefined> = [];
  for (const m of modes) {
    recompute.push(m);
    recomputeModules.push(undefined);
    if (m === 'selective') {
      for (const list of lists ?? []) {
        recompute.push('selective');
        recomputeModules.push([...list]);
      }
    }
  }
  return { recompute, recomputeModules };
}
