import { describe, expect, it } from 'vitest';
import { SearchSpecError, parseSearchSpec } from './spec.js';

const minimal = {
  version: 1,
  model: 'llama3-8b',
  training: { tokens: 1e12, sequenceLength: 4096, globalBatchSize: 512 },
  candidates: [{ gpu: 'h100-sxm', maxGpus: 64 }],
};

function errorsOf(input: unknown): Array<{ path: string; code: string }> {
  try {
    parseSearchSpec(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SearchSpecError);
    return (e as SearchSpecError).errors.map(({ path, code }) => ({ path, code }));
  }
  throw new Error('expected a SearchSpecError');
}

describe('parseSearchSpec', () => {
  it('accepts a minimal spec and fills the optional sections with empty objects', () => {
    const s = parseSearchSpec(minimal);
    expect(s.fixed).toEqual({});
    expect(s.space).toEqual({});
    expect(s.constraints).toEqual({});
    expect(s.limits).toEqual({});
    expect(s.candidates[0]?.maxGpus).toBe(64);
  });

  it('accepts a batch list, a batch range, pinned fields and constraints', () => {
    const s = parseSearchSpec({
      ...minimal,
      model: { name: 'inline', layers: 2 },
      training: { tokens: 1e9, sequenceLength: 2048, globalBatchSize: { min: 256, max: 1024 } },
      fixed: { precision: 'fp8', parallelism: { schedule: 'dualpipe', zero: 1 }, moe: { nodeLimit: 4 } },
      constraints: { deadlineDays: 30, budgetUsd: 1e6, memoryHeadroomPct: 10, schedules: ['1f1b', 'dualpipe'] },
      limits: { maxEvaluations: 100 },
    });
    expect(s.training.globalBatchSize).toEqual({ min: 256, max: 1024 });
    expect(s.fixed.parallelism?.schedule).toBe('dualpipe');
    expect(parseSearchSpec({ ...minimal, training: { ...minimal.training, globalBatchSize: [256, 512] } }).training.globalBatchSize).toEqual([256, 512]);
  });

  it('names the bad field for wrong types, unknown keys and out-of-range values', () => {
    expect(errorsOf({ ...minimal, version: 2 })).toEqual([expect.objectContaining({ path: 'version' })]);
    expect(errorsOf({ ...minimal, candidates: [{ gpu: 'h100-sxm', maxGpus: 0 }] })).toEqual([
      expect.objectContaining({ path: 'candidates.0.maxGpus' }),
    ]);
    expect(errorsOf({ ...minimal, fixed: { parallelism: { tensr: 2 } } })).toEqual([
      expect.objectContaining({ path: 'fixed.parallelism', code: 'unrecognized_keys' }),
    ]);
    expect(errorsOf({ ...minimal, fixed: { parallelism: { schedule: 'pipedream' } } })[0]?.path).toBe('fixed.parallelism.schedule');
    expect(errorsOf({ ...minimal, training: { ...minimal.training, tokens: Number.NaN } })[0]?.path).toBe('training.tokens');
    expect(errorsOf({ ...minimal, constraints: { memoryHeadroomPct: 120 } })[0]?.path).toBe('constraints.memoryHeadroomPct');
    expect(errorsOf({ ...minimal, candidates: [] })[0]?.path).toBe('candidates');
  });

  it('rejects an inverted batch range and minGpus above maxGpus', () => {
    expect(errorsOf({ ...minimal, training: { ...minimal.training, globalBatchSize: { min: 1024, max: 256 } } })[0]?.path).toBe(
      'training.globalBatchSize.min',
    );
    expect(errorsOf({ ...minimal, candidates: [{ gpu: 'h100-sxm', maxGpus: 8, minGpus: 16 }] })).toEqual([
      expect.objectContaining({ path: 'candidates.0.minGpus' }),
    ]);
  });

  it('reports every bad field at once', () => {
    const errs = errorsOf({ version: 1, model: 3, training: { tokens: -1, sequenceLength: 4096, globalBatchSize: 8 }, candidates: [{ gpu: '' , maxGpus: 8 }] });
    expect(errs.map((e) => e.path).sort()).toEqual(['candidates.0.gpu', 'model', 'training.tokens']);
  });
});
