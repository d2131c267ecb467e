/**
 * Search spec schema (issue 8). Parses JSON/YAML-derived input into a `SearchSpec` or throws
 * `SearchSpecError` whose `errors` name each bad field by its dotted path (e.g. "candidates.0.maxGpus").
 * The model architecture and pinned plan fields are checked in depth by the plan validator when the search
 * builds its base plans (see search.ts), with paths mapped back to the spec.
 */
import { z } from 'zod';
import { RECOMPUTE_MODULES } from '../plan/recompute.js';
import type { FieldError } from '../plan/errors.js';
import type { SearchSpec } from './types.js';

/** A field-named error: the plan validator's FieldError, with paths into the search spec. */
export type SpecFieldError = FieldError;

/** Thrown for an invalid search spec; `errors` lists every bad field. */
export class SearchSpecError extends Error {
  readonly errors: SpecFieldError[];
  constructor(errors: SpecFieldError[]) {
    super(`invalid search spec: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`);
    this.name = 'SearchSpecError';
    this.errors = errors;
  }
}

const SCHEDULES = ['gpipe', '1f1b', 'interleaved-1f1b', 'zb1p', 'dualpipe', 'dualpipev'] as const;
const RECOMPUTE = ['none', 'selective', 'full'] as const;
const PRECISIONS = ['bf16', 'fp8', 'fp8-tensorwise'] as const;

/** Largest integer any count may take: keeps every product of degrees exact in float64. */
const MAX_COUNT = 1_048_576;

const posInt = z.number().int().positive().max(MAX_COUNT);
const finitePos = z.number().positive().finite();
const zeroStage = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
const nonEmpty = <T extends z.ZodType>(t: T) => z.array(t).min(1).max(64);

const candidate = z.strictObject({
  gpu: z.string().min(1),
  maxGpus: posInt,
  minGpus: posInt.optional(),
  usdPerGpuHour: z.number().nonnegative().finite().optional(),
  gpusPerNode: posInt.optional(),
  intraNode: z.string().min(1).optional(),
  interNode: z.string().min(1).optional(),
  nicsPerNode: posInt.optional(),
});

const globalBatch = z.union([
  posInt,
  nonEmpty(posInt),
  z.strictObject({ min: posInt, max: posInt }).refine((r) => r.min <= r.max, { message: 'min must be ≤ max', path: ['min'] }),
]);

const fixed = z.strictObject({
  precision: z.enum(PRECISIONS).optional(),
  training: z.strictObject({ microBatchSize: posInt.optional() }).optional(),
  parallelism: z
    .strictObject({
      tensor: posInt.optional(),
      pipeline: posInt.optional(),
      virtualStages: posInt.optional(),
      context: posInt.optional(),
      expert: posInt.optional(),
      expertTensor: posInt.optional(),
      sequenceParallel: z.boolean().optional(),
      zero: zeroStage.optional(),
      schedule: z.enum(SCHEDULES).optional(),
      recompute: z.enum(RECOMPUTE).optional(),
      // what `selective` recomputes in every candidate (plan/recompute.ts); checked by the plan validator
      recomputeModules: z.array(z.enum(RECOMPUTE_MODULES)).min(1).max(RECOMPUTE_MODULES.length).optional(),
    })
    .optional(),
  moe: z
    .strictObject({
      balancing: z.enum(['aux-loss', 'aux-loss-free', 'none']).optional(),
      nodeLimit: z.number().int().nonnegative().max(MAX_COUNT).optional(),
      dispatchPrecision: z.enum(['fp8', 'bf16']).optional(),
    })
    .optional(),
  assumptions: z.record(z.string(), z.union([z.number().finite(), z.string().max(64)])).optional(),
});

const space = z.strictObject({
  gpus: nonEmpty(posInt).optional(),
  tensor: nonEmpty(posInt).optional(),
  pipeline: nonEmpty(posInt).optional(),
  virtualStages: nonEmpty(posInt).optional(),
  context: nonEmpty(posInt).optional(),
  expert: nonEmpty(posInt).optional(),
  zero: nonEmpty(zeroStage).optional(),
  microBatchSize: nonEmpty(posInt).optional(),
  schedule: nonEmpty(z.enum(SCHEDULES)).optional(),
  recompute: nonEmpty(z.enum(RECOMPUTE)).optional(),
  recomputeModules: nonEmpty(z.array(z.enum(RECOMPUTE_MODULES)).min(1).max(RECOMPUTE_MODULES.length)).optional(),
  precision: nonEmpty(z.enum(PRECISIONS)).optional(),
});

const constraints = z.strictObject({
  maxGpus: posInt.optional(),
  deadlineDays: finitePos.optional(),
  budgetUsd: finitePos.optional(),
  memoryHeadroomPct: z.number().min(0).max(95).optional(),
  schedules: nonEmpty(z.enum(SCHEDULES)).optional(),
});

const limits = z.strictObject({
  maxEvaluations: posInt.optional(),
  timeBudgetMs: finitePos.optional(),
});

const searchSpecSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().max(200).optional(),
  model: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  training: z.strictObject({
    tokens: finitePos,
    sequenceLength: posInt,
    globalBatchSize: globalBatch,
  }),
  candidates: z.array(candidate).min(1).max(16),
  fixed: fixed.optional(),
  space: space.optional(),
  constraints: constraints.optional(),
  limits: limits.optional(),
});

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

/**
 * Validate a search spec (already parsed from JSON/YAML). Returns a `SearchSpec` with the optional
 * sections filled in as empty objects; throws `SearchSpecError` naming every bad field.
 */
export function parseSearchSpec(input: unknown): SearchSpec {
  const r = searchSpecSchema.safeParse(input);
  if (!r.success) {
    throw new SearchSpecError(
      r.error.issues.map((i) => ({ path: issuePath(i.path), code: i.code, message: i.message })),
    );
  }
  const s = r.data;
  const errors: SpecFieldError[] = [];
  s.candidates.forEach((c, i) => {
    if (c.minGpus !== undefined && c.minGpus > c.maxGpus) {
      errors.push({ path: `candidates.${i}.minGpus`, code: 'too_big', message: `minGpus ${c.minGpus} exceeds maxGpus ${c.maxGpus}` });
    }
  });
  const seen = new Set<string>();
  s.candidates.forEach((c, i) => {
    const key = JSON.stringify([c.gpu, c.gpusPerNode ?? null, c.intraNode ?? null, c.interNode ?? null, c.nicsPerNode ?? null, c.usdPerGpuHour ?? null]);
    if (seen.has(key)) errors.push({ path: `candidates.${i}`, code: 'duplicate', message: `candidate ${i} repeats an earlier candidate` });
    seen.add(key);
  });
  if (errors.length > 0) throw new SearchSpecError(errors);
  return {
    version: 1,
    ...(s.name !== undefined ? { name: s.name } : {}),
    model: s.model,
    training: s.training,
    candidates: s.candidates,
    fixed: s.fixed ?? {},
    space: s.space ?? {},
    constraints: s.constraints ?? {},
    limits: s.limits ?? {},
  };
}
