import { describe, expect, it } from 'vitest';
import { BUILTIN_LINKS } from '../catalog/index.js';
import { allGatherSeconds, allReduceSeconds, makeTopology, p2pSeconds, placement, ringExchangeSeconds } from './collectives.js';
import { expectedDistinct, expertCommCost } from './expert.js';

const h100Node = (gpus: number) =>
  makeTopology({ gpus, gpusPerNode: 8, nicsPerNode: 8, intraNode: BUILTIN_LINKS['nvswitch-h100']!, interNode: BUILTIN_LINKS['ib-ndr']! });
const h800 = makeTopology({ gpus: 2048, gpusPerNode: 8, nicsPerNode: 8, intraNode: BUILTIN_LINKS['nvswitch-h800']!, interNode: BUILTIN_LINKS['ib-ndr']! });

describe('collectives (NCCL bus-bandwidth conventions)', () => {
  it('8-GPU H100 all-reduce of 1 GiB runs near the measured ring busbw (~370 GB/s, nccl-tests#212)', () => {
    const S = 2 ** 30;
    const t = allReduceSeconds(S, { size: 8, stride: 1 }, h100Node(8));
    const busbw = (S * 2 * 7) / 8 / t / 1e9;
    expect(busbw).toBeGreaterThan(330);
    expect(busbw).toBeLessThan(380);
  });

  it('small messages see the NCCL payload ramp: 16 MiB reaches about half the large-message busbw', () => {
    const topo = h100Node(8);
    const bus = (S: number) => (S * 2 * 7) / 8 / allReduceSeconds(S, { size: 8, stride: 1 }, topo);
    const r = bus(16 * 2 ** 20) / bus(2 ** 32);
    expect(r).toBeGreaterThan(0.33);
    expect(r).toBeLessThan(0.6);
  });

  it('a group spanning nodes is bound by the NICs: busbw ≈ node NIC bandwidth for a rail-aligned ring', () => {
    const topo = h100Node(64);
    const S = 2 ** 32;
    const t = allReduceSeconds(S, { size: 64, stride: 1 }, topo);
    const busbw = (S * 2 * 63) / 64 / t / 1e9;
    expect(busbw).toBeGreaterThan(300); // 8 NICs × 50 GB/s × efficiency, minus the ramp
    expect(busbw).toBeLessThan(400);
  });

  it('places groups Megatron-style: stride ≥ GPUs per node → one member per node', () => {
    expect(placement({ size: 16, stride: 8 }, h100Node(128))).toEqual({ perNode: 1, nodes: 16 });
    expect(placement({ size: 8, stride: 1 }, h100Node(128))).toEqual({ perNode: 8, nodes: 1 });
    expect(placement({ size: 8, stride: 2 }, h100Node(128))).toEqual({ perNode: 4, nodes: 2 });
  });

  it('all-gather of the same bytes costs about half an all-reduce', () => {
    const topo = h100Node(8);
    const S = 2 ** 31;
    const r = allGatherSeconds(S, { size: 8, stride: 1 }, topo) / allReduceSeconds(S, { size: 8, stride: 1 }, topo);
    expect(r).toBeGreaterThan(0.45);
    expect(r).toBeLessThan(0.55);
  });

  it('p2p across nodes uses one GPU\'s NIC share; within a node NVLink', () => {
    const topo = h100Node(16);
    expect(p2pSeconds(1e8, true, topo)).toBeGreaterThan(p2pSeconds(1e8, false, topo));
  });
});

describe('context-parallel KV ring (send/recv steps, not a collective)', () => {
  it('takes CP − 1 steps of one block each, over the NIC when the CP group spans nodes', () => {
    const topo = h100Node(64);
    const block = 4 * 2 ** 20;
    // TP8 × CP2: CP peers 8 ranks apart, one per node
    expect(ringExchangeSeconds(block, { size: 2, stride: 8 }, topo)).toBeCloseTo(p2pSeconds(block, true, topo), 12);
    // TP4 × CP2: both CP ranks in one node, NVLink
    expect(ringExchangeSeconds(block, { size: 2, stride: 4 }, topo)).toBeCloseTo(p2pSeconds(block, false, topo), 12);
    expect(ringExchangeSeconds(block, { size: 16, stride: 8 }, h100Node(1024))).toBeCloseTo(15 * p2pSeconds(block, true, topo), 12);
    expect(ringExchangeSeconds(block, { size: 1, stride: 8 }, topo)).toBe(0);
  });

  it('a small KV block crosses the NIC at link speed: no collective payload ramp (a 4 MiB all-gather over two nodes costs far more)', () => {
    const topo = h100Node(64);
    const block = 4 * 2 ** 20;
    const ring = ringExchangeSeconds(block, { size: 2, stride: 8 }, topo);
    expect(ring).toBeLessThan(2 * (block / topo.interBw + topo.interLatency));
    expect(allGatherSeconds(2 * block, { size: 2, stride: 8 }, topo)).toBeGreaterThan(5 * ring);
  });
});

describe('expert-parallel all-to-all, the DeepSeek way', () => {
  const v3 = {
    tokens: 4096,
    hidden: 7168,
    topK: 8,
    routedExperts: 256,
    expert: 64,
    stride: 1,
    nodeLimit: 4,
    dispatchBytesPerElement: 1 + 4 / 128,
    combineBytesPerElement: 2,
    imbalance: 1,
  };

  it('expected distinct nodes of k uniform picks: q(1 − (1 − 1/q)^k)', () => {
    expect(expectedDistinct(8, 8)).toBeCloseTo(8 * (1 - (7 / 8) ** 8), 12);
    expect(expectedDistinct(1, 8)).toBe(1);
  });

  it('node-limited routing (M=4 of 8 nodes) sends each token over IB to ~3.15 remote nodes', () => {
    const c = expertCommCost(v3, h800);
    expect(c.targetNodes).toBeCloseTo(3.6, 1);
    expect(c.remoteNodes).toBeCloseTo((3.6 * 7) / 8, 1);
    expect(c.bottleneck).toBe('scale-out');
  });

  it('without a node limit IB traffic grows with the expected 5.25 of 8 nodes', () => {
    const limited = expertCommCost(v3, h800);
    const free = expertCommCost({ ...v3, nodeLimit: 0 }, h800);
    expect(free.dispatchSeconds / limited.dispatchSeconds).toBeGreaterThan(1.3);
    expect(free.remoteNodes).toBeCloseTo((8 * (1 - (7 / 8) ** 8) * 7) / 8, 6);
  });

  it('FP8 dispatch moves about half the bytes of BF16; combine stays BF16', () => {
    const fp8 = expertCommCost(v3, h800);
    const bf16 = expertCommCost({ ...v3, dispatchBytesPerElement: 2 }, h800);
    expect(fp8.dispatchBytes / bf16.dispatchBytes).toBeCloseTo((1 + 4 / 128) / 2, 6);
    expect(fp8.combineBytes).toBeCloseTo(bf16.combineBytes, 6);
  });

  it('V3 per-layer forward dispatch at ~50 GB/s of IB per GPU takes ~2 ms (DeepEP EP64: 51 GB/s)', () => {
    const c = expertCommCost(v3, h800);
    const ibBytes = c.remoteNodes * 7168 * (1 + 4 / 128) * 4096;
    expect(ibBytes / c.dispatchSeconds / 1e9).toBeGreaterThan(40);
    expect(ibBytes / c.dispatchSeconds / 1e9).toBeLessThan(52);
  });

  it('an imbalanced receiver slows the exchange proportionally', () => {
    const a = expertCommCost(v3, h800);
    const b = expertCommCost({ ...v3, imbalance: 1.5 }, h800);
    expect(b.combineSeconds / a.combineSeconds).toBeGreaterThan(1.45);
  });

  it('intra-node EP uses NVLink only', () => {
    const c = expertCommCost({ ...v3, expert: 8, nodeLimit: 0 }, h800);
    expect(c.remoteNodes).toBe(0);
    expect(c.bottleneck).toBe('intra-node');
  });
  it("Megatron-Core's all-to-all dispatcher sends one row per (token, expert): 7 of top-8 over 8 GPUs where DeepEP sends 4.6", () => {
    const perGpu = 4096 * 7168 * 2; // BF16 bytes of one copy of every token
    const node = { ...v3, expert: 8, nodeLimit: 0, dispatchBytesPerElement: 2 };
    const deepep = expertCommCost(node, h800);
    const a2a = expertCommCost({ ...node, dispatcher: 'alltoall' }, h800);
    expect(deepep.dispatchBytes / perGpu).toBeCloseTo(expectedDistinct(8, 8) * (7 / 8), 9);
    expect(a2a.dispatchBytes / perGpu).toBeCloseTo(8 * (7 / 8), 9);
    expect(a2a.dispatchSeconds).toBeGreaterThan(deepep.dispatchSeconds * 1.4);
  });

  it('across nodes the all-to-all dispatcher sends every remote row over the NIC: no per-node deduplication, no node limit benefit', () => {
    const perGpu = 4096 * 7168 * 2;
    const cross = { ...v3, dispatchBytesPerElement: 2 };
    const a2a = expertCommCost({ ...cross, dispatcher: 'alltoall' }, h800);
    const a2aFree = expertCommCost({ ...cross, nodeLimit: 0, dispatcher: 'alltoall' }, h800);
    const deepep = expertCommCost(cross, h800);
    // EP64 over 8 nodes: k(N−1)/N = 7 rows over IB and k/N·(a−1)/a = 0.875 over NVLink per token
    expect(a2a.dispatchBytes / perGpu).toBeCloseTo(7 + 0.875, 9);
    expect(a2aFree.dispatchBytes).toBe(a2a.dispatchBytes);
    expect(a2a.bottleneck).toBe('scale-out');
    expect(a2a.dispatchSeconds).toBeGreaterThan(2 * deepep.dispatchSeconds);
  });
});
