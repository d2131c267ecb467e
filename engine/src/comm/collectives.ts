/**
 * Cluster topology and collective-communication costs.
 *
 * Topology: `gpusPerNode` GPUs on the intra-node link (per-GPU unidirectional bandwidth × achievable efficiency),
 * `nicsPerNode` NICs on the scale-out link shared by the node's GPUs. Process groups are laid out Megatron-style:
 * TP innermost, then CP, then DP/EP, PP outermost [Megatron-Core parallel_state, order "tp-cp-ep-dp-pp"], so a group
 * of n ranks at stride `stride` has min(n, gpusPerNode/stride) members per node.
 *
 * Costs use the NCCL bus-bandwidth convention [nccl-tests doc/PERFORMANCE.md]: all-reduce moves 2(n−1)/n·S per
 * rank, all-gather / reduce-scatter (n−1)/n·S with S the full gathered size. A group spanning nodes is
 * hierarchical: each GPU carries its share over NVLink and 1/a of the inter-node share over its NIC
 * (a = members per node), the two pipelined, so t = max(intra, inter) + latency; this reproduces NCCL's
 * multi-node all-reduce busbw ≈ node NIC bandwidth ("192 GB/s AllReduce BusBW" on 8×HDR, NVIDIA/nccl#1576).
 */
import type { LinkProfile } from '../catalog/types.js';

export interface Topology {
  gpusPerNode: number;
  nodes: number;
  /** Achievable per-GPU intra-node bandwidth, bytes/s (nominal × link efficiency). */
  intraBw: number;
  intraLatency: number;
  /** Achievable per-GPU scale-out bandwidth, bytes/s (NICs per node × NIC rate × efficiency / GPUs per node). */
  interBw: number;
  interLatency: number;
  /** Largest NVLink domain (GPUs). */
  intraDomain: number;
}

export function makeTopology(c: {
  gpus: number;
  gpusPerNode: number;
  nicsPerNode: number;
  intraNode: LinkProfile;
  interNode: LinkProfile;
}): Topology {
  const gpn = Math.max(1, Math.min(c.gpusPerNode, c.gpus));
  return {
    gpusPerNode: gpn,
    nodes: Math.ceil(c.gpus / gpn),
    intraBw: c.intraNode.bandwidthGBs * 1e9 * c.intraNode.efficiency,
    intraLatency: c.intraNode.latencyUs * 1e-6,
    interBw: (c.nicsPerNode * c.interNode.bandwidthGBs * 1e9 * c.interNode.efficiency) / gpn,
    interLatency: c.interNode.latencyUs * 1e-6,
    intraDomain: gpn,
  };
}

/** A process group: `size` ranks at `stride` apart in the global rank order. */
export interface Group {
  size: number;
  stride: number;
}

/** Members of the group per node (a) and nodes the group spans (b). */
export function placement(g: Group, topo: Topology): { perNode: number; nodes: number } {
  if (g.size <= 1) return { perNode: 1, nodes: 1 };
  const perNode = g.stride >= topo.gpusPerNode ? 1 : Math.max(1, Math.min(g.size, Math.floor(topo.gpusPerNode / g.stride)));
  return { perNode, nodes: Math.ceil(g.size / perNode) };
}

/**
 * Latency (alpha) of a collective, after NCCL's cost model [nccl src/graph/tuning.cc; KEF §4.4]: one base latency
 * (the link's `latencyUs`) plus per-hop latencies — NVLink ring hops at 1.9 µs (LL128) over the a members of a node,
 * and a tree across nodes (⌈log2 b⌉ network hops at the scale-out link's latency) — per phase.
 */
const NVLINK_HOP_S = 1.9e-6;
function latency(a: number, b: number, topo: Topology, twoPhase: boolean): number {
  const phases = twoPhase ? 2 : 1;
  const intra = (a - 1) * NVLINK_HOP_S;
  const inter = b > 1 ? Math.ceil(Math.log2(b)) * topo.interLatency : 0;
  return topo.intraLatency + phases * (intra + inter);
}

/**
 * Payload ramp of NCCL collectives: bus bandwidth at message size S is busbw_max · S/(S + S0), i.e. a collective
 * costs as if S0 more bytes were moved. Intra-node S0 = 16 MiB fits the all-reduce ramps in the 8-128 MiB range
 * that per-layer TP/SP collectives fall in: nccl-tests 8×A100 8 MiB 110 / 64 MiB 171.5 of 234.9 GB/s (S0 9-24 MiB),
 * Azure 8×H100 16 MiB 234.5 / 128 MiB 400.6 of 478.9 (S0 17-25 MiB), 8×H200 8 MiB 155.5 of 482.3 (S0 17 MiB)
 * [KEF §4.2].
 * Inter-node S0 = 90 MiB fits 4 nodes × 8 B200 over EFA (16 MiB 12.5%, 128 MiB 38%, 512 MiB 63%, 1 GiB 70% of the
 * NIC rate vs a 74% plateau; fits 58-123 MiB) [KEF §4.3]. [derived]
 */
const RAMP_INTRA_BYTES = 16 * 2 ** 20;
const RAMP_INTER_BYTES = 90 * 2 ** 20;

/** Seconds of a collective that moves `factor`·S per rank (factor = 2(n−1)/n all-reduce, (n−1)/n AG/RS). */
function collective(bytes: number, g: Group, topo: Topology, twoPhase: boolean): number {
  const n = g.size;
  if (n <= 1 || bytes <= 0) return 0;
  const { perNode: a, nodes: b } = placement(g, topo);
  const k = twoPhase ? 2 : 1;
  const intra = a > 1 ? (k * (n - 1) * (bytes + RAMP_INTRA_BYTES)) / n / topo.intraBw : 0;
  const inter = b > 1 ? (k * (b - 1) * (bytes + RAMP_INTER_BYTES)) / b / a / topo.interBw : 0;
  return Math.max(intra, inter) + latency(a, b, topo, twoPhase);
}

/** All-reduce of an S-byte buffer per rank (ring / hierarchical; NCCL busbw factor 2(n−1)/n). */
export function allReduceSeconds(bytes: number, g: Group, topo: Topology): number {
  return collective(bytes, g, topo, true);
}

/** All-gather producing S bytes per rank (each rank contributes S/n). */
export function allGatherSeconds(totalBytes: number, g: Group, topo: Topology): number {
  return collective(totalBytes, g, topo, false);
}

/** Reduce-scatter of an S-byte buffer per rank (each rank keeps S/n). */
export function reduceScatterSeconds(totalBytes: number, g: Group, topo: Topology): number {
  return collective(totalBytes, g, topo, false);
}

/**
 * Ring exchange of `blockBytes` per step over a group of n ranks: n − 1 steps, each rank sending its current block to
 * the next and receiving one from the previous (send/recv pairs, not a collective, so no NCCL collective ramp). This is
 * context parallelism's KV ring [Liu et al., Ring Attention, arXiv 2310.01889 §3; Megatron-Core `cp_comm_type` "p2p",
 * Transformer Engine AttnFuncWithCPAndKVP2P]. The ranks step in lockstep, so when the group spans nodes every step
 * waits for a hop over the NIC; all GPUs of a node send at once, so each gets its per-GPU NIC share. [derived]
 */
export function ringExchangeSeconds(blockBytes: number, g: Group, topo: Topology): number {
  if (g.size <= 1 || blockBytes <= 0) return 0;
  return (g.size - 1) * p2pSeconds(blockBytes, placement(g, topo).nodes > 1, topo);
}

/** Point-to-point transfer of `bytes` between adjacent pipeline ranks (`crossNode`: over the NIC). */
export function p2pSeconds(bytes: number, crossNode: boolean, topo: Topology): number {
  if (bytes <= 0) return 0;
  return crossNode ? bytes / topo.interBw + topo.interLatency : bytes / topo.intraBw + topo.intraLatency;
}
