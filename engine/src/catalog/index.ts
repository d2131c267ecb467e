/** The built-in catalog: GPU, link and model presets, each number with its source. */
import { BUILTIN_GPUS } from './gpus.js';
import { BUILTIN_LINKS } from './links.js';
import { BUILTIN_MODELS } from './models.js';
import type { AttentionKernel, Catalog, GpuProfile } from './types.js';

export { BUILTIN_GPUS, RESERVED_GIB } from './gpus.js';
export { BUILTIN_LINKS } from './links.js';
export { BUILTIN_MODELS } from './models.js';

/** Catalog shipped with the engine (ids per plan-format.md "Catalog ids every install must have"). */
export const BUILTIN_CATALOG: Catalog = { gpus: BUILTIN_GPUS, links: BUILTIN_LINKS, models: BUILTIN_MODELS };

/**
 * Own-property lookup of a catalog id. Plain `record[id]` would return inherited members for ids such as
 * "__proto__" or "constructor" (found by the API's property test), so every id lookup goes through this.
 */
export function lookupId<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined;
}

/**
 * Attention kernel classes a GPU profile has a measured efficiency for: the class its default fractions describe
 * first, then its `attentionKernels` alternatives.
 */
export function measuredAttentionKernels(gpu: GpuProfile): AttentionKernel[] {
  const own = gpu.efficiency.attentionKernel ?? 'flash2';
  return [own, ...(Object.keys(gpu.efficiency.attentionKernels ?? {}) as AttentionKernel[]).filter((k) => k !== own)];
}
