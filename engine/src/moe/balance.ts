/**
 * MoE load imbalance: max expert load / mean load, by balancing strategy, and a small deterministic simulator of
 * the auxiliary-loss-free bias update.
 *
 * Published measurements [Wang et al., "Auxiliary-Loss-Free Load Balancing Strategy for Mixture-of-Experts",
 * arXiv 2408.15664, Table 2; kernel-efficiency-facts.md §5.1]: MaxVio_global = (max load − mean)/mean is
 * 0.72 (1B) and 0.52 (3B) with the auxiliary loss (α = 0.001) and 0.04 for both sizes with the loss-free bias
 * update (u = 0.001). DeepSeek-V3 uses the loss-free update with γ = 0.001 [V3 §2.1.2, §4.2].
 *
 * From expert to GPU: the busiest EP rank holds the hottest expert plus E/EP − 1 others; with the others at the
 * mean its load is 1 + MaxVio/(E/EP) of the mean [derived]. That factor scales the routed-expert GEMMs and the
 * all-to-all volume of the busiest rank, which paces the whole EP group.
 */
import type { Balancing } from '../plan/types.js';

export interface BalanceReport {
  strategy: Balancing;
  /** max/mean tokens per expert. */
  expertImbalance: number;
  /** max/mean tokens per EP rank (what the time model uses). */
  gpuImbalance: number;
  source: string;
}

const ALF = 'Wang et al. arXiv 2408.15664 Table 2 (MaxVio_global)';

/** MaxVio per strategy: aux-loss = mean of the 1B (0.72) and 3B (0.52) models; loss-free 0.04 (both). */
function maxVio(strategy: Balancing): { value: number; source: string } {
  switch (strategy) {
    case 'aux-loss-free':
      return { value: 0.04, source: `${ALF}: loss-free MaxVio 0.04 (1B and 3B)` };
    case 'aux-loss':
      return { value: (0.72 + 0.52) / 2, source: `${ALF}: loss-controlled MaxVio 0.72 (1B) / 0.52 (3B), mean 0.62` };
    case 'none':
      return {
        value: unbalancedMaxVio(),
        source: 'flopcast simulation (moe/balance.ts simulateBiasBalancing, γ = 0) of skewed router scores; no published measurement',
      };
  }
}

/** Imbalance factors for a strategy with `routedExperts` experts over `expertParallel` GPUs. */
export function moeBalance(strategy: Balancing, routedExperts: number, expertParallel: number): BalanceReport {
  const mv = maxVio(strategy);
  const perGpu = Math.max(1, routedExperts / Math.max(1, expertParallel));
  return {
    strategy,
    expertImbalance: 1 + mv.value,
    gpuImbalance: 1 + mv.value / perGpu,
    source: mv.source,
  };
}

/** Deterministic PRNG (mulberry32): no Math.random, same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box-Muller). */
function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export interface BiasSimulationOptions {
  experts: number;
  topK: number;
  tokensPerStep: number;
  steps: number;
  /** Bias update speed γ (u in the ALF paper); 0 = no balancing. */
  gamma: number;
  /** Std of the per-expert affinity skew (logit offset) of the router; larger = more skewed. */
  skew: number;
  seed: number;
}

export interface BiasSimulationResult {
  /** MaxVio of each step's batch (max load − mean)/mean. */
  maxVio: number[];
  /** Final biases. */
  bias: number[];
}

/**
 * Aux-loss-free balancing [V3 §2.1.2 eq. 16; ALF Algorithm 1]: expert i's score for token t is
 * s_{t,i} = sigmoid(z_{t,i} + c_i), with c_i a fixed per-expert skew and z ~ N(0, 1) per token; the top-k experts by
 * s_{t,i} + b_i receive the token; after each step b_i ← b_i + γ·sign(mean load − load_i).
 * The skewed scores stand in for a router that prefers some experts. Deterministic for a seed.
 */
export function simulateBiasBalancing(o: BiasSimulationOptions): BiasSimulationResult {
  const rand = mulberry32(o.seed);
  const E = o.experts;
  const skew = new Float64Array(E);
  for (let i = 0; i < E; i++) skew[i] = o.skew * normal(rand);
  const bias = new Float64Array(E);
  const load = new Float64Array(E);
  const score = new Float64Array(E);
  const chosen = new Uint8Array(E);
  const mean = (o.tokensPerStep * o.topK) / E;
  const out: number[] = [];
  for (let step = 0; step < o.steps; step++) {
    load.fill(0);
    for (let t = 0; t < o.tokensPerStep; t++) {
      for (let i = 0; i < E; i++) score[i] = 1 / (1 + Math.exp(-(skew[i]! + normal(rand)))) + bias[i]!;
      chosen.fill(0);
      for (let j = 0; j < o.topK; j++) {
        let best = -1;
        for (let i = 0; i < E; i++) if (!chosen[i] && (best < 0 || score[i]! > score[best]!)) best = i;
        chosen[best] = 1;
        load[best] = load[best]! + 1;
      }
    }
    let max = 0;
    for (let i = 0; i < E; i++) if (load[i]! > max) max = load[i]!;
    out.push((max - mean) / mean);
    for (let i = 0; i < E; i++) bias[i] = bias[i]! + o.gamma * Math.sign(mean - load[i]!);
  }
  return { maxVio: out, bias: Array.from(bias) };
}

/** Reference setting of the simulator: 64 experts, top-6, as the ALF paper's DeepSeekMoE models. */
export const REFERENCE_SIMULATION: Omit<BiasSimulationOptions, 'gamma' | 'steps'> = {
  experts: 64,
  topK: 6,
  tokensPerStep: 512,
  skew: 0.5,
  seed: 2408_15664,
};

let cachedUnbalanced: number | undefined;

/** MaxVio of the reference router without any balancing (γ = 0), averaged over a few batches. */
export function unbalancedMaxVio(): number {
  if (cachedUnbalanced === undefined) {
    const r = simulateBiasBalancing({ ...REFERENCE_SIMULATION, gamma: 0, steps: 4 });
    cachedUnbalanced = r.maxVio.reduce((a, x) => a + x, 0) / r.maxVio.length;
  }
  return cachedUnbalanced;
}
