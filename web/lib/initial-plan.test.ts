import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { initialPlan } from './initial-plan';
import { encodePlanParam } from './plan-doc';

describe('initialPlan', () => {
  it('opens the DeepSeek-V3 published run for ?preset=deepseek-v3 and cites it', () => {
    const r = initialPlan({ preset: 'deepseek-v3' }, BUILTIN_CATALOG);
    expect(r.doc.model).toBe('deepseek-v3');
    expect(r.doc.parallelism.schedule).toBe('dualpipe');
    expect(r.note).toMatch(/2412\.19437/);
  });
  it('gives a starter plan for a preset without a listed run, saying so', () => {
    const id = Object.keys(BUILTIN_CATALOG.models).find((m) => m.startsWith('mixtral'))!;
    const r = initialPlan({ preset: id }, BUILTIN_CATALOG);
    expect(r.doc.model).toBe(id);
    expect(r.note).toMatch(/starter plan/);
  });
  it('opens a plan from ?plan=', () => {
    const plan = { version: 1, name: 'linked', model: 'llama3-8b' };
    expect(initialPlan({ plan: encodePlanParam(plan) }, BUILTIN_CATALOG).doc).toEqual(plan);
  });
  it('falls back with a reason on a bad ?plan= or unknown preset', () => {
    expect(initialPlan({ plan: '!!' }, BUILTIN_CATALOG).note).toMatch(/could not be read/);
    expect(initialPlan({ preset: 'nope' }, BUILTIN_CATALOG).note).toMatch(/Unknown preset/);
  });
  it('treats ids that name Object.prototype members as unknown presets (no server error)', () => {
    for (const preset of ['constructor', '__proto__', 'toString']) {
      expect(initialPlan({ preset }, BUILTIN_CATALOG).note, preset).toMatch(/Unknown preset/);
    }
  });
});
