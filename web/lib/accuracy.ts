/**
 * The engine against published training runs, for the /accuracy page: the calibration cases
 * (`../shared/calibration`, or `$FLOPCAST_SHARED_DIR/calibration`) and the held-out validation sets committed in
 * `engine/validation/`. Read from disk on the server, once per server process (the engine and the case files do not
 * change while it runs); the numbers are the same `runCalibration` that `flopcast calibrate` and the engine's tests run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeCaseReading, parseCaseReadings, readCaseAsSource, runCalibration, type CalibrationRow } from '@flopcast/engine';
import { loadHardwareChecks, type HardwareChecks } from './hardware';

/** One set of cases: where it comes from and how the engine does on it. */
export interface AccuracySet {
  id: string;
  title: string;
  /** What the set is and whether any number was set from it. */
  about: string;
  rows: CalibrationRow[];
  medianAbsErrorPct: number;
  meanErrorPct: number;
  /** Runs within ±25%. */
  within25: number;
}

/** A calibration case as it is defined and as its source ran it (engine/validation/calibration-readings.json). */
export interface SourceReading {
  id: string;
  asDefined: CalibrationRow;
  asSource: CalibrationRow;
  /** How the reading reads the case: assumptions, GPU, metric. */
  how: string;
  because: string;
}

export interface AccuracyLoad {
  sets: AccuracySet[];
  /** Calibration cases read in their sources' stack, hardware, FLOP convention or pipeline layout, when the repository has them. */
  readings?: SourceReading[];
  /** The per-layer model against layers timed on a real GPU (engine/measurements), when the repository has them. */
  hardware?: HardwareChecks;
  /** Folders that were looked for and not found (the page says so instead of showing nothing). */
  missing: string[];
}

/** A held-out set committed in `engine/validation/<id>`. */
const heldOut = (id: string, title: string, about: string) => ({ id, title, about, dir: (root: string) => path.join(root, 'engine', 'validation', id) });

const SETS: Array<{ id: string; title: string; about: string; dir: (root: string, shared: string) => string }> = [
  {
    id: 'calibration',
    title: 'Calibration set',
    about: 'The published runs the engine is held to (shared/calibration): Megatron-LM 2021, Korthikanti 2022, BLOOM, Llama 3, DeepSeek-V2/V3, MPT, torchtitan, Megatron-Core Qwen3. Plans as published, default assumptions.',
    dir: (_root, shared) => path.join(shared, 'calibration'),
  },
  heldOut(
    'megatron-bridge',
    'Held out: Megatron-Bridge',
    "NVIDIA's Megatron-Bridge 25.11 performance tables (Llama 3, Qwen3, DeepSeek-V3 on H100, B200, GB200); no catalog number was set from them.",
  ),
  heldOut(
    'megatron-bridge-26.04',
    'Held out: Megatron-Bridge 26.04.01',
    'The same tables five months later (NeMo 26.04.01, Megatron-Bridge v0.4.2 configs: recomputation, CUDA graphs, dispatcher and overlaps as each row ran): Llama 3 70B / 3.1 405B, DeepSeek-V3, Qwen3-30B-A3B and Qwen3-235B on H100, B200, GB200, B300 and GB300.',
  ),
  heldOut(
    'megatron-bridge-26.06',
    'Held out: Megatron-Bridge 26.06',
    'NeMo 26.06 (Megatron-Bridge v0.5.0 configs): Llama 3.1 405B, DeepSeek-V3 and Qwen3 on H100, GB200, B300 and GB300. Seven rows run the 26.04.01 configs unchanged; eight MXFP8 MoE rows run the fused grouped MLP and (DeepSeek-V3) the MXFP8 output head, both stated, with FP8 attention and capacity-padded experts a plan cannot state, and are predicted too slow.',
  ),
  heldOut(
    'torchtitan',
    'Held out: torchtitan',
    "torchtitan's H100 runs outside the calibration set: context parallel to 262k tokens, async TP, FSDP × TP.",
  ),
  heldOut(
    'mosaicml',
    'Held out: MosaicML MPT',
    "MosaicML's MPT throughput tables on H100 (BF16 and FP8) and A100, 125M-70B, 512-65k tokens (less the calibration rows and the rows the attention rate was measured from).",
  ),
  heldOut(
    'megatron-core',
    'Held out: Megatron-Core r0.8',
    'The Megatron-Core r0.8 weak-scaling table: GPT 1.7B-462B on 48-6144 H100.',
  ),
  heldOut(
    'megatron-moe-modelzoo',
    'Held out: Megatron-Core MoE ModelZoo',
    "The ModelZoo's Qwen3-235B rows outside the calibration set: 32k and 131k context with the recompute modules their command line states (layernorm, moe), the cross-node EP run with the 1F1B all-to-all overlap, and Megatron-FSDP with gradient accumulation.",
  ),
  heldOut(
    'nemo',
    'Held out: NeMo 24.07',
    "NVIDIA NeMo's DGX-H100 FP8 pre-training table (NeMo 24.07): GPT-3 5B-175B, Llama 2 7B-70B, Llama 3 8B/70B and Nemotron 8B-340B, each with its published layout.",
  ),
  heldOut(
    'nemotron',
    'Held out: Nemotron-4 340B',
    "The Nemotron-4 340B technical report's batch-ramp stages (Table 2): TP8 × PP12 interleaved on 1,536, 3,072 and 6,144 H100, iteration time.",
  ),
];

/** The repository root: the folder that holds `engine/validation`, looked for from `cwd` upwards (web/ or the root). */
export function findRepoRoot(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd), i = 0; i < 4; i++, dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'engine', 'validation'))) return dir;
  }
  return undefined;
}

function readCases(dir: string) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.plan.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.plan.json'.length);
      const expected = JSON.parse(readFileSync(path.join(dir, `${id}.expected.json`), 'utf8')) as { metric: string; value: number };
      return { id, plan: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown, expected: { metric: expected.metric, value: expected.value } };
    });
}

/** Every set whose folder exists, with the engine's predictions; `missing` lists the folders that do not. */
export function loadAccuracy(opts: { cwd?: string; sharedDir?: string } = {}): AccuracyLoad {
  const root = findRepoRoot(opts.cwd ?? process.cwd());
  const shared = opts.sharedDir ?? process.env.FLOPCAST_SHARED_DIR ?? (root ? path.resolve(root, '..', 'shared') : '');
  const sets: AccuracySet[] = [];
  const missing: string[] = [];
  for (const s of SETS) {
    // without the repository only the calibration folder (from $FLOPCAST_SHARED_DIR) can still be found
    const dir = root !== undefined || s.id === 'calibration' ? s.dir(root ?? '', shared) : `engine/validation/${s.id}`;
    if (!shared && s.id === 'calibration') {
      missing.push('calibration (no repository root or FLOPCAST_SHARED_DIR)');
      continue;
    }
    if (!existsSync(dir)) {
      missing.push(dir);
      continue;
    }
    const result = runCalibration(readCases(dir));
    sets.push({
      id: s.id,
      title: s.title,
      about: s.about,
      rows: result.rows,
      medianAbsErrorPct: result.medianAbsErrorPct,
      meanErrorPct: result.meanErrorPct,
      within25: result.rows.filter((r) => Math.abs(r.errorPct) <= 25).length,
    });
  }
  const hardware = root ? loadHardwareChecks(root) : undefined;
  const readings = root ? loadReadings(root, sets.find((s) => s.id === 'calibration'), shared) : undefined;
  return { sets, missing, ...(hardware ? { hardware } : {}), ...(readings ? { readings } : {}) };
}

/** The readings file against the calibration set it reads (the same pure functions `flopcast calibrate --readings` uses). */
function loadReadings(root: string, calibration: AccuracySet | undefined, shared: string): SourceReading[] | undefined {
  const file = path.join(root, 'engine', 'validation', 'calibration-readings.json');
  if (!calibration || !existsSync(file)) return undefined;
  const cases = readCases(path.join(shared, 'calibration'));
  const readings = parseCaseReadings(JSON.parse(readFileSync(file, 'utf8')), cases.map((c) => c.id));
  const read = runCalibration(readings.map((r) => readCaseAsSource(cases.find((c) => c.id === r.case)!, r)));
  return readings.map((r, i) => ({
    id: r.case,
    asDefined: calibration.rows.find((x) => x.id === r.case)!,
    asSource: read.rows[i]!,
    how: describeCaseReading(r),
    because: r.because,
  }));
}

let cached: AccuracyLoad | undefined;

/** `loadAccuracy()` computed on first use and kept for the life of the server process (about 180 estimates). */
export function loadAccuracyOnce(): AccuracyLoad {
  cached ??= loadAccuracy();
  return cached;
}
