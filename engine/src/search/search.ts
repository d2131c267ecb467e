/**
 * Public search API (issue 8): `search()` for one thread, and `searchPartition()` + `mergeSearchResults()` for
 * callers that fan out over workers (the CLI uses Node worker_threads; the engine itself stays pure).
 */
import { BUILTIN_CATALOG } from '../catalog/index.js';
import type { SearchBase } from './base.js';
import { baseDocument, resolveBases } from './base.js';
import { EngineSearchModel } from './bounds.js';
import { leafRecomputeModules, runCore, type CoreOptions, type CorePlan, type CoreResult } from './core.js';
import { ParetoFrontier, fewerGpus, type Scored } from './frontier.js';
import { buildDimensions } from './space.js';
import { parseSearchSpec } from './spec.js';
import type { PruneCounts, SearchEntry, SearchOptions, SearchResult, SearchSpec } from './types.js';

/** A feasible plan with the numbers needed to merge partitions (plain data: survives structured clone). */
export interface PartEntry {
  key: number;
  ci: number;
  gpus: number;
  cost: number;
  days: number;
  entry: SearchEntry;
}

/** The result of one partition of a search (plain data). */
export interface SearchPartResult {
  partIndex: number;
  partCount: number;
  frontier: PartEntry[];
  /** Per candidate index: its fewest-GPU feasible plan, or null. */
  fewest: Array<PartEntry | null>;
  stats: {
    generated: number;
    pruned: PruneCounts;
    evaluated: number;
    feasible: number;
    skipped: number;
    complete: boolean;
    examined: number;
    seconds: number;
  };
  /** Candidate GPU ids, deadline and the spec's candidates count, for the merge. */
  gpuIds: string[];
  deadlineDays: number | null;
}

/** A module list as the plan document's own copy. */
const copyModules = (m: { recomputeModules?: string[] }) => (m.recomputeModules ? { recomputeModules: [...m.recomputeModules] } : {});

/** Turn a scored core plan into a plan document (valid input to `estimate()`) with its summary. */
function toEntry(spec: SearchSpec, s: Scored<CorePlan>): SearchEntry {
  const { base, node, leaf, outcome } = s.item;
  const p = base.plan;
  const doc = baseDocument(spec, base.candidate, base.precision);
  const cluster = doc.cluster as Record<string, unknown>;
  cluster.gpus = node.gpus;
  cluster.gpusPerNode = p.cluster.gpusPerNode;
  cluster.intraNode = p.cluster.intraNode.id;
  cluster.interNode = p.cluster.interNode.id;
  cluster.nicsPerNode = p.cluster.nicsPerNode;
  doc.name = `${doc.name as string} · ${node.gpus}× ${p.cluster.gpu.id}`;
  doc.training = {
    tokens: p.training.tokens,
    sequenceLength: p.training.sequenceLength,
    globalBatchSize: leaf.globalBatchSize,
    microBatchSize: leaf.microBatchSize,
  };
  doc.parallelism = {
    tensor: node.tensor,
    pipeline: node.pipeline,
    virtualStages: leaf.virtualStages,
    context: node.context,
    expert: node.expert,
    expertTensor: node.expertTensor,
    data: node.data,
    sequenceParallel: node.sequenceParallel,
    zero: node.zero,
    schedule: leaf.schedule,
    recompute: leaf.recompute,
    ...copyModules(leafRecomputeModules(p, leaf)),
  };
  if (p.moe) doc.moe = { ...p.moe };
  doc.pricing = { usdPerGpuHour: p.pricing.usdPerGpuHour };
  return {
    plan: doc,
    summary: {
      gpu: p.cluster.gpu.id,
      gpus: node.gpus,
      gpuHours: outcome.gpuHours,
      wallClockDays: outcome.days,
      costUsd: outcome.costUsd,
      peakGiB: outcome.peakGiB,
      mfu: outcome.mfu,
      stepSeconds: outcome.stepSeconds,
      tokensPerGpuSecond: outcome.tokensPerGpuSecond,
    },
  };
}

function toPart(spec: SearchSpec, s: Scored<CorePlan>): PartEntry {
  return { key: s.key, ci: s.item.base.ci, gpus: s.gpus, cost: s.cost, days: s.days, entry: toEntry(spec, s) };
}

interface Prepared {
  spec: SearchSpec;
  bases: SearchBase[];
  model: EngineSearchModel;
  run: (o: CoreOptions) => CoreResult;
}

function prepare(input: unknown, opts: SearchOptions): Prepared {
  const spec = parseSearchSpec(input);
  const catalog = opts.catalog ?? BUILTIN_CATALOG;
  const bases = resolveBases(spec, catalog);
  const dimsOf = spec.candidates.map((c, ci) => {
    const b = bases.find((x) => x.ci === ci);
    const gpn = b?.plan.cluster.gpusPerNode ?? c.gpusPerNode ?? 8;
    // every base of one candidate shares the model; bases exist for every candidate (resolveBases throws otherwise)
    return buildDimensions(spec, (b ?? (bases[0] as SearchBase)).plan.model, gpn);
  });
  const model = new EngineSearchModel();
  return { spec, bases, model, run: (o) => runCore(spec, bases, dimsOf, model, o) };
}

/**
 * One partition of a search: evaluates every `partCount`-th leaf of the best-first order, starting at `partIndex`.
 * Merge all partitions with `mergeSearchResults` to get exactly the single-thread result (same frontier and order).
 */
export function searchPartition(spec: unknown, partIndex: number, partCount: number, opts: SearchOptions & { exhaustive?: boolean } = {}): SearchPartResult {
  if (!Number.isInteger(partCount) || partCount < 1) throw new RangeError(`partCount must be a positive integer, got ${partCount}`);
  if (!Number.isInteger(partIndex) || partIndex < 0 || partIndex >= partCount) throw new RangeError(`partIndex must be in [0, ${partCount}), got ${partIndex}`);
  const t0 = opts.now?.();
  const p = prepare(spec, opts);
  const core = p.run({ partIndex, partCount, exhaustive: opts.exhaustive ?? false, onProgress: opts.onProgress, now: opts.now });
  return {
    partIndex,
    partCount,
    frontier: core.frontier.map((s) => toPart(p.spec, s)),
    fewest: core.fewest.map((s) => (s ? toPart(p.spec, s) : null)),
    stats: {
      generated: core.generated,
      pruned: core.pruned,
      evaluated: core.evaluated,
      feasible: core.feasible,
      skipped: core.skipped,
      complete: core.complete,
      examined: core.examined,
      seconds: t0 !== undefined && opts.now ? (opts.now() - t0) / 1000 : 0,
    },
    gpuIds: p.spec.candidates.map((c) => c.gpu),
    deadlineDays: p.spec.constraints.deadlineDays ?? null,
  };
}

const asScored = (e: PartEntry): Scored<PartEntry> => ({ cost: e.cost, days: e.days, gpus: e.gpus, key: e.key, item: e });

/** Merge partition results (any order) into the search result. */
export function mergeSearchResults(parts: SearchPartResult[]): SearchResult {
  if (parts.length === 0) throw new RangeError('mergeSearchResults needs at least one partition');
  const frontier = new ParetoFrontier<PartEntry>();
  for (const part of parts) for (const e of part.frontier) frontier.insert(asScored(e));
  const first = parts[0] as SearchPartResult;
  const fewest: Array<Scored<PartEntry> | undefined> = first.gpuIds.map(() => undefined);
  for (const part of parts) {
    part.fewest.forEach((e, ci) => {
      if (!e) return;
      const s = asScored(e);
      const cur = fewest[ci];
      if (cur === undefined || fewerGpus(s, cur)) fewest[ci] = s;
    });
  }
  const pruned: PruneCounts = { divisibility: 0, memoryLowerBound: 0, memory: 0, dominated: 0, constraint: 0 };
  let generated = 0;
  let evaluated = 0;
  let feasible = 0;
  let skipped = 0;
  let examined = 0;
  let complete = true;
  let seconds = 0;
  for (const part of parts) {
    generated += part.stats.generated;
    evaluated += part.stats.evaluated;
    feasible += part.stats.feasible;
    skipped += part.stats.skipped;
    examined += part.stats.examined;
    complete &&= part.stats.complete;
    seconds = Math.max(seconds, part.stats.seconds);
    for (const k of Object.keys(pruned) as Array<keyof PruneCounts>) pruned[k] += part.stats.pruned[k];
  }
  const pts = frontier.points.map((s) => s.item.entry);
  let overall: Scored<PartEntry> | undefined;
  for (const f of fewest) if (f && (overall === undefined || fewerGpus(f, overall))) overall = f;
  const result: SearchResult = {
    frontier: pts,
    best: {
      cheapest: pts[0] ?? null,
      fastest: pts[pts.length - 1] ?? null,
      fewestGpus: overall?.item.entry ?? null,
    },
    stats: { generated, pruned, evaluated, feasible, skipped, complete, examined, seconds },
  };
  if (first.deadlineDays !== null) {
    result.deadline = {
      deadlineDays: first.deadlineDays,
      perGpu: first.gpuIds.map((gpu, ci) => {
        const f = fewest[ci];
        return f ? { gpu, minGpus: f.gpus, plan: f.item.entry } : { gpu, minGpus: null };
      }),
    };
  }
  return result;
}

/**
 * Search the plan space of `spec` (a search spec object, validated here: throws SearchSpecError naming bad fields)
 * for the Pareto frontier on (cost, days), the best plan per objective and, with a deadline, the fewest GPUs per
 * GPU type that meet it. Deterministic: the same input gives the same frontier in the same order.
 */
export function search(spec: unknown, opts: SearchOptions = {}): SearchResult {
  return mergeSearchResults([searchPartition(spec, 0, 1, opts)]);
}

/** Exhaustive variant for tests and audits: no lower-bound pruning, only the exact divisibility rules. */
export function searchExhaustive(spec: unknown, opts: SearchOptions = {}): SearchResult {
  return mergeSearchResults([searchPartition(spec, 0, 1, { ...opts, exhaustive: true })]);
}
