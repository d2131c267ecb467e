import { describe, expect, it } from 'vitest';
import { fieldId, normalisePath, placeErrors } from './field-errors';

const fields = ['model', 'training.tokens', 'cluster.gpus', 'parallelism.tensor', 'parallelism.pipeline'];
const err = (path: string) => ({ path, code: 'invalid', message: `bad ${path}` });

describe('placeErrors', () => {
  it('puts an error on the input with the same path', () => {
    const r = placeErrors([err('parallelism.tensor')], fields);
    expect(r.byField['parallelism.tensor']?.[0]?.message).toBe('bad parallelism.tensor');
    expect(r.unplaced).toEqual([]);
  });
  it('falls back to the closest enclosing input for deeper paths', () => {
    const r = placeErrors([err('model.attention.heads')], fields);
    expect(Object.keys(r.byField)).toEqual(['model']);
  });
  it('puts a group error on the first input of the group', () => {
    const r = placeErrors([err('parallelism')], fields);
    expect(Object.keys(r.byField)).toEqual(['parallelism.tensor']);
  });
  it('keeps errors no input edits in the unplaced list', () => {
    const r = placeErrors([err('assumptions.goodput'), err('')], fields);
    expect(r.unplaced.map((e) => e.path)).toEqual(['assumptions.goodput', '']);
  });
  it('accepts JSON-pointer and bracket paths', () => {
    expect(normalisePath('/parallelism/tensor')).toBe('parallelism.tensor');
    expect(normalisePath('plans[1].cluster')).toBe('plans.1.cluster');
    const r = placeErrors([err('/cluster/gpus')], fields);
    expect(r.byField['cluster.gpus']).toHaveLength(1);
  });
});

describe('fieldId', () => {
  it('makes a DOM-safe id from a dotted path', () => {
    expect(fieldId('parallelism.tensor')).toBe('f-parallelism-tensor');
  });
});
