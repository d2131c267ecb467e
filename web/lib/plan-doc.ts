/**
 * The plan document as the dashboard edits it: the input form of plan-format.md (a preset id or an inline
 * architecture, optional fields left out). The engine's `validatePlan` is the only judge of validity; the
 * dashboard never silently fixes a value, it shows the engine's field errors next to the input.
 */
import { RECOMPUTE_MODULES, type Balancing, type ModelArch, type PrecisionId, type Recompute, type RecomputeModule, type Schedule } from '@flopcast/engine';

/** Inline architecture as written in a plan (plan-format.md "Inline architecture"). */
export type InlineModel = ModelArch;

/**
 * A plan document (plan-format.md "Plan"). Numeric fields may temporarily hold the raw text a user typed when it
 * is not a number, so that validation reports the error on that field instead of the form guessing a value.
 */
export interface PlanDocument {
  version: 1;
  name: string;
  model: string | InlineModel;
  training: {
    tokens: number;
    sequenceLength: number;
    globalBatchSize: number;
    microBatchSize: number;
    batchRamp?: { startBatchSize?: number; tokens?: number; increment?: number };
  };
  cluster: {
    gpu: string;
    gpus: number;
    gpusPerNode?: number;
    intraNode?: string;
    interNode?: string;
    nicsPerNode?: number;
  };
  parallelism: {
    tensor: number;
    pipeline: number;
    virtualStages?: number;
    context?: number;
    expert?: number;
    expertTensor?: number;
    data?: number;
    sequenceParallel?: boolean;
    zero?: 0 | 1 | 2 | 3;
    schedule?: Schedule;
    recompute?: Recompute;
    recomputeModules?: RecomputeModule[];
    /** Megatron-Core --pipeline-model-parallel-layout, e.g. "Et*4|(t*4|)*14tmL" (engine plan/pipeline-layout.ts). */
    pipelineLayout?: string;
    /** Megatron-Core --cpu-offloading-num-layers: layers whose activations wait in host memory. */
    cpuOffloadLayers?: number;
  };
  precision?: PrecisionId;
  moe?: { balancing?: Balancing; nodeLimit?: number; dispatchPrecision?: 'fp8' | 'bf16' };
  assumptions?: Record<string, number | string>;
  pricing?: { usdPerGpuHour?: number };
}

/** Deep copy of a JSON-shaped value. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Reads a dotted path ("parallelism.tensor") from a JSON-shaped object. */
export function getAtPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Returns a copy of `obj` with the dotted path set to `value` (intermediate objects created as needed);
 * `undefined` removes the key, so optional plan fields fall back to the engine's documented defaults.
 */
export function setAtPath<T>(obj: T, path: string, value: unknown): T {
  const root = clone(obj) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let cur = root;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return root as unknown as T;
}

/** Same plan with every change of a warning's `fix` applied (dotted paths, as the engine names fields; null removes). */
export function applyPlanChanges(doc: PlanDocument, fix: ReadonlyArray<{ path: string; value: unknown }>): PlanDocument {
  return fix.reduce((d, c) => setAtPath(d, c.path, c.value === null ? undefined : c.value), doc);
}

/**
 * Same plan with one `training.batchRamp` field set (or cleared); a ramp left with no fields is removed, so clearing
 * the inputs returns the plan to the full batch from the first step.
 */
export function setRampField(doc: PlanDocument, key: 'startBatchSize' | 'tokens' | 'increment', value: unknown): PlanDocument {
  const next = setAtPath(doc, `training.batchRamp.${key}`, value);
  if (next.training.batchRamp && Object.keys(next.training.batchRamp).length === 0) delete next.training.batchRamp;
  return next;
}

/**
 * Same plan with `parallelism.recompute` set; the recompute module list only means something for `selective`, so it
 * goes when the plan switches to another mode (the engine would refuse the pair).
 */
export function withRecompute(doc: PlanDocument, recompute: Recompute | undefined): PlanDocument {
  const next = setAtPath(doc, 'parallelism.recompute', recompute);
  if (recompute !== 'selective') delete next.parallelism.recomputeModules;
  return next;
}

/**
 * Same plan with one recompute module ticked or unticked, in the engine's module order; no module left removes the
 * list (the standard selective scope applies).
 */
export function toggleRecomputeModule(doc: PlanDocument, module: RecomputeModule, on: boolean): PlanDocument {
  const have = new Set(doc.parallelism.recomputeModules ?? []);
  if (on) have.add(module);
  else have.delete(module);
  const list = RECOMPUTE_MODULES.filter((m) => have.has(m));
  return setAtPath(doc, 'parallelism.recomputeModules', list.length > 0 ? list : undefined);
}

/**
 * Same plan with the pipeline schedule swapped (the DualPipe vs 1F1B comparison). The chunk count goes with the
 * schedule: interleaved 1F1B keeps the plan's virtual stages, DualPipe(V) always runs 2 and plain schedules 1, so
 * `virtualStages` is dropped for those (the engine's default for the schedule applies).
 */
export function withSchedule(doc: PlanDocument, schedule: Schedule): PlanDocument {
  const next = setAtPath(doc, 'parallelism.schedule', schedule);
  if (schedule !== 'interleaved-1f1b') delete next.parallelism.virtualStages;
  return next;
}

/** The schedule shown beside the plan's own: DualPipe plans against 1F1B, everything else against DualPipe. */
export function counterpartSchedule(schedule: Schedule | undefined): Schedule {
  return schedule === 'dualpipe' || schedule === 'dualpipev' ? '1f1b' : 'dualpipe';
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * A plan from a link or the API (any JSON object) in the shape the form reads: `training`, `cluster` and
 * `parallelism` are objects (empty when missing or not objects) and `model` is a preset id or an inline object
 * ('' when neither). Nothing is filled in: the engine still names every missing field under its input.
 */
export function editableDocument(doc: unknown): PlanDocument {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const d = isObject(doc) ? doc : {};
  const section = (v: unknown) => (isObject(v) ? v : {});
  return {
    ...d,
    model: typeof d.model === 'string' || isObject(d.model) ? d.model : '',
    training: section(d.training),
    cluster: section(d.cluster),
    parallelism: section(d.parallelism),
  } as unknown as PlanDocument;
}

/** A plan as a URL-safe base64 (RFC 4648 §5) string of its UTF-8 JSON, for `/plans/new?plan=…` links. */
export function encodePlanParam(plan: unknown): string {
  const b64 = toBase64(new TextEncoder().encode(JSON.stringify(plan)));
  return b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of encodePlanParam. Throws an Error saying what is wrong when the text is not a base64url JSON object. */
export function decodePlanParam(param: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]*$/.test(param)) throw new Error('plan parameter is not base64url text');
  const b64 = param.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (param.length % 4)) % 4);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64(b64));
  } catch {
    throw new Error('plan parameter is not valid base64url UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('plan parameter does not hold JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('plan parameter is not a JSON object');
  return value as Record<string, unknown>;
}
