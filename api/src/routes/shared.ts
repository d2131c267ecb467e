/**
 * Schemas and helpers shared by the route contracts: the problem+json schema, error-response sets, ids,
 * JSON plan documents, If-Match parsing.
 */
import { DEFAULT_ASSUMPTIONS } from '@flopcast/engine';
import { z } from '@hono/zod-openapi';
import { ApiError, PROBLEM_CODES, type ProblemCode } from '../lib/problem.js';

export const FieldProblemSchema = z
  .object({
    location: z.enum(['body', 'query', 'path', 'header']).optional(),
    path: z.string().openapi({ description: 'JSON pointer (RFC 6901) into the request part named by `location`', example: '/plan/parallelism/tensor' }),
    field: z.string().optional().openapi({ description: 'For plan errors: the dotted path inside the plan document (engine FieldError.path)', example: 'parallelism.tensor' }),
    code: z.string().openapi({ example: 'not_divisible' }),
    message: z.string(),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://flopcast.dev/problems/invalid_plan' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldProblemSchema).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** OpenAPI responses for the given problem codes (grouped by status). */
export function problems(...codes: ProblemCode[]) {
  const out: Record<number, { description: string; content: typeof problemContent }> = {};
  for (const code of [...codes, 'rate_limited', 'internal_error'] as ProblemCode[]) {
    const { status } = PROBLEM_CODES[code];
    const prev = out[status];
    out[status] = { description: prev ? `${prev.description}, ${code}` : code, content: problemContent };
  }
  return out;
}

/** Security requirement: bearer key (team key or admin key). */
export const bearer: Array<Record<string, string[]>> = [{ bearer: [] }];
/** Security requirement: optional bearer key. */
export const optionalBearer: Array<Record<string, string[]>> = [{}, { bearer: [] }];

/** UUID path parameter. A malformed id is a 404 (it names nothing), not a validation error. */
export const IdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '0f8e2c4a-3b1d-4c5e-8f9a-1b2c3d4e5f60' }),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws 404 for ids that are not UUIDs (so SQL-ish strings never reach the database as ids). */
export function uuidOr404(id: string, what: string): string {
  if (!UUID.test(id)) throw new ApiError('not_found', `${what} ${JSON.stringify(id.slice(0, 80))} not found`);
  return id.toLowerCase();
}

/** Display name (plans, teams, keys): trimmed, 1–200 characters. */
export const NameSchema = z.string().trim().min(1).max(200);

/** What a plan may state beyond plan-format.md's core: named assumptions, a batch ramp, recompute modules, advice. */
export const PLAN_DOCUMENT_NOTES =
    'A plan document (plan-format.md, version 1); checked by the engine validator. Optional `assumptions` (named, ' +
    'documented engine assumptions; defaults in brackets): ' +
    Object.entries(DEFAULT_ASSUMPTIONS)
      .map(([k, v]) => `${k} [${String(v)}]`)
      .join(', ') +
    '. attentionKernel: gpu-default | unfused | pytorch-flash | flash2 | flash3 (classes the GPU profile has a measured efficiency for); layerSplit: even | balanced; elementwiseKernels: fused | eager; selectiveRecompute: core-attention | every-other-matmul; cudaGraphs: none | full_iteration | a comma-separated list of attn, mlp, moe, moe_router, moe_preprocess (Megatron-Core --cuda-graph-scope; graphed launches cost the host ~1 µs instead of hostUsPerKernel); optimizerKernels: fused | unfused; gradientPrecision: fp32 | bf16 (gradient buffers and their data-parallel reduction; bf16 = Megatron-Core grad_reduce_in_fp32 off, as the NeMo / Megatron-Bridge performance recipes run); optimizerStatePrecision: recipe | fp32 | bf16-moments | bf16 (Adam state: the recipe default, all FP32, BF16 moments as the Megatron-Core precision-aware optimizer keeps them, or moments and master weights in BF16); ppCommOverlap: none | interleaved | all (whether pipeline sends block the sender; megatron-core overlaps them in the interleaved schedule, as Megatron-LM does by default); cpComm: ring | all-gather (how context-parallel ranks exchange keys and values: ring = send/recv steps hidden under attention, Megatron-Core\'s default cp_comm_type p2p; all-gather = one exposed all-gather before attention, as Llama 3 ran it); moeDispatcher: deepep | alltoall (how MoE tokens reach their experts: DeepEP/HybridEP send one copy per target node and GPU, the Megatron-Core NCCL all-to-all one per token and expert); epA2aOverlap: none | combined-1f1b (Megatron-Core --overlap-moe-expert-parallel-comm: the steady-state forward and backward of two micro-batches run as one pair so each all-to-all hides under the other as far as the compute it is paired with lasts, timed node by node on two streams; interleaved-1f1b or one pipeline stage, otherwise a warning and not applied); expertMlpKernels: separate | fused (fused = Transformer Engine\'s fused grouped MLP, Megatron-Bridge cutedsl_fused_grouped_mlp: the gated activation and the quantisations around it run in the expert GEMMs\' epilogues; needs an MoE model, precision fp8 and a Blackwell GPU); outputHeadPrecision: recipe | fp8 (fp8 = Megatron-Core fp8_output_proj, the LM head under MXFP8; needs precision fp8 on a Blackwell GPU); framework: generic | megatron-core | torchtitan | torchtitan-compile (fills in that framework\'s defaults for unset assumptions; absent: the GPU profile\'s default stack, torchtitan on H100 / H200). Optional `training.batchRamp: { startBatchSize, tokens, increment? }`: a batch-size ramp (Megatron-LM --rampup-batch-size); the totals include it and `details.batchRamp` reports what it adds. Optional `parallelism.recomputeModules` (with recompute selective): a list of core_attn | layernorm | mla_up_proj | mlp | moe | moe_act | shared_experts, Megatron-Core\'s --recompute-modules (absent: the standard selective scope). Optional `parallelism.pipelineLayout`: the split of the model over pipeline chunks in Megatron-Core\'s --pipeline-model-parallel-layout notation (E embedding, t transformer layer, m MTP module, L loss, | between chunks in model order, x*n and (...)*n repeats; e.g. "Et*4|(t*4|)*14tmL" for DeepSeek-V3 on PP4 x VP4), with the embedding on the first chunk and the loss and MTP modules on the last; absent: assumptions.layerSplit. Optional `parallelism.cpuOffloadLayers`: Megatron-Core\'s --cpu-offloading-num-layers, the first N layers\' activations copied to host memory in forward and back in backward over the GPU profile\'s hostLink (PCIe, NVLink-C2C), scheduled as Transformer Engine does (at most layers − N activation sets on the GPU; a copy longer than the compute beside it is exposed, reported as communication kind offload); needs pipeline 1 and recompute none; a plan that does not fit gets a `memory-fit` warning whose `fix` names the change (recompute setting, ZeRO stage or micro-batch size) that fits at the least step time.';

/**
 * A plan document (plan-format.md). The request contract accepts any JSON object here; the engine's validator
 * checks it and reports every bad field as `invalid_plan` (422) with its path. The OpenAPI document describes it
 * with the engine's plan schema and these notes (see openapi/plan-schema.ts).
 */
export const PlanDocumentSchema = z.record(z.string(), z.unknown()).openapi('PlanDocument', {
  description: PLAN_DOCUMENT_NOTES,
});

/** ISO timestamps in responses. */
export const Timestamp = z.string().openapi({ format: 'date-time' });

/**
 * Parses `If-Match: <version>` (also `"3"` or `W/"3"`). Missing → 428, unparsable → 400.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ApiError('precondition_required', 'send If-Match: <version> (the version you read) to update this plan');
  }
  const m = /^\s*(?:W\/)?"?(\d{1,10})"?\s*$/.exec(header);
  const v = m?.[1] ? Number(m[1]) : NaN;
  if (!Number.isInteger(v) || v < 1 || v > 2_147_483_647) {
    throw new ApiError('validation_failed', 'If-Match must be a plan version (a positive integer)', {
      errors: [{ location: 'header', path: '/if-match', code: 'invalid_format', message: 'must be a positive integer version' }],
    });
  }
  return v;
}

/** Example plan for the reference page (the DeepSeek-V3 paper configuration of plan-format.md). */
export const EXAMPLE_PLAN = {
  version: 1,
  name: 'deepseek-v3-paper',
  model: 'deepseek-v3',
  training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 },
  cluster: { gpu: 'h800-sxm', gpus: 2048, gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr' },
  parallelism: { tensor: 1, pipeline: 16, context: 1, expert: 64, expertTensor: 1, zero: 1, schedule: 'dualpipe', recompute: 'selective' },
  precision: 'fp8',
  moe: { balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' },
};
