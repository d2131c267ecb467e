// Estimates per second for the DeepSeek-V3 paper plan (PP16 DualPipe, 120 micro-batches), including the pipeline
// simulation, on one core. Run after `npm run build -w @flopcast/engine`. Last line: estimatesPerSecond=<n>.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { estimate, validatePlan, estimateResolved } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.FLOPCAST_SHARED_DIR ?? path.resolve(here, '../../../shared');
const casePath = path.join(shared, 'calibration/deepseek-v3-pretrain.plan.json');
const plan = existsSync(casePath)
  ? JSON.parse(readFileSync(casePath, 'utf8'))
  : {
      version: 1,
      name: 'deepseek-v3 paper plan',
      model: 'deepseek-v3',
      training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 },
      cluster: { gpu: 'h800-sxm', gpus: 2048, gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr', nicsPerNode: 8 },
      parallelism: { tensor: 1, pipeline: 16, context: 1, expert: 64, data: 128, zero: 1, schedule: 'dualpipe', recompute: 'selective' },
      precision: 'fp8',
      moe: { balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' },
    };

function rate(fn, seconds) {
  // warm up, then count calls in a fixed wall-clock window
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now - start < limit) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

const report = estimate(plan);
console.log(`plan: ${plan.name}; step ${report.step.seconds.toFixed(2)} s; GPU-hours ${(report.totals.gpuHours / 1e6).toFixed(3)}M; bubble ${(report.pipeline.bubbleFraction * 100).toFixed(1)}%`);
const v = validatePlan(plan);
if (!v.ok) throw new Error('plan does not validate');
const resolvedRate = rate(() => estimateResolved(v.plan), 2);
console.log(`estimateResolved (pre-validated plan): ${resolvedRate.toFixed(0)}/s`);
// five 1-second windows, reported by their median: one window on a shared 2-core machine swings ±30% with neighbours
const windows = Array.from({ length: 5 }, () => rate(() => estimate(plan), 1)).sort((a, b) => a - b);
console.log(`estimate (full, from the plan document): windows ${windows.map((x) => x.toFixed(0)).join(' / ')} per second`);
console.log(`estimatesPerSecond=${Math.round(windows[2])}`);
