/**
 * Expert-parallel (EP) all-to-all, modelled the DeepSeek way [DeepSeek-V3 §3.2.2; DeepEP]:
 * a token bound for experts on another node crosses the scale-out network ONCE per target node (to the GPU with
 * the same in-node index) and is then forwarded over NVLink to the GPUs hosting its experts; the IB and NVLink
 * legs are pipelined by different warps, so the time is the larger of the two.
 *
 * Target nodes per token. With node-limited routing (`nodeLimit` M > 0) a token's top-k experts lie in at most
 * min(M, N) nodes; without, anywhere among the N nodes of the EP group. For k experts spread uniformly over the
 * q allowed nodes the expected number of distinct nodes hit is q·(1 − (1 − 1/q)^k) [derived: 1 − (1 − 1/q)^k is
 * the probability a given node receives none of k independent picks]; by symmetry a fraction (N−1)/N of them are
 * remote. Distinct GPUs hit follow the same formula over the q·a GPUs of those nodes. Bytes per token copy:
 * dispatch h × `recipe.bytes.dispatch` (FP8 + 1×128 scales for DeepSeek's recipe), combine h × `recipe.bytes.combine`
 * (BF16) [V3 §3.3.3]. The backward pass moves the same volumes (output gradients dispatched in FP8, input
 * gradients combined in BF16). The busiest receiver sets the pace: volumes are scaled by the GPU imbalance.
 *
 * Megatron-Core's NCCL all-to-all dispatcher (`dispatcher: 'alltoall'`) deduplicates nothing: each of a token's k
 * (token, expert) rows goes to its expert's GPU, so with experts spread uniformly a token sends k·(N−1)/N rows over the
 * scale-out link and k·(a−1)/(a·N) over NVLink to the other GPUs of its own node [derived: a row lands in the token's
 * node with probability 1/N (the node-limited q nodes by symmetry include it as often), on another GPU there with
 * (a−1)/a]. At top-8 over 8 GPUs of one node that is 7 rows per token where DeepEP sends 4.6.
 */
import { placement, type Topology } from './collectives.js';

export interface ExpertCommInput {
  /** Tokens per GPU entering the MoE layer per micro-batch. */
  tokens: number;
  hidden: number;
  topK: number;
  routedExperts: number;
  /** EP group size and the stride of its ranks (expertTensor). */
  expert: number;
  stride: number;
  /** 0 = unlimited. */
  nodeLimit: number;
  dispatchBytesPerElement: number;
  combineBytesPerElement: number;
  /** Busiest GPU's load over the mean. */
  imbalance: number;
  /** `deepep` (default): one copy per target node / GPU; `alltoall`: one per (token, expert) pair. */
  dispatcher?: 'deepep' | 'alltoall';
}

export interface ExpertCommCost {
  /** Seconds per micro-batch per MoE layer, forward; backward is the same. */
  dispatchSeconds: number;
  combineSeconds: number;
  /** Bytes one GPU sends per micro-batch per MoE layer in forward (IB + NVLink legs). */
  dispatchBytes: number;
  combineBytes: number;
  /** Expected distinct nodes / remote nodes / GPUs a token is sent to. */
  targetNodes: number;
  remoteNodes: number;
  targetGpus: number;
  /** Which leg bounds the time. */
  bottleneck: 'scale-out' | 'intra-node';
}

/** Expected number of distinct bins hit by k uniform picks among q bins: q(1 − (1 − 1/q)^k). */
export function expectedDistinct(q: number, k: number): number {
  if (q <= 1) return Math.min(1, k);
  return q * (1 - Math.pow(1 - 1 / q, k));
}

export function expertCommCost(x: ExpertCommInput, topo: Topology): ExpertCommCost {
  const { perNode: a, nodes: N } = placement({ size: x.expert, stride: x.stride }, topo);
  if (x.expert <= 1 || x.tokens <= 0) {
    return { dispatchSeconds: 0, combineSeconds: 0, dispatchBytes: 0, combineBytes: 0, targetNodes: 1, remoteNodes: 0, targetGpus: 1, bottleneck: 'intra-node' };
  }
  const k = Math.min(x.topK, x.routedExperts);
  const q = x.nodeLimit > 0 ? Math.min(x.nodeLimit, N) : N;
  const targetNodes = expectedDistinct(q, k);
  const remoteNodes = (targetNodes * (N - 1)) / N;
  const targetGpus = expectedDistinct(q * a, k);
  const perRow = x.dispatcher === 'alltoall';
  // NVLink copies: every target GPU except the one the token lands on in each node (1 of a in expectation); with the
  // all-to-all dispatcher, the rows bound for other GPUs of the token's own node
  const nvlinkCopies = perRow ? (k * (a - 1)) / (a * N) : (targetGpus * (a - 1)) / a;
  const ibCopies = perRow ? (k * (N - 1)) / N : remoteNodes;
  const leg = (bytesPerElement: number) => {
    const perToken = x.hidden * bytesPerElement;
    const ib = ibCopies * perToken * x.tokens * x.imbalance;
    const nvl = nvlinkCopies * perToken * x.tokens * x.imbalance;
    const tIb = N > 1 ? ib / topo.interBw + topo.interLatency : 0;
    const tNvl = a > 1 ? nvl / topo.intraBw + topo.intraLatency : 0;
    return { seconds: Math.max(tIb, tNvl), bytes: ib + nvl, ibBound: tIb >= tNvl };
  };
  const d = leg(x.dispatchBytesPerElement);
  const c = leg(x.combineBytesPerElement);
  return {
    dispatchSeconds: d.seconds,
    combineSeconds: c.seconds,
    dispatchBytes: d.bytes,
    combineBytes: c.bytes,
    targetNodes,
    remoteNodes,
    targetGpus,
    bottleneck: d.ibBound ? 'scale-out' : 'intra-node',
  };
}
