import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG, RESERVED_GIB } from './index.js';

const GPU_IDS = ['a100-sxm-40gb', 'a100-sxm-80gb', 'h100-sxm', 'h800-sxm', 'h200-sxm', 'b200', 'gb200', 'b300', 'gb300', 'mi300x', 'mi325x'];
/** Beyond plan-format.md's ids: the hardware of published runs the validation sets use (torchtitan's Grand Teton H100s). */
const EXTRA_GPU_IDS = ['h100-hbm2e-96gb'];
const INTRA = ['nvswitch-a100', 'nvswitch-h100', 'nvswitch-h800', 'nvswitch-b200', 'nvl72-gb200', 'xgmi-mi300'];
const SCALE_OUT: Record<string, number> = { 'ib-hdr': 200, 'ib-ndr': 400, 'ib-xdr': 800, 'roce-400': 400 };
const MODELS = ['deepseek-v3', 'deepseek-v2', 'deepseek-v2-lite', 'llama3-8b', 'llama3-70b', 'llama3-405b', 'mixtral-8x7b', 'mixtral-8x22b', 'qwen3-235b-a22b', 'gpt3-175b'];

describe('built-in catalog', () => {
  it('has every id plan-format.md requires (and the listed extras, nothing else)', () => {
    expect(Object.keys(BUILTIN_CATALOG.gpus).sort()).toEqual([...GPU_IDS, ...EXTRA_GPU_IDS].sort());
    for (const id of INTRA) expect(BUILTIN_CATALOG.links[id]?.kind).toBe('intra-node');
    for (const id of Object.keys(SCALE_OUT)) expect(BUILTIN_CATALOG.links[id]?.kind).toBe('scale-out');
    expect(Object.keys(BUILTIN_CATALOG.models).sort()).toEqual([...MODELS].sort());
  });

  it('scale-out links carry the per-NIC line rate in GB/s (Gb/s / 8)', () => {
    for (const [id, gbits] of Object.entries(SCALE_OUT)) expect(BUILTIN_CATALOG.links[id]?.bandwidthGBs).toBe(gbits / 8);
  });

  it('no source text is an unfilled template (a "${" left in it)', () => {
    for (const g of Object.values(BUILTIN_CATALOG.gpus)) for (const [k, v] of Object.entries(g.sources)) expect(v, `${g.id} ${k}`).not.toContain('${');
    for (const l of Object.values(BUILTIN_CATALOG.links)) for (const [k, v] of Object.entries(l.sources)) expect(String(v), `${l.id} ${k}`).not.toContain('${');
  });

  it('every GPU number has a source, and efficiency is attached from gpu-efficiency.ts', () => {
    for (const g of Object.values(BUILTIN_CATALOG.gpus)) {
      for (const f of ['peakTflops', 'memoryGiB', 'hbmBandwidthGBs', 'sms', 'scaleUpBandwidthGBs', 'tdpWatts', 'usdPerGpuHour']) {
        expect(g.sources[f], `${g.id}.${f}`).toMatch(/.{12,}/);
      }
      expect(g.efficiency.gemmPeakFraction.bf16).toBeGreaterThan(0.3);
      expect(Object.keys(g.sources).some((k) => k.startsWith('efficiency.'))).toBe(true);
      expect(BUILTIN_CATALOG.links[g.defaults.intraNode]?.kind).toBe('intra-node');
      expect(BUILTIN_CATALOG.links[g.defaults.interNode]?.kind).toBe('scale-out');
      expect(g.priceSnapshotDate).toMatch(/^20\d\d-\d\d/);
    }
  });

  it('every link has sources for bandwidth and efficiency, and efficiency is a fraction', () => {
    for (const l of Object.values(BUILTIN_CATALOG.links)) {
      expect(l.sources.bandwidthGBs).toBeTruthy();
      expect(l.sources.efficiency).toBeTruthy();
      expect(l.efficiency).toBeGreaterThan(0.5);
      expect(l.efficiency).toBeLessThanOrEqual(1);
    }
  });

  it('H800 usable memory is the profiler trace totalGlobalMem (84,943,110,144 B)', () => {
    expect(BUILTIN_CATALOG.gpus['h800-sxm']?.memoryGiB).toBeCloseTo(84_943_110_144 / 2 ** 30, 2);
    expect(RESERVED_GIB).toBeCloseTo(0.89, 2);
    // the same reserve rule gives ~79.1 GiB for every 80 GB part
    expect(BUILTIN_CATALOG.gpus['h100-sxm']?.memoryGiB).toBeCloseTo(79.11, 1);
    expect(BUILTIN_CATALOG.gpus['a100-sxm-80gb']?.memoryGiB).toBeCloseTo(79.11, 1);
  });

  it('H800 NVLink efficiency reproduces DeepSeek-V3 §3.2.2 160 GB/s and NDR reproduces 46-48 GB/s', () => {
    const nv = BUILTIN_CATALOG.links['nvswitch-h800']!;
    expect(nv.bandwidthGBs * nv.efficiency).toBeCloseTo(160, 0);
    const ndr = BUILTIN_CATALOG.links['ib-ndr']!;
    expect(ndr.bandwidthGBs * ndr.efficiency).toBeGreaterThanOrEqual(46);
    expect(ndr.bandwidthGBs * ndr.efficiency).toBeLessThanOrEqual(48);
  });

  it('A100 has no FP8 peak; Hopper FP8 is 2x BF16; Blackwell has FP4', () => {
    expect(BUILTIN_CATALOG.gpus['a100-sxm-80gb']?.peakTflops.fp8).toBeUndefined();
    expect(BUILTIN_CATALOG.gpus['h100-sxm']?.peakTflops.fp8).toBe(1979);
  });
});
