import { describe, expect, it } from 'vitest';
import { assertFinite, NonFiniteNumberError, stringifyFinite } from './json.js';
import { PROBLEM_CODES, problemBody, toJsonPointer } from './problem.js';

describe('JSON pointers', () => {
  it('converts dotted and bracketed paths, escapes ~ and /, and keeps pointers', () => {
    expect(toJsonPointer('parallelism.tensor', '/plan')).toBe('/plan/parallelism/tensor');
    expect(toJsonPointer('memory.stages[2].totalGiB')).toBe('/memory/stages/2/totalGiB');
    expect(toJsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(toJsonPointer('/already/pointer', '/plan')).toBe('/plan/already/pointer');
    expect(toJsonPointer('', '/plan')).toBe('/plan');
    expect(toJsonPointer('')).toBe('');
  });
});

describe('problem bodies', () => {
  it('carry type, title, status, detail and code from the closed set', () => {
    const p = problemBody('invalid_plan', 'bad', { errors: [{ path: '/plan/x', code: 'c', message: 'm' }], requestId: 'r' });
    expect(p).toEqual({
      type: 'https://flopcast.dev/problems/invalid_plan',
      title: 'Invalid plan',
      status: 422,
      detail: 'bad',
      code: 'invalid_plan',
      requestId: 'r',
      errors: [{ path: '/plan/x', code: 'c', message: 'm' }],
    });
    for (const [code, d] of Object.entries(PROBLEM_CODES)) {
      expect(d.status >= 400 && d.status < 600, code).toBe(true);
    }
  });
});

describe('non-finite guard', () => {
  it('passes finite values and names the pointer of a non-finite one', () => {
    expect(stringifyFinite({ a: [1, 2.5, -0], b: null, c: 'NaN' })).toBe('{"a":[1,2.5,0],"b":null,"c":"NaN"}');
    expect(() => assertFinite({ a: [1, { b: Infinity }] })).toThrow(NonFiniteNumberError);
    try {
      assertFinite({ totals: { 'cost/usd': Number.NaN } });
    } catch (e) {
      expect((e as NonFiniteNumberError).path).toBe('/totals/cost~1usd');
    }
    expect(() => assertFinite({ when: new Date(0) })).not.toThrow();
  });
});
