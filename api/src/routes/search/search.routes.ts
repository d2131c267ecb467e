/**
 * POST /v1/search contract: a search spec (issue 8) → the Pareto frontier (cost vs days) of feasible plans.
 *
 * CPU bound: a Worker request has a CPU-time limit (Workers Paid: 30 s by default, up to 5 min when configured;
 * Free: 10 ms), so the API never runs an unbounded search. The engine's own `limits` are clamped to the server's
 * bounds — at most `maxEvaluations` full estimates (default 200,000) and a `timeBudgetMs` wall budget (default
 * 5,000 ms) — and when a bound stops the search the result says `stats.complete: false` with `stats.skipped`.
 * A caller may ask for less, never more. The bounds are in `X-Search-Max-Evaluations` / `X-Search-Time-Budget-Ms`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { optionalBearer, problems } from '../shared.js';

export const SearchSpecSchema = z
  .record(z.string(), z.unknown())
  .openapi('SearchSpec', {
    description:
      '{ version: 1, model, training: { tokens, sequenceLength, globalBatchSize? }, candidates: [{ gpu, maxGpus, usdPerGpuHour?, gpusPerNode?, interNode? }], ' +
      'fixed?, space?, constraints?: { maxGpus?, deadlineDays?, budgetUsd?, memoryHeadroomPct?, schedules? }, limits?: { maxEvaluations?, timeBudgetMs? } } — checked by the engine (422 invalid_search). ' +
      '`fixed.parallelism.recomputeModules` says what `selective` recomputes in every candidate; `space.recomputeModules: [[...], ...]` adds each Megatron-Core module list as a further selective variant (e.g. [["layernorm", "moe"]] lets an MoE plan fit by re-running its MoE layers).',
  });

const Summary = z.object({
  gpu: z.string(),
  gpus: z.number(),
  gpuHours: z.number(),
  wallClockDays: z.number(),
  costUsd: z.number(),
  peakGiB: z.number(),
  mfu: z.number(),
});
const Entry = z.object({ plan: z.record(z.string(), z.unknown()), summary: Summary }).openapi('SearchEntry');

export const SearchResponse = z
  .object({
    frontier: z.array(Entry),
    best: z.object({ cheapest: Entry.nullable(), fastest: Entry.nullable(), fewestGpus: Entry.nullable() }),
    deadline: z.unknown().optional(),
    stats: z.object({
      generated: z.number(),
      pruned: z.record(z.string(), z.number()),
      evaluated: z.number(),
      complete: z.boolean(),
      seconds: z.number(),
    }),
  })
  .openapi('SearchResult');

export const searchRoute = createRoute({
  method: 'post',
  path: '/search',
  tags: ['search'],
  summary: 'Search for the cheapest / fastest plans that fit',
  description:
    'Runs the engine’s capacity search within the server’s CPU bounds (at most 200,000 full estimates and 5 s by default; ' +
    '`limits` in the spec can only lower them; `stats.complete: false` when a bound stopped it). No key needed for built-in profiles.',
  security: optionalBearer,
  request: { body: { required: true, content: { 'application/json': { schema: SearchSpecSchema } } } },
  responses: {
    200: { description: 'Frontier, best plans and statistics', content: { 'application/json': { schema: SearchResponse } } },
    ...problems('malformed_json', 'validation_failed', 'invalid_search', 'unauthorized', 'payload_too_large', 'unsupported_media_type'),
  },
});
