// Capacity-search benchmark (issue 8): the reference search — DeepSeek-V3, 14.8T tokens, H800 and H100 up to
// 4096 GPUs each, every precision, schedule, ZeRO stage, recompute mode and micro-batch size — on one core, plus
// candidate plans considered per second. Run after `npm run build -w @flopcast/engine`.
//   node bench/search.bench.mjs [--runs N] [--workers N]
// --workers N also runs the same search split over N worker threads with searchPartition + mergeSearchResults
// (the pattern the CLI uses) and checks that the merged frontier equals the single-thread one.
// Last line: searchReferenceSeconds=<s> candidatesPerSecond=<n>.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { estimate, mergeSearchResults, search, searchPartition } from '../dist/index.js';

export const REFERENCE_SPEC = {
  version: 1,
  name: 'deepseek-v3 reference search',
  model: 'deepseek-v3',
  training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360 },
  candidates: [
    { gpu: 'h800-sxm', maxGpus: 4096 },
    { gpu: 'h100-sxm', maxGpus: 4096 },
  ],
  // DeepSeek-V3's routing choices are part of the model being trained, not of the plan search (V3 §2.1.2, §4.2).
  fixed: { moe: { balancing: 'aux-loss-free', nodeLimit: 4 } },
};

/** The paper's own configuration (DeepSeek-V3 §3.2, §3.3; shared/calibration/deepseek-v3-pretrain.plan.json). */
const PAPER_PLAN = {
  version: 1,
  name: 'deepseek-v3 paper configuration',
  model: 'deepseek-v3',
  training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, microBatchSize: 1 },
  cluster: { gpu: 'h800-sxm', gpus: 2048, gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr', nicsPerNode: 8 },
  parallelism: { tensor: 1, pipeline: 16, context: 1, expert: 64, expertTensor: 1, zero: 1, schedule: 'dualpipe', recompute: 'selective' },
  precision: 'fp8',
  moe: { balancing: 'aux-loss-free', nodeLimit: 4, dispatchPrecision: 'fp8' },
};

if (!isMainThread) {
  const { index, count } = workerData;
  parentPort.postMessage(searchPartition(REFERENCE_SPEC, index, count));
} else {
  const args = process.argv.slice(2);
  const flag = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const runs = flag('--runs', 3);
  const workers = flag('--workers', 0);
  const now = () => performance.now();

  const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    result = search(REFERENCE_SPEC, { now });
    times.push((now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const seconds = times[Math.floor(times.length / 2)];
  const s = result.stats;
  console.log(`reference search (${runs} runs, median): ${seconds.toFixed(3)} s  [runs: ${times.map((t) => t.toFixed(3)).join(', ')}]`);
  console.log(`  candidate plans in the space: ${fmt(s.generated)}`);
  for (const [rule, n] of Object.entries(s.pruned)) console.log(`  pruned by ${rule.padEnd(16)} ${fmt(n).padStart(14)}`);
  console.log(`  fully estimated:             ${fmt(s.evaluated).padStart(14)}  (feasible ${fmt(s.feasible)})`);
  console.log(`  candidates considered per second: ${fmt(s.generated / seconds)}   full estimates per second: ${fmt(s.evaluated / seconds)}`);
  console.log(`  handled one by one (node tuples checked + plans bounded individually): ${fmt(s.examined)} = ${fmt(s.examined / seconds)} per second`);
  console.log(`frontier (${result.frontier.length} plans, cheapest first):`);
  for (const e of result.frontier) {
    const p = e.plan.parallelism;
    console.log(
      `  ${String(e.summary.gpus).padStart(5)} × ${e.summary.gpu.padEnd(9)} ${String(e.plan.precision).padEnd(14)} $${fmt(e.summary.costUsd / 1e6, 3)}M ${fmt(e.summary.wallClockDays, 1).padStart(6)} d  ` +
        `TP${p.tensor} PP${p.pipeline} EP${p.expert} CP${p.context} DP${p.data} ZeRO-${p.zero} ${p.schedule}${p.schedule === 'interleaved-1f1b' ? `×${p.virtualStages}` : ''} ${p.recompute} mbs${e.plan.training.microBatchSize}  ` +
        `MFU ${(e.summary.mfu * 100).toFixed(1)}%  peak ${e.summary.peakGiB.toFixed(1)} GiB`,
    );
  }

  // The paper's configuration against the frontier.
  const paper = estimate(PAPER_PLAN);
  const pc = paper.totals.costUsd;
  const pd = paper.totals.wallClockDays;
  const dominating = result.frontier.filter((e) => e.summary.costUsd <= pc && e.summary.wallClockDays <= pd);
  // smallest uniform factor that puts the paper point onto the frontier: min over frontier points of max(cost ratio, days ratio)
  let gap = Infinity;
  for (const e of result.frontier) gap = Math.min(gap, Math.max(pc / e.summary.costUsd, pd / e.summary.wallClockDays));
  console.log(
    `paper configuration (2048 H800, PP16 DualPipe, EP64, TP1, ZeRO-1, fp8): $${fmt(pc / 1e6, 3)}M, ${fmt(pd, 1)} d, peak ${paper.memory.peakGiB.toFixed(1)} GiB; ` +
      (dominating.length === 0 ? 'on the frontier' : `${dominating.length} frontier plan(s) no worse on both axes; within ${((gap - 1) * 100).toFixed(1)}% of the frontier`),
  );

  if (workers > 1) {
    const here = fileURLToPath(import.meta.url);
    const t0 = now();
    const parts = await Promise.all(
      Array.from({ length: workers }, (_, index) => new Promise((resolve, reject) => {
        const w = new Worker(here, { workerData: { index, count: workers } });
        w.once('message', resolve);
        w.once('error', reject);
      })),
    );
    const merged = mergeSearchResults(parts);
    const wall = (now() - t0) / 1000;
    const same = JSON.stringify(merged.frontier) === JSON.stringify(result.frontier);
    console.log(`${workers} worker threads: ${wall.toFixed(3)} s wall (incl. worker start-up), merged frontier ${same ? 'identical' : 'DIFFERS'}`);
    if (!same) process.exitCode = 1;
  }
  console.log(`searchReferenceSeconds=${seconds.toFixed(3)} candidatesPerSecond=${Math.round(s.generated / seconds)}`);
}
