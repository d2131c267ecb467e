/** `flopcast calibrate` on the shared calibration set, through the real binary. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_DIR, runCli } from './run-cli.js';

// Same default as the CLI: $FLOPCAST_SHARED_DIR/calibration, else <repo>/../shared/calibration.
const calibrationDir = process.env.FLOPCAST_SHARED_DIR
  ? path.join(process.env.FLOPCAST_SHARED_DIR, 'calibration')
  : path.resolve(CLI_DIR, '..', '..', 'shared', 'calibration');
const caseCount = readdirSync(calibrationDir).filter((f) => f.endsWith('.plan.json')).length;

describe('flopcast calibrate', () => {
  it('runs every case of the default folder and reports the error statistics as JSON', async () => {
    const r = await runCli(['calibrate', '--format', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.version).toBe(1);
    expect(body.rows).toHaveLength(caseCount);
    for (const row of body.rows) {
      expect(Number.isFinite(row.published)).toBe(true);
      expect(Number.isFinite(row.predicted)).toBe(true);
      expect(row.errorPct).toBeCloseTo(((row.predicted - row.published) / row.published) * 100, 6);
    }
    const abs = body.rows.map((x: { errorPct: number }) => Math.abs(x.errorPct));
    expect(body.maxAbsErrorPct).toBeCloseTo(Math.max(...abs), 6);
  });

  it('prints a table with case, metric, published, predicted, error and the summary line', async () => {
    const r = await runCli(['calibrate', calibrationDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Case\s+Metric\s+Published\s+Predicted\s+Error/);
    expect(r.stdout).toMatch(/^deepseek-v3-pretrain\s+totals\.gpuHours\s+2,664,000\s+[\d,]+\s+[+-]\d+\.\d%$/m);
    expect(r.stdout).toMatch(new RegExp(`${caseCount} cases · median \\|error\\| \\d+\\.\\d% · max \\|error\\| \\d+\\.\\d%`));
  });

  it('exits 2 for a folder that does not exist', async () => {
    const r = await runCli(['calibrate', 'no-such-folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('calibration folder');
  });
});
