/**
 * Plan document → ResolvedPlan: structure (zod), catalog look-ups, defaults, presets expanded, cross-field rules.
 *
 * Defaults (documented here once):
 * - training.microBatchSize 1; precision "bf16"; model.tiedEmbeddings false; model.mtp.depth 0;
 *   attention type "mha" = "gqa" with kvHeads = heads.
 * - cluster.gpusPerNode / intraNode / interNode from the GPU profile's `defaults`; nicsPerNode = gpusPerNode.
 * - parallelism: tensor, pipeline, context, expert, expertTensor 1; virtualStages 1 (forced to 2 for dualpipe and
 *   dualpipev); sequenceParallel false; zero 0; schedule "1f1b"; recompute "none"; data = gpus / (TP·PP·CP);
 *   expertData = data·context·tensor / (expert·expertTensor); microBatches = globalBatchSize / (data·microBatchSize).
 * - moe (MoE models only): balancing "aux-loss" (Megatron-Core's default router load balancing, `aux_loss`),
 *   nodeLimit 0 (unlimited), dispatchPrecision "fp8" when precision is "fp8" (DeepSeek-V3 §3.3.3) else "bf16".
 * - assumptions: DEFAULT_ASSUMPTIONS overridden key by key; unknown keys are errors.
 * - pricing.usdPerGpuHour from the GPU profile (a dated snapshot).
 */
import { BUILTIN_CATALOG, lookupId, measuredAttentionKernels } from '../catalog/index.js';
import { ATTENTION_KERNELS, type AttentionArch, type AttentionKernel, type Catalog, type GpuProfile, type LinkProfile, type ModelArch } from '../catalog/types.js';
import { RECIPES, withGradientPrecision, withOptimizerStatePrecision, withOutputHeadPrecision } from '../precision/recipes.js';
import { combinedOneFOneBMismatch } from './ep-overlap.js';
import type { Warning } from '../report/types.js';
import { ASSUMPTION_CHOICES, DEFAULT_ASSUMPTIONS, FRAMEWORK_PRESETS, type Assumptions } from './assumptions.js';
import { checkParallel, type ParallelInput } from './check.js';
import type { FieldError } from './errors.js';
import { getPlanSchema, gqaAttentionSchema, inlineModelSchema, mlaAttentionSchema, zodIssuesToFieldErrors, type PlanDocument } from './schema.js';
import type { BatchRamp, ResolvedPlan } from './types.js';
import { recomputeModuleMismatch, type RecomputeModule } from './recompute.js';
import { parseCudaGraphs } from './cuda-graphs.js';

export type ValidateResult = { ok: true; plan: ResolvedPlan; warnings: Warning[] } | { ok: false; errors: FieldError[] };

function known(ids: Record<string, unknown>): string {
  return Object.keys(ids).sort().join(', ');
}

function resolveAttention(raw: unknown, errors: FieldError[]): AttentionArch | undefined {
  if (raw === undefined) {
    errors.push({ path: 'model.attention', code: 'required', message: 'is required' });
    return undefined;
  }
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (type === 'mla') {
    const r = mlaAttentionSchema.safeParse(raw);
    if (!r.success) {
      errors.push(...zodIssuesToFieldErrors(r.error.issues, 'model.attention'));
      return undefined;
    }
    return r.data;
  }
  if (type === 'gqa' || type === 'mha') {
    const r = gqaAttentionSchema.safeParse(raw);
    if (!r.success) {
      errors.push(...zodIssuesToFieldErrors(r.error.issues, 'model.attention'));
      return undefined;
    }
    const d = r.data;
    if (d.type === 'gqa' && d.kvHeads === undefined) {
      errors.push({ path: 'model.attention.kvHeads', code: 'required', message: 'is required for gqa (use type "mha" for kvHeads = heads)' });
      return undefined;
    }
    if (d.type === 'mha' && d.kvHeads !== undefined && d.kvHeads !== d.heads) {
      errors.push({ path: 'model.attention.kvHeads', code: 'inconsistent', message: `${d.kvHeads} must equal heads (${d.heads}) for mha; use type "gqa"` });
      return undefined;
    }
    return { type: 'gqa', heads: d.heads, kvHeads: d.kvHeads ?? d.heads, headDim: d.headDim };
  }
  errors.push({
    path: 'model.attention.type',
    code: 'invalid_value',
    message: `must be "gqa", "mha" or "mla", got ${type === undefined ? 'nothing' : JSON.stringify(type)}`,
  });
  return undefined;
}

function resolveModel(raw: unknown, catalog: Catalog, errors: FieldError[]): { arch: ModelArch; id?: string } | undefined {
  if (raw === undefined) {
    errors.push({ path: 'model', code: 'required', message: `is required: a preset id (${known(catalog.models)}) or an inline architecture` });
    return undefined;
  }
  if (typeof raw === 'string') {
    const preset = lookupId(catalog.models, raw);
    if (!preset) {
      errors.push({ path: 'model', code: 'unknown_id', message: `unknown model preset "${raw}"; known: ${known(catalog.models)}` });
      return undefined;
    }
    return { arch: preset.arch, id: preset.id };
  }
  const r = inlineModelSchema.safeParse(raw);
  const attention = resolveAttention(typeof raw === 'object' && raw !== null ? (raw as { attention?: unknown }).attention : undefined, errors);
  if (!r.success) {
    errors.push(...zodIssuesToFieldErrors(r.error.issues, 'model'));
    return undefined;
  }
  if (!attention) return undefined;
  const d = r.data;
  const arch: ModelArch = {
    name: d.name,
    layers: d.layers,
    hiddenSize: d.hiddenSize,
    vocabSize: d.vocabSize,
    tiedEmbeddings: d.tiedEmbeddings ?? false,
    attention,
    ffn: d.ffn,
    mtp: { depth: d.mtp?.depth ?? 0 },
  };
  if (d.moe) arch.moe = d.moe;
  if (d.norm) arch.norm = d.norm;
  if (d.positionEmbedding) arch.positionEmbedding = d.positionEmbedding;
  return { arch };
}

function resolveLink(id: string, kind: LinkProfile['kind'], path: string, catalog: Catalog, errors: FieldError[]): LinkProfile | undefined {
  const link = lookupId(catalog.links, id);
  const ofKind = Object.values(catalog.links).filter((l) => l.kind === kind).map((l) => l.id).sort().join(', ');
  if (!link) {
    errors.push({ path, code: 'unknown_id', message: `unknown ${kind} link "${id}"; known: ${ofKind}` });
    return undefined;
  }
  if (link.kind !== kind) {
    errors.push({ path, code: 'wrong_kind', message: `"${id}" is a ${link.kind} link; expected a ${kind} link: ${ofKind}` });
    return undefined;
  }
  return link;
}

/**
 * Validate and normalise a plan document (parsed JSON/YAML). Collects every error.
 * Returns the ResolvedPlan and warnings, or the list of field errors.
 */
export function validatePlan(input: unknown, opts?: { catalog?: Catalog }): ValidateResult {
  const catalog = opts?.catalog ?? BUILTIN_CATALOG;
  const errors: FieldError[] = [];
  const warnings: Warning[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', code: 'invalid_type', message: 'a plan must be an object (JSON/YAML mapping)' }] };
  }
  const parsed = getPlanSchema().safeParse(input);
  const model = resolveModel((input as { model?: unknown }).model, catalog, errors);
  if (!parsed.success) {
    errors.unshift(...zodIssuesToFieldErrors(parsed.error.issues));
    return { ok: false, errors };
  }
  const doc: PlanDocument = parsed.data;

  // --- cluster ---
  const gpu = lookupId(catalog.gpus, doc.cluster.gpu);
  if (!gpu) errors.push({ path: 'cluster.gpu', code: 'unknown_id', message: `unknown GPU "${doc.cluster.gpu}"; known: ${known(catalog.gpus)}` });
  const intraNode = gpu ? resolveLink(doc.cluster.intraNode ?? gpu.defaults.intraNode, 'intra-node', 'cluster.intraNode', catalog, errors) : undefined;
  const interNode = gpu ? resolveLink(doc.cluster.interNode ?? gpu.defaults.interNode, 'scale-out', 'cluster.interNode', catalog, errors) : undefined;
  const gpus = doc.cluster.gpus;
  const gpusPerNode = doc.cluster.gpusPerNode ?? gpu?.defaults.gpusPerNode ?? 8;
  if (intraNode && intraNode.maxGpus > 0 && gpusPerNode > intraNode.maxGpus) {
    errors.push({
      path: 'cluster.gpusPerNode',
      code: 'too_large',
      message: `${gpusPerNode} exceeds the ${intraNode.id} domain (${intraNode.maxGpus} GPUs)`,
    });
  }
  if (gpus > gpusPerNode && gpus % gpusPerNode !== 0) {
    warnings.push({ code: 'partial-node', message: `cluster.gpus (${gpus}) is not a multiple of gpusPerNode (${gpusPerNode}); the last node is partly used` });
  }
  const nicsPerNode = doc.cluster.nicsPerNode ?? gpusPerNode;

  // --- parallelism, precision, moe ---
  const par = doc.parallelism ?? {};
  const schedule = par.schedule ?? '1f1b';
  const dual = schedule === 'dualpipe' || schedule === 'dualpipev';
  let virtualStages = par.virtualStages ?? 1;
  if (dual) {
    if (par.virtualStages !== undefined && par.virtualStages !== 2) {
      warnings.push({ code: 'virtual-stages-ignored', message: `parallelism.virtualStages ${par.virtualStages} ignored: ${schedule} always runs 2 model chunks per rank` });
    }
    virtualStages = 2;
  }
  const precision = doc.precision ?? 'bf16';
  const arch = model?.arch;
  if (doc.moe && arch && !arch.moe) {
    errors.push({ path: 'moe', code: 'not_moe', message: `is only for MoE models; ${arch.name} has no model.moe (remove the moe block)` });
  }
  const moe =
    arch?.moe !== undefined
      ? {
          balancing: doc.moe?.balancing ?? 'aux-loss',
          nodeLimit: doc.moe?.nodeLimit ?? 0,
          dispatchPrecision: doc.moe?.dispatchPrecision ?? (precision === 'fp8' ? 'fp8' : 'bf16'),
        }
      : undefined;

  const tensor = par.tensor ?? 1;
  const pipeline = par.pipeline ?? 1;
  const context = par.context ?? 1;
  const expert = par.expert ?? 1;
  const expertTensor = par.expertTensor ?? 1;
  const microBatchSize = doc.training.microBatchSize ?? 1;

  const assumptions: Assumptions = { ...DEFAULT_ASSUMPTIONS, ...(doc.assumptions as Partial<Assumptions> | undefined) };
  for (const [key, allowed] of Object.entries(ASSUMPTION_CHOICES) as Array<[keyof Assumptions, readonly string[]]>) {
    const value = assumptions[key];
    if (!allowed.includes(value as string)) {
      errors.push({ path: `assumptions.${key}`, code: 'invalid_enum', message: `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})` });
    }
  }
  const graphs = parseCudaGraphs(String(assumptions.cudaGraphs));
  if (!graphs.ok) errors.push({ path: 'assumptions.cudaGraphs', code: 'invalid_value', message: graphs.message });

  const parallelInput: ParallelInput | undefined =
    arch && gpu
      ? {
          model: arch,
          gpu,
          gpus,
          gpusPerNode,
          tensor,
          pipeline,
          virtualStages,
          context,
          expert,
          expertTensor,
          dataGiven: par.data,
          sequenceParallel: par.sequenceParallel ?? false,
          schedule,
          precision,
          dispatchPrecision: moe?.dispatchPrecision,
          globalBatchSize: doc.training.globalBatchSize,
          microBatchSize,
          sequenceLength: doc.training.sequenceLength,
          tokens: doc.training.tokens,
          layerSplit: assumptions.layerSplit,
          pipelineLayout: par.pipelineLayout,
          recompute: par.recompute ?? 'none',
          cpuOffloadLayers: par.cpuOffloadLayers,
        }
      : undefined;
  const derived = parallelInput ? checkParallel(parallelInput, errors, warnings) : undefined;
  const batchRamp =
    doc.training.batchRamp && parallelInput && derived ? resolveBatchRamp(doc.training.batchRamp, parallelInput, derived.data, errors) : undefined;
  if (moe && moe.nodeLimit > 0 && moe.nodeLimit > Math.ceil(gpus / gpusPerNode)) {
    warnings.push({ code: 'node-limit-above-nodes', message: `moe.nodeLimit ${moe.nodeLimit} exceeds the ${Math.ceil(gpus / gpusPerNode)} nodes of the cluster; it has no effect` });
  }

  const stated = (doc.assumptions ?? {}) as Record<string, unknown>;
  // A plan that names no software stack is timed as the one its GPU profile's defaults were measured on.
  if (gpu && stated.framework === undefined) assumptions.framework = gpu.efficiency.defaultFramework ?? 'generic';
  if (gpu) applyFramework(assumptions, stated, gpu);
  const gpuForPlan = gpu ? withAttentionKernel(gpu, assumptions.attentionKernel, errors) : undefined;
  const recomputeModules = par.recomputeModules ? checkRecomputeModules(par.recomputeModules, par.recompute ?? 'none', arch, stated, errors) : undefined;
  // a module list is module-level (Megatron-Core) checkpointing: the stack's op-level default does not apply
  if (recomputeModules) assumptions.selectiveRecompute = 'core-attention';
  if (assumptions.expertMlpKernels === 'fused' && arch && gpu) {
    if (!arch.moe) errors.push({ path: 'assumptions.expertMlpKernels', code: 'unsupported', message: `"fused" fuses the routed experts' MLP; ${arch.name} has no model.moe` });
    checkMxfp8Kernel('assumptions.expertMlpKernels', '"fused"', "Transformer Engine's fused grouped MLP runs on compute capability 10 only", gpu, precision, errors);
  }
  if (assumptions.outputHeadPrecision === 'fp8' && gpu) {
    checkMxfp8Kernel('assumptions.outputHeadPrecision', '"fp8"', "Megatron-Core's fp8_output_proj is active only under the MXFP8 recipe", gpu, precision, errors);
  }

  if (errors.length > 0 || !arch || !gpu || !gpuForPlan || !intraNode || !interNode || !derived) {
    if (errors.length === 0) errors.push({ path: '', code: 'invalid', message: 'the plan could not be resolved' });
    return { ok: false, errors };
  }

  const plan: ResolvedPlan = {
    version: 1,
    name: doc.name ?? arch.name,
    model: arch,
    training: {
      tokens: doc.training.tokens,
      sequenceLength: doc.training.sequenceLength,
      globalBatchSize: doc.training.globalBatchSize,
      microBatchSize,
      ...(batchRamp ? { batchRamp } : {}),
    },
    cluster: { gpu: gpuForPlan, gpus, gpusPerNode, intraNode, interNode, nicsPerNode, nodes: Math.ceil(gpus / gpusPerNode) },
    parallelism: {
      tensor,
      pipeline,
      virtualStages,
      context,
      expert,
      expertTensor,
      data: derived.data,
      expertData: derived.expertData,
      sequenceParallel: par.sequenceParallel ?? false,
      zero: par.zero ?? 0,
      schedule,
      recompute: par.recompute ?? 'none',
      ...(recomputeModules ? { recomputeModules } : {}),
      ...(par.pipelineLayout !== undefined ? { pipelineLayout: par.pipelineLayout } : {}),
      ...(par.cpuOffloadLayers !== undefined ? { cpuOffloadLayers: par.cpuOffloadLayers } : {}),
      microBatches: derived.microBatches,
    },
    precision,
    recipe: withOutputHeadPrecision(
      withOptimizerStatePrecision(withGradientPrecision(RECIPES[precision], assumptions.gradientPrecision), assumptions.optimizerStatePrecision),
      assumptions.outputHeadPrecision,
    ),
    assumptions,
    statedAssumptions: (Object.keys(stated) as Array<keyof Assumptions>).filter((k) => stated[k] !== undefined),
    pricing: { usdPerGpuHour: doc.pricing?.usdPerGpuHour ?? gpu.usdPerGpuHour },
  };
  if (model?.id !== undefined) plan.modelId = model.id;
  if (moe) plan.moe = moe;
  if (assumptions.epA2aOverlap === 'combined-1f1b') {
    // a warning, not an error: a search candidate inherits the stack's assumptions whatever its layout
    const why = combinedOneFOneBMismatch(plan);
    if (why) warnings.push({ code: 'ep-overlap-not-applied', message: `assumptions.epA2aOverlap "combined-1f1b" is not applied: ${why}` });
  }
  return { ok: true, plan, warnings };
}

/**
 * Settings that exist only for block-scaled (MXFP8) GEMMs on Blackwell — Transformer Engine's fused grouped MLP
 * (`is_supported`: compute capability 10, block-scaled GEMMs) and Megatron-Core's MXFP8 output head: the block-scaled
 * `fp8` recipe, and block-scaled tensor cores (in the catalog the Blackwell profiles, the ones with an FP4 peak).
 */
function checkMxfp8Kernel(at: string, value: string, why: string, gpu: GpuProfile, precision: string, errors: FieldError[]): void {
  if (precision !== 'fp8') errors.push({ path: at, code: 'unsupported', message: `${value} needs block-scaled GEMMs (precision "fp8", DeepSeek's block scaling or MXFP8); got "${precision}"` });
  if (gpu.peakTflops.fp4 === undefined) errors.push({ path: at, code: 'unsupported', message: `${value} needs block-scaled tensor cores (Blackwell; ${why}); ${gpu.id} has none` });
}

/**
 * Checks `parallelism.recomputeModules` (plan/recompute.ts): only with `recompute: selective`, each module once, each
 * one the model has, and not together with a stated `assumptions.selectiveRecompute: every-other-matmul` (op-level
 * checkpointing is a different mechanism). A GPU profile's default stack that uses op-level checkpointing yields to
 * the list: the plan has said what it recomputes.
 */
function checkRecomputeModules(
  modules: readonly RecomputeModule[],
  recompute: string,
  arch: ModelArch | undefined,
  stated: Record<string, unknown>,
  errors: FieldError[],
): RecomputeModule[] | undefined {
  const at = 'parallelism.recomputeModules';
  const n0 = errors.length;
  if (recompute !== 'selective') {
    errors.push({ path: at, code: 'inconsistent', message: `applies to parallelism.recompute "selective" only (recompute is "${recompute}"); set recompute to selective or remove the list` });
  }
  const seen = new Set<RecomputeModule>();
  modules.forEach((m, i) => {
    if (seen.has(m)) errors.push({ path: `${at}.${i}`, code: 'duplicate', message: `"${m}" is listed twice` });
    seen.add(m);
    const why = arch ? recomputeModuleMismatch(m, arch) : undefined;
    if (why) errors.push({ path: `${at}.${i}`, code: 'not_applicable', message: `"${m}" does not apply: ${why}` });
  });
  if (stated.selectiveRecompute === 'every-other-matmul') {
    errors.push({
      path: at,
      code: 'inconsistent',
      message: 'conflicts with assumptions.selectiveRecompute "every-other-matmul" (op-level checkpointing); state one: the module list (Megatron-Core) or the op-level policy (torchtitan)',
    });
  }
  return errors.length === n0 ? [...modules] : undefined;
}

/** Most stages a ramp may have (BLOOM's 192 → 2048 in steps of 16 has 116), and most the default increment makes. */
const MAX_RAMP_STAGES = 1000;
const DEFAULT_RAMP_STAGES = 64;

/**
 * Checks `training.batchRamp` against the batch it grows to and the parallel layout (every ramp stage must be a batch
 * the layout can run: the start is checked with the plan's own rules, and the increment keeps later stages on the
 * same grid). The default increment is the smallest multiple of the layout's step — data × micro-batch sequences,
 * times the pipeline degree for interleaved 1F1B (micro-batches a multiple of PP) and 2 for DualPipe (an even count) —
 * that reaches the full batch in at most 64 stages.
 */
function resolveBatchRamp(
  r: { startBatchSize: number; tokens: number; increment?: number | undefined },
  p: ParallelInput,
  data: number,
  errors: FieldError[],
): BatchRamp | undefined {
  const at = 'training.batchRamp';
  const n0 = errors.length;
  const G = p.globalBatchSize;
  const grain = p.schedule === 'interleaved-1f1b' ? p.pipeline : p.schedule === 'dualpipe' ? 2 : 1;
  const unit = data * p.microBatchSize * grain;
  const unitWhy = `data ${data} × micro-batch ${p.microBatchSize}${grain > 1 ? ` × ${grain} (${p.schedule} micro-batch count)` : ''}`;
  let startOk = r.startBatchSize < G;
  if (!startOk) {
    errors.push({ path: `${at}.startBatchSize`, code: 'too_large', message: `must be below training.globalBatchSize (${G}), the batch the ramp grows to (got ${r.startBatchSize})` });
  } else {
    const atStart: FieldError[] = [];
    checkParallel({ ...p, globalBatchSize: r.startBatchSize }, atStart, []);
    for (const e of atStart) errors.push({ path: `${at}.startBatchSize`, code: e.code, message: `at the ramp's start (${r.startBatchSize} sequences): ${e.message}` });
    startOk = atStart.length === 0;
  }
  if (r.tokens > p.tokens) {
    errors.push({ path: `${at}.tokens`, code: 'too_large', message: `must not exceed training.tokens (${p.tokens.toExponential(3)}); got ${r.tokens.toExponential(3)}` });
  }
  const span = G - r.startBatchSize;
  // Default increment: the smallest multiple of the layout's step that reaches the full batch in at most
  // DEFAULT_RAMP_STAGES stages (a ramp of thousands of one-micro-batch increments times no differently); the last
  // stage may then be a partial increment. A stated increment must divide the ramp, as Megatron-LM asserts.
  const increment = r.increment ?? unit * Math.max(1, Math.ceil(span / unit / DEFAULT_RAMP_STAGES));
  if (r.increment !== undefined && r.increment % unit !== 0) {
    errors.push({ path: `${at}.increment`, code: 'not_divisible', message: `must be a multiple of ${unit} sequences (${unitWhy}) so every ramp stage is a batch the layout runs; got ${r.increment}` });
  } else if (startOk && r.increment !== undefined && span % increment !== 0) {
    errors.push({
      path: `${at}.increment`,
      code: 'not_divisible',
      message: `the ramp from ${r.startBatchSize} to ${G} sequences does not step evenly in increments of ${increment} (Megatron-LM's --rampup-batch-size requires it)`,
    });
  } else if (startOk && span / increment > MAX_RAMP_STAGES) {
    errors.push({
      path: `${at}.increment`,
      code: 'too_small',
      message: `gives ${span / increment} ramp stages from ${r.startBatchSize} to ${G} sequences; at most ${MAX_RAMP_STAGES} (use an increment of at least ${Math.ceil(span / MAX_RAMP_STAGES / unit) * unit})`,
    });
  }
  return errors.length === n0 ? { startBatchSize: r.startBatchSize, tokens: r.tokens, increment } : undefined;
}

/**
 * The GPU profile with the attention fractions of the kernel class `assumptions.attentionKernel` selects (the
 * profile's own measured values for that class; `gpu-default` leaves the profile as it is). An unknown class, or one
 * the profile has no measurement for, is an error naming the field.
 */
function withAttentionKernel(gpu: GpuProfile, kernel: string, errors: FieldError[]): GpuProfile | undefined {
  const e = gpu.efficiency;
  const own = e.attentionKernel ?? 'flash2';
  if (kernel === 'gpu-default' || kernel === own) return gpu;
  const path = 'assumptions.attentionKernel';
  if (!(ATTENTION_KERNELS as readonly string[]).includes(kernel)) {
    errors.push({ path, code: 'invalid_enum', message: `must be one of gpu-default, ${ATTENTION_KERNELS.join(', ')} (got ${JSON.stringify(kernel)})` });
    return undefined;
  }
  const k = e.attentionKernels?.[kernel as AttentionKernel];
  if (!k) {
    const have = measuredAttentionKernels(gpu).join(', ');
    errors.push({ path, code: 'not_measured', message: `${gpu.id} has no measured efficiency for the ${kernel} attention kernel (it has: ${have})` });
    return undefined;
  }
  return { ...gpu, efficiency: { ...e, attentionForwardFraction: k.forward, attentionBackwardFraction: k.backward, attentionKernel: kernel as AttentionKernel } };
}

/**
 * Fills in the defaults of `assumptions.framework` for every assumption the plan does not set itself (an explicit value
 * always wins). `best-flash` resolves to the newest FlashAttention-class kernel the GPU profile has measured. An unknown
 * framework is reported with the other assumption choices and fills in nothing.
 */
function applyFramework(a: Assumptions, explicit: Record<string, unknown>, gpu: GpuProfile): void {
  const preset = Object.prototype.hasOwnProperty.call(FRAMEWORK_PRESETS, a.framework) ? FRAMEWORK_PRESETS[a.framework] : undefined;
  if (!preset) return;
  const measured = measuredAttentionKernels(gpu);
  for (const [key, value] of Object.entries(preset) as Array<[keyof Assumptions, string]>) {
    if (explicit[key] !== undefined) continue;
    const resolved =
      key === 'attentionKernel' ? ((value === 'best-flash' ? ['flash3', 'flash2'] : [value]).find((k) => measured.includes(k as AttentionKernel)) ?? 'gpu-default') : value;
    (a as unknown as Record<string, unknown>)[key] = resolved;
  }
}
