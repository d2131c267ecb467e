import { describe, expect, it } from 'vitest';
import { PlanParseError } from './errors.js';
import { parsePlanText } from './parse.js';

describe('parsePlanText', () => {
  it('parses JSON and YAML to the same object, including 14.8e12-style numbers', () => {
    const json = parsePlanText('{"version":1,"training":{"tokens":14.8e12}}');
    const yaml = parsePlanText('version: 1\ntraining:\n  tokens: 14.8e12\n');
    expect(yaml).toEqual(json);
    expect((yaml as { training: { tokens: number } }).training.tokens).toBe(14.8e12);
  });
  it('reports the line and column of a JSON syntax error', () => {
    try {
      parsePlanText('{\n  "version": 1,\n  "name": }\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanParseError);
      const err = e as PlanParseError;
      expect(err.line).toBe(3);
      expect(err.message).toMatch(/line 3, column \d+/);
    }
  });
  it('reports the line and column of a YAML syntax error', () => {
    try {
      parsePlanText('version: 1\ntraining:\n  tokens: [1, 2\nname: x\n', 'yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanParseError);
      expect((e as PlanParseError).line).toBeGreaterThanOrEqual(3);
      expect((e as Error).message).toMatch(/YAML parse error at line \d+, column \d+/);
    }
  });
  it('rejects duplicate YAML keys and empty text', () => {
    expect(() => parsePlanText('a: 1\na: 2\n')).toThrow(PlanParseError);
    expect(() => parsePlanText('   ')).toThrow(/empty/);
  });
});
