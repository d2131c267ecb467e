import { describe, expect, it } from 'vitest';
import { estimate } from '@flopcast/engine';
import { estimateOrThrow, runEstimate, runStackSensitivity } from './engine';
import { scalingSeries } from './compare';
import { breakdownRow } from './chart-data';
import { fieldId, placeErrors } from './field-errors';
import { formFieldPaths } from '@/components/plan/PlanForm';
import { presetRun } from './presets';
import { applyPlanChanges, setAtPath, setRampField, withSchedule, type PlanDocument } from './plan-doc';

const ds = () => presetRun('deepseek-v3')!.plan;

describe('runEstimate on the real engine', () => {
  it('estimates the DeepSeek-V3 published run with a timeline and a breakdown that sums to the step', () => {
    const r = runEstimate(ds(), { timeline: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.report.pipeline.schedule).toBe('dualpipe');
    expect(r.report.pipeline.timeline!.length).toBeGreaterThan(16);
    const { row, segments } = breakdownRow(r.report, 'x');
    const sum = segments.reduce((s, seg) => s + (row[seg.key] as number), 0);
    expect(sum).toBeCloseTo(r.report.step.seconds, 6);
  });
  it('tabulates the plan under every framework preset beside its own estimate (the stack panel)', () => {
    const r = runEstimate(ds());
    if (!r.ok) throw new Error('estimate failed');
    const s = runStackSensitivity(ds(), r.report)!;
    expect(s.framework).toBe('generic');
    expect(s.rows.map((x) => x.framework)).toEqual(['generic', 'megatron-core', 'torchtitan', 'torchtitan-compile']);
    expect(s.rows.find((x) => x.applied)!.stepSeconds).toBe(r.report.step.seconds);
    expect(s.rows.find((x) => x.framework === 'torchtitan')!.stepRatio).toBeGreaterThan(1);
    const h100 = setAtPath(ds(), 'cluster.gpu', 'h100-sxm');
    const o = runEstimate(h100);
    if (!o.ok) throw new Error('estimate failed');
    expect(runStackSensitivity(h100, o.report)).toMatchObject({ framework: 'torchtitan', frameworkFrom: 'gpu-profile' });
  });
  it('gives 1F1B a larger bubble than DualPipe for the same plan', () => {
    const a = runEstimate(ds());
    const b = runEstimate(withSchedule(ds(), '1f1b'));
    if (!a.ok || !b.ok) throw new Error('estimate failed');
    expect(b.report.pipeline.bubbleFraction).toBeGreaterThan(a.report.pipeline.bubbleFraction);
  });
  it('carries the engine\'s pipeline-bubble advice, as estimate() does (CLI and API give the same)', () => {
    // Llama 3 8B with 8 micro-batches over PP8 on 1F1B: a bubble of ~45% of the step, which interleaving shrinks
    const plan = {
      version: 1,
      name: 'llama3-8b-pp8',
      model: 'llama3-8b',
      training: { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 64, microBatchSize: 1 },
      cluster: { gpu: 'h100-sxm', gpus: 64 },
      parallelism: { tensor: 1, pipeline: 8, context: 1, zero: 1, schedule: '1f1b', recompute: 'selective' },
      precision: 'bf16',
    };
    const r = runEstimate(plan);
    if (!r.ok) throw new Error('estimate failed');
    expect([...r.warnings, ...r.report.warnings]).toEqual(estimate(plan).warnings);
    const advice = r.report.warnings.find((w) => w.code === 'pipeline-bubble')!;
    expect(advice.message).toMatch(/schedule interleaved-1f1b with virtualStages \d+/);
    // "Apply" sets the fix; the plan it makes is the one the advice timed: shorter, and no longer advised
    const applied = runEstimate(applyPlanChanges(plan as PlanDocument, advice.fix!));
    if (!applied.ok) throw new Error('the applied fix does not estimate');
    expect(applied.report.step.seconds).toBeLessThan(0.95 * r.report.step.seconds);
    expect(applied.report.warnings.some((w) => w.code === 'pipeline-bubble')).toBe(false);
  });
  it('carries the memory-fit advice; Apply sets a module list, and a later fix can remove it (null)', () => {
    // Qwen3-235B at 16k on the Megatron-Core ModelZoo layout with `selective` alone: out of memory
    const plan = {
      version: 1,
      name: 'qwen3-16k',
      model: 'qwen3-235b-a22b',
      training: { tokens: 4.194304e9, sequenceLength: 16384, globalBatchSize: 256, microBatchSize: 1 },
      cluster: { gpu: 'h100-sxm', gpus: 256, interNode: 'ib-ndr' },
      parallelism: { tensor: 4, pipeline: 8, virtualStages: 4, expert: 8, sequenceParallel: true, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective' },
      precision: 'bf16',
      assumptions: { framework: 'megatron-core' },
    } as PlanDocument;
    const r = runEstimate(plan);
    if (!r.ok) throw new Error('estimate failed');
    expect([...r.warnings, ...r.report.warnings]).toEqual(estimate(plan).warnings);
    const advice = r.report.warnings.find((w) => w.code === 'memory-fit')!;
    const applied = applyPlanChanges(plan, advice.fix!);
    expect(applied.parallelism.recomputeModules).toEqual(['layernorm', 'moe']);
    const after = runEstimate(applied);
    if (!after.ok) throw new Error('the applied fix does not estimate');
    expect(after.report.memory.fits).toBe(true);
    expect(after.report.warnings.some((w) => w.code === 'memory-fit')).toBe(false);
    expect(applyPlanChanges(applied, [{ path: 'parallelism.recomputeModules', value: null }]).parallelism).not.toHaveProperty('recomputeModules');
  });
  it('returns field errors (not a throw) that land on the input that caused them', () => {
    const doc = setAtPath(ds(), 'training.sequenceLength', 'abc');
    const r = runEstimate(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const placed = placeErrors(r.errors, formFieldPaths(doc));
    expect(Object.keys(placed.byField)).toContain('training.sequenceLength');
    expect(fieldId('training.sequenceLength')).toBe('f-training-sequenceLength');
  });
  it('a batch ramp from the form adds to the totals, and a start DualPipe cannot run lands on the ramp\'s start input', () => {
    const plain = runEstimate(ds());
    const ramped = runEstimate(setRampField(setRampField(ds(), 'startBatchSize', 4096), 'tokens', 469e9));
    if (!plain.ok || !ramped.ok) throw new Error('estimate failed');
    const ramp = ramped.report.details?.['batchRamp'] as { extraGpuHours: number };
    expect(ramp.extraGpuHours).toBeGreaterThan(0);
    expect(ramped.report.totals.gpuHours).toBeCloseTo(plain.report.totals.gpuHours + ramp.extraGpuHours, 3);
    const early = setRampField(setRampField(ds(), 'startBatchSize', 3072), 'tokens', 469e9);
    const r = runEstimate(early);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const placed = placeErrors(r.errors, formFieldPaths(early));
    expect(placed.unplaced).toEqual([]);
    expect(Object.keys(placed.byField)).toEqual(['training.batchRamp.startBatchSize']);
  });
  it('puts a non-dividing tensor degree on a parallelism input', () => {
    const r = runEstimate(setAtPath(ds(), 'parallelism.tensor', 3));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const placed = placeErrors(r.errors, formFieldPaths(ds()));
    expect(placed.unplaced).toEqual([]);
    expect(Object.keys(placed.byField).some((k) => k.startsWith('parallelism.') || k.startsWith('cluster.'))).toBe(true);
  });
});

describe('scalingSeries on the real engine', () => {
  it('scales DeepSeek-V3 by GPU count: more GPUs, more tokens per second', () => {
    const s = scalingSeries(ds(), (p) => estimateOrThrow(p));
    expect(s.points.length).toBeGreaterThanOrEqual(3);
    const gpus = s.points.map((p) => p.gpus);
    expect(gpus).toEqual([...gpus].sort((x, y) => x - y));
    for (let i = 1; i < s.points.length; i++) expect(s.points[i]!.tokensPerSecond).toBeGreaterThan(s.points[i - 1]!.tokensPerSecond);
    for (const k of s.skipped) expect(k.reason.length).toBeGreaterThan(0);
  });
});
