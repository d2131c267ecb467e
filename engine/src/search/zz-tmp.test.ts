import { it } from 'vitest';
import { search, searchExhaustive } from './search.js';
it('smoke', () => {
  const spec = { version: 1, model: 'llama3-8b', training: { tokens: 1e12, sequenceLength: 4096, globalBatchSize: 256 },
    candidates: [{ gpu: 'h100-sxm', maxGpus: 64 }] };
  let t0 = performance.now();
  const r = search(spec, { now: () => performance.now() });
  console.log('pruned', performance.now() - t0, JSON.stringify(r.stats), r.frontier.length);
  for (const e of r.frontier) console.log(JSON.stringify(e.summary), JSON.stringify(e.plan.parallelism), e.plan.precision, JSON.stringify(e.plan.training));
  t0 = performance.now();
  const x = searchExhaustive(spec);
  console.log('exh', performance.now() - t0, JSON.stringify(x.stats), x.frontier.length);
  console.log(JSON.stringify(x.frontier.map(e=>e.summary)) === JSON.stringify(r.frontier.map(e=>e.summary)));
});
