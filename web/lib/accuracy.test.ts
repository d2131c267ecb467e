import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findRepoRoot, loadAccuracy } from './accuracy';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('loadAccuracy (the /accuracy page)', () => {
  it('finds the repository from web/ or the root, and nothing from an unrelated folder', () => {
    const root = path.resolve(web, '..');
    expect(findRepoRoot(web)).toBe(root);
    expect(findRepoRoot(root)).toBe(root);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'flopcast-acc-'));
    try {
      expect(findRepoRoot(elsewhere)).toBeUndefined();
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('runs every held-out set with the statistics the engine tests hold them to', () => {
    const { sets } = loadAccuracy({ cwd: web });
    const byId = Object.fromEntries(sets.map((s) => [s.id, s]));
    expect(byId['megatron-bridge']?.rows).toHaveLength(18);
    expect(byId['megatron-bridge-26.04']?.rows).toHaveLength(24);
    expect(byId['megatron-bridge-26.06']?.rows).toHaveLength(15);
    expect(byId['torchtitan']?.rows).toHaveLength(15);
    expect(byId['mosaicml']?.rows).toHaveLength(99);
    expect(byId['megatron-core']?.rows).toHaveLength(9);
    expect(byId['megatron-moe-modelzoo']?.rows).toHaveLength(4);
    expect(byId['nemotron']?.rows).toHaveLength(3);
    expect(byId['nemo']?.rows).toHaveLength(12);
    // the engine tests' bars: median within 10%, the NeMo 24.07 and Megatron-Bridge 26.06 tables within 15%
    // (engine/test/validation.test.ts)
    for (const s of sets) {
      expect(s.medianAbsErrorPct, s.id).toBeLessThanOrEqual(s.id === 'nemo' || s.id === 'megatron-bridge-26.06' ? 15 : 10);
      expect(s.within25, s.id).toBe(s.rows.filter((r) => Math.abs(r.errorPct) <= 25).length);
      for (const r of s.rows) expect(Number.isFinite(r.predicted) && r.predicted > 0, r.id).toBe(true);
    }
  });

  it('reads the listed calibration cases as their sources ran them, beside the as-defined rows', () => {
    const { readings, sets } = loadAccuracy({ cwd: web });
    // no shared folder on this machine: nothing to read (CI has one, and must not skip)
    if (!sets.some((s) => s.id === 'calibration') && !process.env.CI) return;
    // every reading in the repository's file is shown (engine/test/calibration.test.ts pins which cases it reads)
    const file = path.join(findRepoRoot(web)!, 'engine', 'validation', 'calibration-readings.json');
    const listed = (JSON.parse(readFileSync(file, 'utf8')) as { readings: Array<{ case: string }> }).readings.map((r) => r.case);
    expect(readings?.map((r) => r.id).sort()).toEqual(listed.sort());
    for (const r of readings!) {
      // engine/test/calibration.test.ts holds every reading within 25% (READING_GAPS is empty at engine 0.7.2)
      expect(Math.abs(r.asSource.errorPct), r.id).toBeLessThanOrEqual(25);
      expect(r.asDefined.id).toBe(r.id);
      expect(r.because.length, r.id).toBeGreaterThan(20);
    }
    const longctx = readings!.find((r) => r.id.endsWith('longctx-65536'))!;
    expect(longctx.how).toContain('read as throughput.modelTflopsPerGpuCausal');
    expect(Math.abs(longctx.asSource.errorPct)).toBeLessThan(Math.abs(longctx.asDefined.errorPct));
  });

  it('lists a missing calibration folder instead of failing the page', () => {
    const { sets, missing } = loadAccuracy({ cwd: web, sharedDir: path.join(tmpdir(), 'no-such-shared-folder') });
    expect(sets.some((s) => s.id === 'calibration')).toBe(false);
    expect(missing).toEqual([path.join(tmpdir(), 'no-such-shared-folder', 'calibration')]);
    expect(sets.length).toBe(9); // the held-out sets, which live in the repository
  });
});
