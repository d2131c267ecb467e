import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import { chunkCounts, chunkFirstLayer, chunkLayers, layerSplit, rankChunks, splitWeights } from './layout.js';
import { inFlightMicroBatches } from './schedule.js';

describe('inFlightMicroBatches', () => {
  it('gpipe holds every micro-batch; 1F1B and ZB1P hold PP − stage (capped by the micro-batch count)', () => {
    expect(inFlightMicroBatches('gpipe', 8, 3, 1, 64)).toBe(64);
    expect(inFlightMicroBatches('1f1b', 8, 0, 1, 64)).toBe(8);
    expect(inFlightMicroBatches('1f1b', 8, 7, 1, 64)).toBe(1);
    expect(inFlightMicroBatches('zb1p', 8, 2, 1, 64)).toBe(6);
    expect(inFlightMicroBatches('1f1b', 8, 0, 1, 3)).toBe(3);
  });
  it('interleaved rank 0 holds p(1 + (p−1)/(pm)) micro-batches of its layers (Korthikanti §4.2.3)', () => {
    for (const [p, v] of [[8, 3], [16, 2], [35, 3]] as const) {
      const chunks = inFlightMicroBatches('interleaved-1f1b', p, 0, v, 1000);
      expect(chunks / v).toBeCloseTo(p * (1 + (p - 1) / (p * v)), 12);
    }
  });
  it('DualPipe holds PP + 1 stage activations vs 1F1B\'s PP (DeepSeek-V3 Table 2); DualPipeV 2·ranks + 1', () => {
    expect(inFlightMicroBatches('dualpipe', 16, 0, 2, 120)).toBe(17);
    expect(inFlightMicroBatches('dualpipe', 16, 9, 2, 120)).toBe(17);
    expect(inFlightMicroBatches('1f1b', 16, 0, 1, 120)).toBe(16);
    expect(inFlightMicroBatches('dualpipev', 4, 0, 2, 10)).toBe(9);
  });
});

describe('layer layout over pipeline chunks', () => {
  it('61 layers over 16 stages: 13 stages of 4, the three at the ends of 3; starts are consistent', () => {
    const sizes = Array.from({ length: 16 }, (_, c) => chunkLayers(61, 16, c));
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(61);
    expect(sizes[0]).toBe(3);
    expect(sizes[15]).toBe(3);
    expect(sizes[1]).toBe(3);
    expect(sizes.filter((n) => n === 4)).toHaveLength(13);
    let first = 0;
    for (let c = 0; c < 16; c++) {
      expect(chunkFirstLayer(61, 16, c)).toBe(first);
      first += sizes[c]!;
    }
  });
  it('Llama 3: 126 layers over 32 chunks drop one layer from the first and the last (arXiv 2407.21783 §3.3.2)', () => {
    const sizes = Array.from({ length: 32 }, (_, c) => chunkLayers(126, 32, c));
    expect(sizes[0]).toBe(3);
    expect(sizes[31]).toBe(3);
    expect(sizes.slice(1, 31).every((n) => n === 4)).toBe(true);
  });
  it('chunk placement: interleaved round-robin, dualpipe mirrored stages, dualpipev V-shape', () => {
    expect(rankChunks('interleaved-1f1b', 4, 3, 1)).toEqual([1, 5, 9]);
    expect(rankChunks('dualpipe', 8, 2, 0)).toEqual([0, 7]);
    expect(rankChunks('dualpipev', 4, 2, 0)).toEqual([0, 7]);
    expect(chunkCounts('dualpipe', 8, 5)).toEqual({ chunks: 8, perRank: 2 });
    expect(chunkCounts('dualpipev', 8, 5)).toEqual({ chunks: 16, perRank: 2 });
  });
  it('balanced split, DeepSeek-V3 under DualPipe PP16: the head + MTP chunk gets 1 layer so rank 0 (stages 0 and 15) is within one layer of the rest', () => {
    const v3 = BUILTIN_CATALOG.models['deepseek-v3']!.arch;
    const w = splitWeights(v3, 4096);
    expect(w.last).toBeGreaterThan(3); // head ≈ 1.2 layers + MTP module ≈ 2.7 layers
    const sp = layerSplit(v3, 4096, 'dualpipe', 16, 2, 'balanced');
    const even = layerSplit(v3, 4096, 'dualpipe', 16, 2);
    expect(even.sizes[15]).toBe(3);
    expect(sp.sizes.reduce((a, b) => a + b, 0)).toBe(61);
    expect(sp.sizes[15]).toBe(1);
    expect(Math.max(...sp.rankWork) - Math.min(...sp.rankWork)).toBeLessThan(1);
    const naive = 3 + 3 + w.last; // old split: stages 0 and 15 with 3 layers each
    expect(Math.max(...sp.rankWork)).toBeLessThan(naive - 0.9);
  });
  it('Llama 3 405B interleaved PP16 v2 keeps the paper split in both modes: one layer fewer on the first and the last chunk', () => {
    const l3 = BUILTIN_CATALOG.models['llama3-405b']!.arch;
    for (const mode of ['even', 'balanced'] as const) {
    const sp = layerSplit(l3, 8192, 'interleaved-1f1b', 16, 2, mode);
    expect(sp.sizes[0]).toBe(3);
    expect(sp.sizes[31]).toBe(3);
    expect(sp.sizes.slice(1, 31).every((n) => n === 4)).toBe(true);
    }
  });
});
