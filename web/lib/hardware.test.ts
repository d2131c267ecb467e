import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from './accuracy';
import { loadHardwareChecks } from './hardware';

const root = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)))!;

describe('accuracy page: the layer model against layers timed on real hardware', () => {
  it('recomputes every committed layer measurement with this engine, each within 12%', () => {
    const hw = loadHardwareChecks(root)!;
    expect(hw.device).toBe('NVIDIA H200');
    expect(hw.software).toContain('cuDNN 9.19');
    // 9 dense layers, 2 torchtitan-style eager, 1 FP8, 2 MoE
    expect(hw.rows).toHaveLength(14);
    for (const r of hw.rows) {
      expect(Number.isFinite(r.modelMs) && r.modelMs > 0, r.layer).toBe(true);
      expect(Math.abs(r.errorPct), `${r.layer} ${r.how}`).toBeLessThan(12);
    }
  });

  it('is absent, not an error, where the repository has no measurements', () => {
    expect(loadHardwareChecks(path.join(root, 'no-such-folder'))).toBeUndefined();
  });
});
