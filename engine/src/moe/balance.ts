/**
 * MoE load imbalance: max expert load / mean load, by balancing strategy, and a small deterministic simulator of
 * the auxiliary-loss-free bias update.
 *
 * Published measurements [Wang et al., "Auxiliary-Loss-Free Load Balancing Strategy for Mixture-of-Experts",
 * arXiv 2408.15664, Table 2; kernel-efficiency-facts.md §5.1]: MaxVio_global = (max load − mean)/mean is
 * 0.72 (1B) and 0.52 (3B) with the auxiliary loss (α = 0.001) and 0.04 for both sizes with the loss-free bias
 * update (u = 0.001). DeepSeek-V3 uses the loss-free update with γ = 0.001 [V3 §2.1.2, §4.2].
 *
 * From expert to GPU [derived]: expert loads are read as a spread around the mean — load_i = mean·(1 + σ·x_i) with
 * x_i iid standard normal — whose largest of E values is the published MaxVio, so σ = MaxVio / z(E), where z(n) is
 * the expected maximum of n standard normals. A GPU holding m = E/EP experts carries the sum of m loads, relative
 * spread σ/√m, and the busiest of the EP GPUs paces the whole group (every dispatch/combine waits for it):
 *   gpuImbalance = 1 + z(EP) · σ/√m = 1 + MaxVio · z(EP) / (z(E) · √(E/EP)).
 * Limits: one expert per GPU gives 1 + MaxVio (the hottest expert's GPU); EP = 1 gives 1 (the GPU holds every
 * expert). This replaces the earlier "hottest expert plus others exactly at the mean" (1 + MaxVio/m), which is the
 * least imbalanced arrangement consistent with the MaxVio and ignored that the other experts on the busiest GPU
 * are also spread — e.g. Qwen3-235B (E = 128, EP 8, aux loss): 1.04 → 1.10; DeepSeek-V3 (loss-free, EP 64): 1.01 → 1.02.
 * The factor scales the routed-expert GEMMs and the all-to-all volume of the busiest rank.
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

/** Standard normal CDF via erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const maxNormalCache = new Map<number, number>();

/**
 * Expected maximum of n iid standard normals, Blom's approximation Φ⁻¹((n − 0.375)/(n + 0.25)) (Blom 1958,
 * "Statistical Estimates and Transformed Beta-Variables"; within 5% of the exact values: n = 2 0.59 vs 0.56, n = 8 1.43 vs 1.42, n = 100 2.50 vs 2.51).
 * z(1) = 0. Φ⁻¹ by bisection on the CDF.
 */
export function expectedMaxNormal(n: number): number {
  if (n <= 1) return 0;
  const cached = maxNormalCache.get(n);
  if (cached !== undefined) return cached;
  const z = blom(n);
  if (maxNormalCache.size < 4096) maxNormalCache.set(n, z);
  return z;
}

function blom(n: number): number {
  const p = (n - 0.375) / (n + 0.25);
  let lo = 0;
  let hi = 8;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Imbalance factors for a strategy with `routedExperts` experts over `expertParallel` GPUs (see the header). */
export function moeBalance(strategy: Balancing, routedExperts: number, expertParallel: number): BalanceReport {
  const mv = maxVio(strategy);
  const E = Math.max(1, routedExperts);
  const ep = Math.max(1, Math.min(expertParallel, E));
  const perGpu = E / ep;
  const zE = expectedMaxNormal(E);
  const spread = zE > 0 ? (mv.value * expectedMaxNormal(ep)) / (zE * Math.sqrt(perGpu)) : 0;
  return {
    strategy,
    expertImbalance: 1 + mv.value,
    gpuImbalance: 1 + spread,
    source: `${mv.source}; per GPU: busiest of EP sums of E/EP normally spread expert loads`,
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
