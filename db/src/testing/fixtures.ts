/** Test fixtures: a team's own (fictional) profiles, complete in the engine's shapes. */
import type { GpuProfile, LinkProfile, ModelPreset } from '@flopcast/engine';

export function customGpu(id: string, overrides: Partial<GpuProfile> = {}): GpuProfile {
  return {
    id,
    vendor: 'nvidia',
    name: `Lab accelerator ${id}`,
    peakTflops: { bf16: 500, fp8: 1000 },
    memoryGiB: 96,
    hbmBandwidthGBs: 4000,
    sms: 120,
    scaleUpBandwidthGBs: 450,
    tdpWatts: 700,
    usdPerGpuHour: 2.5,
    priceSnapshotDate: '2026-01-01',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr' },
    efficiency: {
      gemmPeakFraction: { bf16: 0.7, fp8: 0.6 },
      gemmTile: { m: 128, n: 256 },
      gemmHalfEfficiencyDim: 256,
      attentionForwardFraction: 0.6,
      attentionBackwardFraction: 0.45,
      hbmFraction: 0.85,
      kernelOverheadUs: 5,
    },
    sources: { peakTflops: 'team lab measurement 2026-01 (fixture)', memoryGiB: 'vendor sheet (fixture)' },
    ...overrides,
  };
}

export function customLink(id: string, overrides: Partial<LinkProfile> = {}): LinkProfile {
  return {
    id,
    kind: 'scale-out',
    name: `Lab fabric ${id}`,
    bandwidthGBs: 50,
    latencyUs: 3,
    efficiency: 0.8,
    maxGpus: 0,
    sources: { bandwidthGBs: 'team lab measurement (fixture)' },
    ...overrides,
  };
}

export function customModel(id: string, overrides: Partial<ModelPreset> = {}): ModelPreset {
  return {
    id,
    name: `Lab model ${id}`,
    arch: {
      name: id,
      layers: 24,
      hiddenSize: 2048,
      vocabSize: 32000,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 16, kvHeads: 4, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 5632 },
      mtp: { depth: 0 },
    },
    sources: { arch: 'internal config (fixture)' },
    ...overrides,
  };
}

/** A small plan document (plan-format.md shape); the repository stores it opaquely. */
export function planDoc(tokens: number): Record<string, unknown> {
  return {
    version: 1,
    name: 'llama3-8b test',
    model: 'llama3-8b',
    training: { tokens, sequenceLength: 8192, globalBatchSize: 512, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus: 64 },
    parallelism: { tensor: 1, pipeline: 1, context: 1, data: 64, zero: 1, schedule: '1f1b', recompute: 'none' },
    precision: 'bf16',
  };
}
