/**
 * The engine's per-layer model against decoder layers timed on a real GPU (`engine/measurements/*.json`, committed with
 * the script that took them), for the /accuracy page. Each row is recomputed by the running engine, so it shows this
 * build's model, not the numbers of the day they were measured.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { singleLayerCost, type SingleLayerSpec } from '@flopcast/engine';

export interface HardwareRow {
  layer: string;
  /** How it ran: attention backend, compiled, op SAC, FP8, MoE part. */
  how: string;
  measuredMs: number;
  /** Which measured time is compared: summed GPU kernel time, or the event-timed step. */
  measuredAs: 'GPU busy' | 'step' | 'GEMM + attention kernels';
  modelMs: number;
  errorPct: number;
}

export interface HardwareChecks {
  device: string;
  date: string;
  software: string;
  rows: HardwareRow[];
}

type Json = Record<string, any>;

const read = (dir: string, file: string): Json | undefined => {
  const f = path.join(dir, file);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Json) : undefined;
};

/** The shape fields every measured layer row carries, as a single-layer spec. */
function specOf(row: Json, extra: Partial<SingleLayerSpec>): SingleLayerSpec {
  return { label: row.label, hidden: row.hidden, heads: row.heads, kvHeads: row.kvHeads, headDim: row.headDim, ffn: row.ffn, seq: row.seq, microBatch: row.microBatch, ...extra };
}

function row(layer: string, how: string, measuredMs: number, measuredAs: HardwareRow['measuredAs'], modelMs: number): HardwareRow {
  return { layer, how, measuredMs, measuredAs, modelMs, errorPct: (modelMs / measuredMs - 1) * 100 };
}

/** cuDNN's integer version (91900) as 9.19. */
function cudnnVersion(v: unknown): string {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? `${Math.floor(n / 10000)}.${Math.floor((n % 10000) / 100)}` : '?';
}

/** Rows for every measurement file found under `<repo>/engine/measurements`; undefined when there is none. */
export function loadHardwareChecks(repoRoot: string): HardwareChecks | undefined {
  const dir = path.join(repoRoot, 'engine', 'measurements');
  const layers = read(dir, 'h200-2026-11-28-layers.json');
  if (!layers) return undefined;
  const rows: HardwareRow[] = [];
  let previous: Json = {};
  for (const raw of (layers.layers ?? []) as Json[]) {
    if (raw.error) continue;
    const r = raw.compiled ? { ...previous, ...raw } : raw;
    if (!raw.compiled) previous = raw;
    const cost = singleLayerCost(
      specOf(r, {
        ffn: r.ffn,
        activation: r.kind === 'llama' ? 'swiglu' : 'gelu',
        tensor: String(r.label).includes('tp8') ? 8 : 1,
        assumptions: { attentionKernel: r.backend === 'CUDNN_ATTENTION' ? 'flash3' : 'flash2', elementwiseKernels: 'fused' },
      }),
    );
    rows.push(row(r.label, raw.compiled ? 'torch.compile, flash' : r.backend === 'CUDNN_ATTENTION' ? 'cuDNN attention' : 'flash attention', r.gpuBusyMs, 'GPU busy', cost.stepMs));
  }
  for (const r of (read(dir, 'h200-2026-11-28-eager.json')?.eagerLayers ?? []) as Json[]) {
    if (r.error) continue;
    const sac = r.variant === 'eager+op-sac';
    const cost = singleLayerCost(specOf(r, { recompute: sac ? 'selective' : 'none', assumptions: { framework: 'torchtitan', attentionKernel: 'flash2' } }));
    rows.push(row(r.label, sac ? 'torchtitan eager, op-level SAC' : 'torchtitan eager', r.stepMs, 'step', cost.stepMs));
  }
  for (const r of (read(dir, 'h200-2026-11-28-fp8.json')?.fp8Layers ?? []) as Json[]) {
    if (r.error || r.variant !== 'fp8-compiled') continue;
    const cost = singleLayerCost(specOf(r, { precision: 'fp8-tensorwise', assumptions: { attentionKernel: 'flash2', elementwiseKernels: 'fused' } }));
    rows.push(row(r.label, 'tensorwise FP8, torch.compile', r.stepMs, 'step', cost.stepMs));
  }
  for (const r of (read(dir, 'h200-2026-11-28-moe.json')?.moeLayers ?? []) as Json[]) {
    if (r.error) continue;
    const kernelsUs = ((r.byKernel ?? []) as Array<[string, number, number]>).filter(([name]) => /cutlass.*gemm|nvjet|flash_(fwd|bwd)/.test(name)).reduce((a, [, , us]) => a + us, 0);
    const cost = singleLayerCost(
      specOf(r, { ffn: 12288, moe: { experts: r.experts, topK: r.topK, expertFfn: r.expertFfn }, assumptions: { attentionKernel: 'flash2', elementwiseKernels: 'fused', hostUsPerKernel: 0 } }),
    );
    rows.push(row(r.label, 'MoE, 128 local experts: GEMMs + attention only', kernelsUs / 1e3, 'GEMM + attention kernels', cost.gemmMs + cost.attentionMs));
  }
  const meta = layers.meta ?? {};
  return {
    device: String(meta.device ?? 'GPU'),
    date: String(meta.date ?? '').slice(0, 10),
    software: `torch ${meta.torch ?? '?'}, CUDA ${meta.cuda ?? '?'}, cuDNN ${cudnnVersion(meta.cudnn)}`,
    rows,
  };
}
