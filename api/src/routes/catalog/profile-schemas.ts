/**
 * zod schemas of catalog profiles (engine `GpuProfile`, `LinkProfile`, `ModelPreset`, catalog/types.ts).
 * Custom profiles sent to the API must pass them, and so does every built-in profile of the engine
 * (catalog.test.ts checks that), so a team's GPU is held to the same shape and ranges as an H800.
 * Ranges are sanity bounds ("larger than any hardware this planner models"), not opinions about hardware.
 */
import { z } from '@hono/zod-openapi';
import { ATTENTION_KERNELS, FRAMEWORKS, type AttentionKernel, type GpuProfile, type LinkProfile, type ModelPreset } from '@flopcast/engine';

/** Catalog ids: lower-case letters, digits, `.`, `_`, `-`; 1–64 characters, starting with a letter or digit. */
export const PROFILE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const id = z.string().regex(PROFILE_ID, 'must be 1–64 of a-z 0-9 . _ - starting with a letter or digit');
const name = z.string().trim().min(1).max(200);
/** A positive finite number at most `max`. */
const pos = (max: number) => z.number().positive().max(max);
/** A whole number in [min, max]. */
const int = (min: number, max: number) => z.number().int().min(min).max(max);
/** A fraction in (0, 1]. */
const fraction = z.number().gt(0).max(1);

/** Field path → citation. At most 200 entries of 2,000 characters. */
const sources = z
  .record(z.string().min(1).max(200), z.string().min(1).max(2000))
  .refine((r) => Object.keys(r).length <= 200, 'at most 200 sources')
  .openapi({ description: 'Citation per field: dotted field path → source' });

export const GpuEfficiencySchema = z.strictObject({
  gemmPeakFraction: z.strictObject({ bf16: fraction, fp8: fraction.optional(), fp4: fraction.optional() }),
  gemmTile: z.strictObject({ m: int(1, 4096), n: int(1, 4096) }),
  gemmHalfEfficiencyDim: pos(1_000_000),
  gemmStreamK: fraction.optional(),
  attentionForwardFraction: fraction,
  attentionBackwardFraction: fraction,
  attentionKernel: z.enum(ATTENTION_KERNELS).optional(),
  attentionKernels: z
    .strictObject(
      Object.fromEntries(ATTENTION_KERNELS.map((k) => [k, z.strictObject({ forward: fraction, backward: fraction }).optional()])) as Record<
        AttentionKernel,
        z.ZodOptional<z.ZodObject<{ forward: typeof fraction; backward: typeof fraction }>>
      >,
    )
    .optional(),
  hbmFraction: fraction,
  kernelOverheadUs: z.number().min(0).max(1_000_000),
  memoryKernelOverheadUs: z.number().min(0).max(1_000_000).optional(),
  commSms: int(0, 1_000_000).optional(),
  defaultFramework: z.enum(FRAMEWORKS).optional().openapi({ description: 'Software stack a plan on this GPU is timed as when it names none (assumptions.framework)' }),
});

export const GpuProfileSchema = z
  .strictObject({
    id,
    vendor: z.enum(['nvidia', 'amd']),
    name,
    peakTflops: z.strictObject({ bf16: pos(1_000_000), fp8: pos(1_000_000).optional(), fp4: pos(1_000_000).optional() }),
    memoryGiB: pos(100_000),
    hbmBandwidthGBs: pos(10_000_000),
    sms: int(1, 1_000_000),
    scaleUpBandwidthGBs: pos(10_000_000),
    tdpWatts: pos(1_000_000),
    hostLink: z
      .strictObject({ bandwidthGBs: pos(100_000), efficiency: fraction })
      .optional()
      .openapi({ description: 'Link to host memory, one direction (PCIe, NVLink-C2C): nominal GB/s and the achievable fraction; needed by plans that offload activations (parallelism.cpuOffloadLayers)' }),
    usdPerGpuHour: z.number().min(0).max(100_000),
    priceSnapshotDate: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be YYYY-MM or YYYY-MM-DD'),
    defaults: z.strictObject({ gpusPerNode: int(1, 1024), intraNode: id, interNode: id }),
    efficiency: GpuEfficiencySchema,
    sources,
  })
  .openapi('GpuProfile');

export const LinkProfileSchema = z
  .strictObject({
    id,
    kind: z.enum(['intra-node', 'scale-out']),
    name,
    bandwidthGBs: pos(10_000_000),
    latencyUs: z.number().min(0).max(1_000_000),
    efficiency: fraction,
    maxGpus: int(0, 1_000_000),
    sources,
  })
  .openapi('LinkProfile');

const AttentionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('gqa'), heads: int(1, 100_000), kvHeads: int(1, 100_000), headDim: int(1, 100_000) }),
  z.strictObject({
    type: z.literal('mla'),
    heads: int(1, 100_000),
    qLoraRank: int(0, 1_000_000),
    kvLoraRank: int(1, 1_000_000),
    qkNopeHeadDim: int(1, 100_000),
    qkRopeHeadDim: int(0, 100_000),
    vHeadDim: int(1, 100_000),
  }),
]);

export const ModelArchSchema = z.strictObject({
  name,
  layers: int(1, 100_000),
  hiddenSize: int(1, 10_000_000),
  vocabSize: int(1, 100_000_000),
  tiedEmbeddings: z.boolean(),
  attention: AttentionSchema,
  ffn: z.strictObject({ activation: z.enum(['swiglu', 'gelu']), intermediateSize: int(1, 100_000_000) }),
  norm: z.enum(['rmsnorm', 'layernorm']).optional().openapi({ description: 'Layer norm kind (absent: rmsnorm)' }),
  positionEmbedding: z.enum(['rotary', 'alibi', 'learned']).optional().openapi({ description: 'Position encoding of GQA/MHA attention (absent: rotary)' }),
  moe: z
    .strictObject({
      denseLayers: int(0, 100_000),
      routedExperts: int(1, 1_000_000),
      sharedExperts: int(0, 1_000),
      expertIntermediateSize: int(1, 10_000_000),
      topK: int(1, 10_000),
    })
    .optional(),
  mtp: z.strictObject({ depth: int(0, 64) }),
});

export const ModelPresetSchema = z
  .strictObject({
    id,
    name,
    arch: ModelArchSchema,
    published: z.strictObject({ totalParams: pos(1e15).optional(), activeParams: pos(1e15).optional() }).optional(),
    sources,
  })
  .openapi('ModelPreset');

/**
 * Compile-time guard: each schema accepts exactly the engine's type (mutually assignable), so a field added to
 * the engine's profile types fails the API's type check until the schema learns it.
 */
type Keys<T> = T extends object ? { [K in keyof T]-?: Keys<NonNullable<T[K]>> } : never;
/** Mutually assignable and the same keys at every depth (optional fields included). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([Keys<A>] extends [Keys<B>] ? ([Keys<B>] extends [Keys<A>] ? true : false) : false) : false) : false;
const schemasMatchEngineTypes: [
  Same<z.output<typeof GpuProfileSchema>, GpuProfile>,
  Same<z.output<typeof LinkProfileSchema>, LinkProfile>,
  Same<z.output<typeof ModelPresetSchema>, ModelPreset>,
] = [true, true, true];
void schemasMatchEngineTypes;
