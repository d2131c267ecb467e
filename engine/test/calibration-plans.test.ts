/**
 * Every published-run plan in ../shared/calibration validates and yields finite parameter, FLOP and memory figures.
 * The shared folder is found via FLOPCAST_SHARED_DIR or beside the repository root (../../../shared from here).
 * Missing folder: the test fails under CI (process.env.CI) and is skipped with a printed reason otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countParams, flopsPerToken, memoryReport, validatePlan } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.FLOPCAST_SHARED_DIR ?? path.resolve(here, '../../../shared');
const calDir = path.join(sharedDir, 'calibration');
const present = fs.existsSync(calDir);
const files = present ? fs.readdirSync(calDir).filter((f) => f.endsWith('.plan.json')).sort() : [];

if (!present) {
  const reason = `calibration plans not found at ${calDir} (set FLOPCAST_SHARED_DIR)`;
  if (process.env.CI) {
    it('calibration plans are present', () => {
      throw new Error(reason);
    });
  } else {
    console.warn(`skipping calibration-plans tests: ${reason}`);
    it.skip(`calibration plans (${reason})`, () => {});
  }
} else {
  describe('calibration plans', () => {
    it('there are at least 50 of them', () => {
      expect(files.length).toBeGreaterThanOrEqual(50);
    });
    it.each(files)('%s validates and yields finite params, FLOPs and memory', (file) => {
      const doc = JSON.parse(fs.readFileSync(path.join(calDir, file), 'utf8'));
      const r = validatePlan(doc);
      if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
      const p = r.plan;
      const params = countParams(p.model);
      expect(params.total).toBeGreaterThan(1e8);
      expect(Number.isFinite(params.active) && params.active > 0).toBe(true);
      const f = flopsPerToken(p.model, { sequenceLength: p.training.sequenceLength, recompute: p.parallelism.recompute });
      for (const v of [f.forward, f.training, f.hardware]) expect(Number.isFinite(v) && v > 0).toBe(true);
      expect(f.hardware).toBeGreaterThanOrEqual(f.training);
      const mem = memoryReport(p);
      expect(mem.stages).toHaveLength(p.parallelism.pipeline);
      for (const s of mem.stages) for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
      expect(mem.peakGiB).toBeGreaterThan(0);
    });
  });
}
