/**
 * zod schema of the plan document (plan-format.md, version 1): structure, types and ranges.
 * Cross-field rules (divisibility, schedule requirements, catalog ids) live in validate.ts / check.ts.
 * Every message names what is wrong and what is allowed; the dotted path is added by `zodIssuesToFieldErrors`.
 */
import { z } from 'zod';
import { DEFAULT_ASSUMPTIONS } from './assumptions.js';
import type { FieldError } from './errors.js';
import { RECOMPUTE_MODULES } from './recompute.js';
import { MAX_LAYOUT_CHARS } from './pipeline-layout.js';

function show(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

interface NumSpec {
  int?: boolean;
  min: number;
  /** min itself is not allowed. */
  exclusive?: boolean;
  max: number;
  maxWhy?: string;
}

/** A finite number with range (and integrality) checks and messages that say what is allowed. */
function num(spec: NumSpec) {
  const kind = spec.int ? 'a whole number' : 'a number';
  let s = z.number({
    error: (iss) => {
      if (iss.input === undefined) return 'is required';
      if (typeof iss.input === 'number' && !Number.isFinite(iss.input)) return `must be a finite number, got ${show(iss.input)}`;
      if (typeof iss.input === 'number') return `must be ${kind}, got ${show(iss.input)}`;
      return `must be ${kind}, got ${show(iss.input)}`;
    },
  });
  if (spec.int) s = s.int({ error: (iss) => `must be a whole number, got ${show(iss.input)}` });
  const minMsg = (iss: { input?: unknown }) => `must be ${spec.exclusive ? 'greater than' : 'at least'} ${spec.min}, got ${show(iss.input)}`;
  s = spec.exclusive ? s.gt(spec.min, { error: minMsg }) : s.gte(spec.min, { error: minMsg });
  s = s.lte(spec.max, {
    error: (iss) => `must be at most ${spec.max.toLocaleString('en-US')}, got ${show(iss.input)}${spec.maxWhy ? ` (${spec.maxWhy})` : ''}`,
  });
  return s;
}

/** Positive whole number up to `max`. */
const count = (max: number, maxWhy?: string) => num({ int: true, min: 1, max, ...(maxWhy ? { maxWhy } : {}) });

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined ? 'is required' : `must be one of ${values.map((v) => `"${v}"`).join(', ')}; got ${show(iss.input)}`,
  });
}

function bool() {
  return z.boolean({ error: (iss) => (iss.input === undefined ? 'is required' : `must be true or false, got ${show(iss.input)}`) });
}

function str(max = 200) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : `must be a string, got ${show(iss.input)}`) })
    .max(max, { error: `must be at most ${max} characters` });
}

function obj<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') return `known fields: ${Object.keys(shape).join(', ')}`;
      if (iss.input === undefined) return 'is required';
      return `must be an object, got ${show(iss.input)}`;
    },
  });
}

const ABSURD = 'larger than anything this planner models';

export const gqaAttentionSchema = obj({
  type: z.literal(['gqa', 'mha'], { error: 'must be "gqa", "mha" or "mla"' }),
  heads: count(100_000, ABSURD),
  /** Optional for mha (= heads). */
  kvHeads: count(100_000, ABSURD).optional(),
  headDim: count(100_000, ABSURD),
});

export const mlaAttentionSchema = obj({
  type: z.literal('mla'),
  heads: count(100_000, ABSURD),
  qLoraRank: num({ int: true, min: 0, max: 1_000_000, maxWhy: ABSURD }),
  kvLoraRank: count(1_000_000, ABSURD),
  qkNopeHeadDim: count(100_000, ABSURD),
  qkRopeHeadDim: num({ int: true, min: 0, max: 100_000, maxWhy: ABSURD }),
  vHeadDim: count(100_000, ABSURD),
});

export const modelMoeSchema = obj({
  denseLayers: num({ int: true, min: 0, max: 100_000, maxWhy: ABSURD }),
  routedExperts: count(1_000_000, ABSURD),
  sharedExperts: num({ int: true, min: 0, max: 1_000, maxWhy: ABSURD }),
  expertIntermediateSize: count(10_000_000, ABSURD),
  topK: count(10_000, ABSURD),
});

/** Inline architecture (attention is checked separately by its `type`). */
export const inlineModelSchema = obj({
  name: str(),
  layers: count(100_000, ABSURD),
  hiddenSize: count(10_000_000, ABSURD),
  vocabSize: count(100_000_000, ABSURD),
  tiedEmbeddings: bool().optional(),
  attention: z.unknown().optional(),
  ffn: obj({ activation: oneOf(['swiglu', 'gelu'] as const), intermediateSize: count(100_000_000, ABSURD) }),
  norm: oneOf(['rmsnorm', 'layernorm'] as const).optional(),
  positionEmbedding: oneOf(['rotary', 'alibi', 'learned'] as const).optional(),
  moe: modelMoeSchema.optional(),
  mtp: obj({ depth: num({ int: true, min: 0, max: 64, maxWhy: ABSURD }) }).optional(),
});

export const SCHEDULES = ['gpipe', '1f1b', 'interleaved-1f1b', 'zb1p', 'dualpipe', 'dualpipev'] as const;
export const RECOMPUTE = ['none', 'selective', 'full'] as const;
export const PRECISIONS = ['bf16', 'fp8', 'fp8-tensorwise'] as const;
export const BALANCING = ['aux-loss', 'aux-loss-free', 'none'] as const;

const degree = () => count(1_000_000, 'more than the largest cluster this planner models (1,000,000 GPUs)');

/** Known assumption keys and their allowed ranges (others default to [0, 1e9]). */
export const ASSUMPTION_RANGES: Record<string, { min: number; max: number }> = {
  goodput: { min: 0.01, max: 1 },
  pue: { min: 1, max: 5 },
  powerFractionOfTdp: { min: 0.01, max: 1.5 },
  tpCommOverlap: { min: 0, max: 1 },
  dpCommOverlap: { min: 0, max: 1 },
  workspaceGiB: { min: 0, max: 1024 },
  hostUsPerKernel: { min: 0, max: 100_000 },
};

function assumptionsSchema() {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(DEFAULT_ASSUMPTIONS as unknown as Record<string, unknown>)) {
    if (typeof v === 'boolean') shape[k] = bool().optional();
    else if (typeof v === 'string') shape[k] = str().optional();
    else {
      const r = ASSUMPTION_RANGES[k] ?? { min: 0, max: 1e9 };
      shape[k] = num({ min: r.min, max: r.max }).optional();
    }
  }
  return obj(shape);
}

/** The plan document (plan-format.md). `model` is a preset id or an inline architecture (checked in validate.ts). */
export function planDocumentSchema() {
  return obj({
    version: z.literal(1, { error: (iss) => (iss.input === undefined ? 'is required (1)' : `must be 1, got ${show(iss.input)}`) }),
    name: str().optional(),
    model: z.unknown().optional(),
    training: obj({
      tokens: num({ min: 0, exclusive: true, max: 1e16, maxWhy: 'more than 10^16 tokens is outside anything this planner models' }),
      sequenceLength: count(100_000_000, ABSURD),
      globalBatchSize: count(1e9, ABSURD),
      microBatchSize: count(1e7, ABSURD).optional(),
      batchRamp: obj({
        startBatchSize: count(1e9, ABSURD),
        tokens: num({ min: 0, exclusive: true, max: 1e16, maxWhy: 'more than 10^16 tokens is outside anything this planner models' }),
        increment: count(1e9, ABSURD).optional(),
      }).optional(),
    }),
    cluster: obj({
      gpu: str(),
      gpus: count(1_000_000, 'more than 1,000,000 GPUs is outside anything this planner models'),
      gpusPerNode: count(1024, 'no NVLink/xGMI domain is that large').optional(),
      intraNode: str().optional(),
      interNode: str().optional(),
      nicsPerNode: count(1024, ABSURD).optional(),
    }),
    parallelism: obj({
      tensor: degree().optional(),
      pipeline: degree().optional(),
      virtualStages: count(1024, ABSURD).optional(),
      context: degree().optional(),
      expert: degree().optional(),
      expertTensor: degree().optional(),
      data: degree().optional(),
      sequenceParallel: bool().optional(),
      zero: z
        .union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {
          error: (iss) => `must be 0, 1, 2 or 3 (ZeRO stage), got ${show(iss.input)}`,
        })
        .optional(),
      schedule: oneOf(SCHEDULES).optional(),
      recompute: oneOf(RECOMPUTE).optional(),
      recomputeModules: z
        .array(oneOf(RECOMPUTE_MODULES), { error: (iss) => `must be a list of module names (${RECOMPUTE_MODULES.join(', ')}), got ${show(iss.input)}` })
        .min(1, { error: 'must name at least one module (or remove it for the standard selective scope)' })
        .max(RECOMPUTE_MODULES.length, { error: `lists at most the ${RECOMPUTE_MODULES.length} modules there are` })
        .optional(),
      pipelineLayout: str()
        .max(MAX_LAYOUT_CHARS, { error: `must be at most ${MAX_LAYOUT_CHARS} characters` })
        .optional(),
      cpuOffloadLayers: count(100_000, ABSURD).optional(),
    }).optional(),
    precision: oneOf(PRECISIONS).optional(),
    moe: obj({
      balancing: oneOf(BALANCING).optional(),
      nodeLimit: num({ int: true, min: 0, max: 1_000_000, maxWhy: ABSURD }).optional(),
      dispatchPrecision: oneOf(['fp8', 'bf16'] as const).optional(),
    }).optional(),
    assumptions: assumptionsSchema().optional(),
    pricing: obj({ usdPerGpuHour: num({ min: 0, max: 10_000, maxWhy: 'no GPU rents for more than $10,000 per hour' }).optional() }).optional(),
  });
}

export type PlanDocument = z.infer<ReturnType<typeof planDocumentSchema>>;
export type InlineModel = z.infer<typeof inlineModelSchema>;

let cached: ReturnType<typeof planDocumentSchema> | undefined;
/** The plan document schema (built once). */
export function getPlanSchema(): ReturnType<typeof planDocumentSchema> {
  cached ??= planDocumentSchema();
  return cached;
}

function issueCode(iss: z.core.$ZodIssue): string {
  const msg = iss.message;
  if (msg === 'is required' || msg.startsWith('is required')) return 'required';
  switch (iss.code) {
    case 'too_small':
      return 'too_small';
    case 'too_big':
      return 'too_large';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'invalid_type':
      return (iss as { expected?: string }).expected === 'int' ? 'not_integer' : 'invalid_type';
    case 'invalid_value':
    case 'invalid_union':
      return 'invalid_value';
    default:
      return iss.code;
  }
}

/** Convert zod issues to FieldErrors with dotted paths under `prefix`. Unknown keys become one error per key. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const iss of issues) {
    const base = [prefix, ...iss.path.map(String)].filter((p) => p !== '').join('.');
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys) {
        out.push({ path: base ? `${base}.${k}` : k, code: 'unknown_field', message: `unknown field "${k}"; ${iss.message}` });
      }
      continue;
    }
    out.push({ path: base, code: issueCode(iss), message: iss.message });
  }
  return out;
}
