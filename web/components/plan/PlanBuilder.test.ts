import { describe, expect, it } from 'vitest';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { ApiProvider } from '@/components/ApiProvider';
import { runEstimate } from '@/lib/engine';
import { initialPlan } from '@/lib/initial-plan';
import { encodePlanParam } from '@/lib/plan-doc';
import { PlanBuilder } from './PlanBuilder';

describe('PlanBuilder server render', () => {
  it('renders a linked plan that lacks sections or has a bad model (the engine names the fields; no server error)', () => {
    for (const linked of [{}, { version: 1, model: 'llama3-8b' }, { model: null, training: 3 }, { model: 'constructor' }]) {
      const { doc, note } = initialPlan({ plan: encodePlanParam(linked) }, BUILTIN_CATALOG);
      const builder = h(PlanBuilder, { initialDoc: doc, initialOutcome: runEstimate(doc), note });
      const page = h(ApiProvider, { base: 'http://127.0.0.1:1', children: builder });
      expect(renderToString(page), JSON.stringify(linked)).toContain('Opened from a link.');
    }
  });
});
