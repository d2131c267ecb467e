/**
 * Base plans of a search: one fully validated `ResolvedPlan` per (candidate GPU, precision), from which every
 * candidate plan is derived by replacing only the integer degrees. Validation reuses the plan validator; its
 * field paths are mapped back to the search spec ("cluster.gpu" → "candidates.1.gpu", "precision" →
 * "fixed.precision", "moe.nodeLimit" → "fixed.moe.nodeLimit", …).
 */
import { lookupId } from '../catalog/index.js';
import type { Catalog } from '../catalog/types.js';
import type { FieldError } from '../plan/errors.js';
import type { PrecisionId, ResolvedPlan } from '../plan/types.js';
import { validatePlan } from '../plan/validate.js';
import { SearchSpecError } from './spec.js';
import { precisionsFor } from './space.js';
import type { SearchCandidate, SearchSpec } from './types.js';

export interface SearchBase {
  /** Candidate index in the spec. */
  ci: number;
  candidate: SearchCandidate;
  precision: PrecisionId;
  /** Validated plan with all degrees 1 (gpus 1): model, GPU, links, recipe, MoE settings, assumptions, price. */
  plan: ResolvedPlan;
}

/** The plan document fields shared by every plan of one candidate and precision (no parallelism). */
export function baseDocument(spec: SearchSpec, c: SearchCandidate, precision: PrecisionId): Record<string, unknown> {
  const cluster: Record<string, unknown> = { gpu: c.gpu, gpus: 1 };
  if (c.gpusPerNode !== undefined) cluster.gpusPerNode = c.gpusPerNode;
  if (c.intraNode !== undefined) cluster.intraNode = c.intraNode;
  if (c.interNode !== undefined) cluster.interNode = c.interNode;
  if (c.nicsPerNode !== undefined) cluster.nicsPerNode = c.nicsPerNode;
  const doc: Record<string, unknown> = {
    version: 1,
    name: spec.name ?? (typeof spec.model === 'string' ? spec.model : 'search'),
    model: spec.model,
    training: { tokens: spec.training.tokens, sequenceLength: spec.training.sequenceLength, globalBatchSize: 1, microBatchSize: 1 },
    cluster,
    precision,
  };
  const modules = spec.fixed.parallelism?.recomputeModules;
  // validated on a selective base so the plan rules check the module list; leaves carry it when they recompute selectively
  if (modules) doc.parallelism = { recompute: 'selective', recomputeModules: modules };
  if (spec.fixed.moe) doc.moe = spec.fixed.moe;
  if (spec.fixed.assumptions) doc.assumptions = spec.fixed.assumptions;
  if (c.usdPerGpuHour !== undefined) doc.pricing = { usdPerGpuHour: c.usdPerGpuHour };
  return doc;
}

function mapPath(path: string, ci: number): string {
  const first = path.split('.')[0] ?? '';
  switch (first) {
    case 'cluster':
      return path.replace(/^cluster/, `candidates.${ci}`);
    case 'pricing':
      return `candidates.${ci}.usdPerGpuHour`;
    case 'precision':
    case 'moe':
    case 'assumptions':
    case 'parallelism':
      return `fixed.${path}`;
    default:
      return path;
  }
}

/**
 * Validate the base plans of every candidate and precision. Throws SearchSpecError (paths in the spec) when the
 * model, a GPU or link id, a pinned field or an assumption is invalid.
 */
export function resolveBases(spec: SearchSpec, catalog: Catalog): SearchBase[] {
  const bases: SearchBase[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const recompute = spec.fixed.parallelism?.recompute !== undefined ? [spec.fixed.parallelism.recompute] : spec.space.recompute;
  for (const [path, given] of [['fixed.parallelism.recomputeModules', spec.fixed.parallelism?.recomputeModules], ['space.recomputeModules', spec.space.recomputeModules]] as const) {
    if (given && recompute && !recompute.includes('selective')) {
      errors.push({
        path,
        code: 'inconsistent',
        message: `says what selective recomputation recomputes, but the search does not try recompute "selective" (it tries ${recompute.join(', ')})`,
      });
    }
  }
  // each module list is checked by the plan rules once, on the first candidate (modules depend on the model only)
  (spec.space.recomputeModules ?? []).forEach((modules, li) => {
    const c = spec.candidates[0];
    if (!c) return;
    const doc = baseDocument(spec, c, 'bf16');
    doc.parallelism = { recompute: 'selective', recomputeModules: modules };
    const r = validatePlan(doc, { catalog });
    if (r.ok) return;
    for (const e of r.errors) {
      if (!e.path.startsWith('parallelism.recomputeModules')) continue;
      const path = `space.recomputeModules.${li}${e.path.slice('parallelism.recomputeModules'.length)}`;
      if (!seen.has(`${path}|${e.message}`)) errors.push({ ...e, path });
      seen.add(`${path}|${e.message}`);
    }
  });
  spec.candidates.forEach((c, ci) => {
    const gpu = lookupId(catalog.gpus, c.gpu);
    // Precisions this GPU can run (an unknown GPU is probed once in bf16 so the validator reports it);
    // a pinned precision the GPU cannot run is reported by the validator.
    const precisions = gpu ? precisionsFor(spec, gpu.peakTflops.fp8 !== undefined) : ['bf16' as const];
    if (precisions.length === 0) {
      errors.push({ path: 'space.precision', code: 'empty', message: `no listed precision runs on ${c.gpu} (candidate ${ci})` });
    }
    for (const precision of precisions) {
      const r = validatePlan(baseDocument(spec, c, precision), { catalog });
      if (!r.ok) {
        for (const e of r.errors) {
          const mapped = { ...e, path: mapPath(e.path, ci) };
          const k = `${mapped.path}|${mapped.message}`;
          if (!seen.has(k)) errors.push(mapped);
          seen.add(k);
        }
        continue;
      }
      bases.push({ ci, candidate: c, precision, plan: r.plan });
    }
  });
  if (errors.length > 0) throw new SearchSpecError(errors);
  return bases;
}
