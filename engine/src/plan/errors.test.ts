import { describe, expect, it } from 'vitest';
import { PlanParseError, PlanValidationError } from './errors.js';

describe('plan errors', () => {
  it('PlanValidationError lists every field error in its message and keeps them', () => {
    const errs = [
      { path: 'parallelism.tensor', code: 'not_divisor', message: '3 must divide model.attention.heads (128); try 1, 2, 4 or 8' },
      { path: 'cluster.gpu', code: 'unknown_id', message: 'unknown GPU "x"' },
    ];
    const e = new PlanValidationError(errs);
    expect(e).toBeInstanceOf(Error);
    expect(e.errors).toBe(errs);
    expect(e.message).toContain('parallelism.tensor: 3 must divide model.attention.heads (128); try 1, 2, 4 or 8');
    expect(e.message).toContain('cluster.gpu: unknown GPU "x"');
    expect(new PlanValidationError([errs[0]!]).message).toBe('invalid plan: parallelism.tensor: 3 must divide model.attention.heads (128); try 1, 2, 4 or 8');
  });
  it('PlanParseError says format, line and column', () => {
    const e = new PlanParseError('unexpected token', 'yaml', 3, 7);
    expect(e.message).toBe('YAML parse error at line 3, column 7: unexpected token');
    expect(e.line).toBe(3);
  });
});
