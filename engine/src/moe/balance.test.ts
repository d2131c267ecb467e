import { describe, expect, it } from 'vitest';
import { expectedMaxNormal, moeBalance, mulberry32, REFERENCE_SIMULATION, simulateBiasBalancing, unbalancedMaxVio } from './balance.js';

describe('MoE balance factors from published MaxVio (ALF arXiv 2408.15664 Table 2)', () => {
  it('aux-loss-free uses MaxVio 0.04, aux-loss the 0.52-0.72 mean, and says which source', () => {
    const free = moeBalance('aux-loss-free', 256, 64);
    const aux = moeBalance('aux-loss', 256, 64);
    expect(free.expertImbalance).toBeCloseTo(1.04, 9);
    expect(aux.expertImbalance).toBeCloseTo(1.62, 9);
    expect(free.source).toMatch(/2408\.15664/);
  });
  it('the busiest EP rank is the largest of EP sums of E/EP spread expert loads: 1 + MaxVio·z(EP)/(z(E)·√(E/EP))', () => {
    // one expert per GPU: the hottest expert's GPU; all experts on one GPU: no imbalance
    expect(moeBalance('aux-loss', 256, 256).gpuImbalance).toBeCloseTo(1.62, 6);
    expect(moeBalance('aux-loss', 256, 1).gpuImbalance).toBe(1);
    const r = moeBalance('aux-loss', 256, 64).gpuImbalance;
    expect(r).toBeCloseTo(1 + (0.62 * expectedMaxNormal(64)) / (expectedMaxNormal(256) * 2), 9);
    // more than "hottest expert + others at the mean" (1 + MaxVio/(E/EP)), less than the hottest expert alone
    expect(r).toBeGreaterThan(1 + 0.62 / 4);
    expect(r).toBeLessThan(1.62);
    // more experts per GPU average the spread out
    expect(moeBalance('aux-loss', 128, 8).gpuImbalance).toBeLessThan(moeBalance('aux-loss', 128, 32).gpuImbalance);
  });
  it('expected maximum of n standard normals matches the exact order-statistic values within 5% (Blom)', () => {
    // exact E[max] of n iid N(0,1): n=2 0.5642, 8 1.4236, 100 2.5076 (Harter 1961 tables)
    expect(expectedMaxNormal(1)).toBe(0);
    expect(Math.abs(expectedMaxNormal(2) / 0.5642 - 1)).toBeLessThan(0.05);
    expect(Math.abs(expectedMaxNormal(8) / 1.4236 - 1)).toBeLessThan(0.05);
    expect(Math.abs(expectedMaxNormal(100) / 2.5076 - 1)).toBeLessThan(0.05);
  });
  it('no balancing is worse than an auxiliary loss (simulated, no published figure)', () => {
    expect(moeBalance('none', 64, 8).expertImbalance).toBeGreaterThan(moeBalance('aux-loss', 64, 8).expertImbalance);
    expect(unbalancedMaxVio()).toBe(unbalancedMaxVio());
  });
});

describe('aux-loss-free bias update simulator (sign-based, γ = 0.001, V3 §2.1.2)', () => {
  const run = (gamma: number, steps = 300) => simulateBiasBalancing({ ...REFERENCE_SIMULATION, gamma, steps });

  it('is deterministic for a seed (seeded PRNG, no Math.random)', () => {
    expect(run(0.001, 20).maxVio).toEqual(run(0.001, 20).maxVio);
    const a = mulberry32(7);
    const b = mulberry32(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('drives MaxVio of skewed router scores down over the steps; without updates it stays high', () => {
    const balanced = run(0.001);
    const none = run(0);
    const first = balanced.maxVio.slice(0, 10).reduce((x, y) => x + y) / 10;
    const last = balanced.maxVio.slice(-20).reduce((x, y) => x + y) / 20;
    const noneLast = none.maxVio.slice(-20).reduce((x, y) => x + y) / 20;
    console.log(`MaxVio: first 10 steps ${first.toFixed(3)}, last 20 steps ${last.toFixed(3)} (γ=0: ${noneLast.toFixed(3)})`);
    expect(last).toBeLessThan(0.5 * first);
    expect(noneLast).toBeGreaterThan(2 * last);
  });

  it('biases move against the load: overloaded experts end with lower bias', () => {
    const r = run(0.001);
    const spread = Math.max(...r.bias) - Math.min(...r.bias);
    expect(spread).toBeGreaterThan(0.01);
  });
});
