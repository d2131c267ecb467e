/**
 * Which plan `/plans/new` opens, from its query: `?preset=<model id>` (the model's published run, or a starter
 * plan), `?plan=<base64url JSON>` (a shared or search-result plan), else the DeepSeek-V3 published run.
 */
import { lookupId, type Catalog } from '@flopcast/engine';
import { decodePlanParam, type PlanDocument } from './plan-doc';
import { presetRun, starterPlan } from './presets';

export interface InitialPlan {
  doc: PlanDocument;
  /** Where the plan came from, shown under the title (sources of a published run, or why a parameter was ignored). */
  note?: string;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function initialPlan(query: Record<string, string | string[] | undefined>, catalog: Catalog): InitialPlan {
  const planParam = first(query.plan);
  if (planParam) {
    try {
      const decoded = decodePlanParam(planParam);
      return { doc: decoded as unknown as PlanDocument, note: 'Opened from a link.' };
    } catch (e) {
      const fallback = presetRun('deepseek-v3')!;
      return { doc: fallback.plan, note: `The plan in the link could not be read (${(e as Error).message}); opened the DeepSeek-V3 published run instead.` };
    }
  }
  const preset = first(query.preset);
  if (preset) {
    const run = presetRun(preset);
    if (run) return { doc: run.plan, note: `${run.title}. Source: ${run.source}` };
    const model = lookupId(catalog.models, preset);
    if (model) {
      return {
        doc: starterPlan(preset, Boolean(model.arch.moe)),
        note: `${model.name}: no published run is listed for this preset, so this is a starter plan (64 H100, FSDP, BF16) to adjust.`,
      };
    }
    const fallback = presetRun('deepseek-v3')!;
    return { doc: fallback.plan, note: `Unknown preset “${preset}”; opened the DeepSeek-V3 published run instead. ${fallback.source}` };
  }
  const run = presetRun('deepseek-v3')!;
  return { doc: run.plan, note: `${run.title}. Source: ${run.source}` };
}
