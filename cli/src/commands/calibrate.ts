/** `flopcast calibrate [DIR]`: the engine against published training runs (case, metric, published, predicted, error). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCaseReading, estimate, getMetric, parseCaseReadings, readCaseAsSource, ReadingsError, runCalibration, type CaseReading, type Report } from '@flopcast/engine';
import { choiceOption, expectPositionals, parseCommandArgs } from '../args.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { fmtFixed, fmtInt } from '../format/numbers.js';
import { makeStyle } from '../format/style.js';
import { renderMarkdownTable, renderTable } from '../format/table.js';
import { colourEnabled, type Io } from '../io.js';
import { rethrowAsInput } from '../evaluator.js';
import { EXIT_HELP, FORMAT_OPTION, type Command } from './command.js';

const NAME = 'calibrate';

/** `$FLOPCAST_SHARED_DIR/calibration`, else `<repository root>/../shared/calibration`. */
export function defaultCalibrationDir(env: Io['env']): string {
  if (env.FLOPCAST_SHARED_DIR) return path.join(env.FLOPCAST_SHARED_DIR, 'calibration');
  // this file is cli/{src,dist}/commands/calibrate.{ts,js}: three levels up is the repository root
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
  return path.resolve(repoRoot, '..', 'shared', 'calibration');
}

export interface CalibrationCase {
  id: string;
  plan: unknown;
  expected: { metric: string; value: number };
}

/** Reads every `<id>.plan.json` + `<id>.expected.json` pair of a folder, sorted by id. */
export async function readCalibrationCases(dir: string): Promise<CalibrationCase[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new UsageError(`calibration folder ${dir} not found (pass DIR or set FLOPCAST_SHARED_DIR)`, NAME);
  }
  const ids = names.filter((n) => n.endsWith('.plan.json')).map((n) => n.slice(0, -'.plan.json'.length)).sort();
  const cases: CalibrationCase[] = [];
  for (const id of ids) {
    const readJson = async (file: string): Promise<unknown> => {
      try {
        return JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      } catch (err) {
        throw new InputError(`${path.join(dir, file)}: ${(err as Error).message}`);
      }
    };
    if (!names.includes(`${id}.expected.json`)) throw new InputError(`${path.join(dir, id)}.plan.json has no ${id}.expected.json beside it`);
    const plan = await readJson(`${id}.plan.json`);
    const read = await readJson(`${id}.expected.json`);
    const expected = (typeof read === 'object' && read !== null ? read : {}) as { metric?: unknown; value?: unknown };
    // the relative error divides by the published value, so it must be a positive number
    if (typeof expected.metric !== 'string' || typeof expected.value !== 'number' || !(expected.value > 0)) {
      throw new InputError(`${path.join(dir, id)}.expected.json: needs "metric" (string) and "value" (number > 0)`, [
        { path: typeof expected.metric !== 'string' ? 'metric' : 'value', message: 'missing, of the wrong type or not positive' },
      ]);
    }
    cases.push({ id, plan, expected: { metric: expected.metric, value: expected.value } });
  }
  if (cases.length === 0) throw new UsageError(`no *.plan.json cases in ${dir}`, NAME);
  return cases;
}

/**
 * `--assume KEY=VALUE` pairs as a plan `assumptions` object: a numeric VALUE becomes a number, anything else stays a
 * string. The engine validates them (unknown keys and values are input errors naming `assumptions.KEY`).
 */
export function parseAssumeOptions(values: string[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--assume needs KEY=VALUE (got "${v}")`, NAME);
    const key = v.slice(0, eq).trim();
    const raw = v.slice(eq + 1).trim();
    out[key] = raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

/**
 * `--metric FROM=TO` pairs: compare the published FROM values with report field TO instead (a source's own FLOP
 * convention, e.g. `throughput.modelTflopsPerGpu=throughput.modelTflopsPerGpuCausal` for Megatron-Core's counter).
 */
export function parseMetricOptions(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--metric needs FROM=TO report fields (got "${v}")`, NAME);
    out[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return out;
}

/** `--only REGEX` as a RegExp over case ids (a bad pattern is a usage error). */
function onlyPattern(raw: string | undefined): RegExp | undefined {
  if (raw === undefined) return undefined;
  try {
    return new RegExp(raw);
  } catch (err) {
    throw new UsageError(`--only: not a regular expression: ${(err as Error).message}`, NAME);
  }
}

/** The case's plan with `extra` merged over its own `assumptions` (the plan's other fields untouched). */
function withAssumptions(plan: unknown, extra: Record<string, string | number>): unknown {
  if (Object.keys(extra).length === 0 || typeof plan !== 'object' || plan === null) return plan;
  const own = (plan as { assumptions?: unknown }).assumptions;
  return { ...plan, assumptions: { ...(typeof own === 'object' && own !== null ? own : {}), ...extra } };
}

/** The case's plan with `cluster.gpu` replaced (the engine validates the id: an unknown one names `cluster.gpu`). */
function onGpu(plan: unknown, gpu: string | undefined): unknown {
  if (gpu === undefined || typeof plan !== 'object' || plan === null) return plan;
  const cluster = (plan as { cluster?: unknown }).cluster;
  return { ...plan, cluster: { ...(typeof cluster === 'object' && cluster !== null ? cluster : {}), gpu } };
}

/** Number in a width that suits its magnitude (MFU fractions, TFLOP/s, seconds, GPU-hours). */
function fmtValue(v: number): string {
  const a = Math.abs(v);
  if (a >= 10_000) return fmtInt(v);
  if (a >= 100) return fmtFixed(v, 1);
  if (a >= 1) return fmtFixed(v, 2);
  return v.toFixed(4);
}

/**
 * runCalibration; a case whose plan (with any --assume values) does not validate is an input error (exit 2) naming the
 * case and the fields.
 */
function runCalibrationOrInputError(cases: CalibrationCase[]): ReturnType<typeof runCalibration> {
  try {
    return runCalibration(cases);
  } catch (err) {
    // find the case that failed (error path only) so the message can name it
    const failed = cases.find((c) => {
      try {
        runCalibration([c]);
        return false;
      } catch {
        return true;
      }
    });
    rethrowAsInput(err, `calibration case ${failed?.id ?? '?'}`, 'plan');
  }
}

/**
 * Every `--metric` target must be a numeric report field: checked on the first case's report so that a typo is a
 * usage error naming the option rather than a failure inside the run. A FROM no case uses is also a usage error.
 */
function checkMetricTargets(cases: CalibrationCase[], metrics: Record<string, string>): void {
  const pairs = Object.entries(metrics);
  if (pairs.length === 0) return;
  for (const [from, to] of pairs) {
    if (!cases.some((c) => c.expected.metric === to)) throw new UsageError(`--metric ${from}=${to}: no selected case is published as ${from}`, NAME);
  }
  let report: Report;
  try {
    report = estimate(cases[0]!.plan);
  } catch {
    return; // the run reports the plan's own errors, naming the case
  }
  for (const [from, to] of pairs) {
    if (getMetric(report, to) === undefined) throw new UsageError(`--metric ${from}=${to}: the report has no numeric field ${to}`, NAME);
  }
}

/**
 * `--readings FILE`: per-case readings in the terms each case's source states (stack, GPU, FLOP convention, pipeline layout), e.g.
 * engine/validation/calibration-readings.json. A file that does not parse, or that reads a case the folder lacks, is an
 * input error naming the field.
 */
async function loadReadings(file: string, ids: string[]): Promise<CaseReading[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new InputError(`--readings ${file}: ${(err as Error).message}`);
  }
  try {
    return parseCaseReadings(doc, ids);
  } catch (err) {
    if (err instanceof ReadingsError) throw new InputError(`--readings ${file}: invalid readings`, err.errors);
    throw err;
  }
}

export const calibrateCommand: Command = {
  name: NAME,
  summary: 'run the engine on published training runs and print the prediction errors',
  help: `Usage: flopcast calibrate [DIR] [options]

Runs every case of a calibration folder (<id>.plan.json + <id>.expected.json, see shared/calibration/README.md)
through the engine and prints, per case, the metric, the published value, the prediction and the error, then
the median and maximum absolute error. DIR defaults to $FLOPCAST_SHARED_DIR/calibration, else
<repository root>/../shared/calibration.

Options:
  -f, --format FORMAT  table (default), json ({"version":1,"rows":[...],...}) or markdown
      --assume K=V     set plan assumption K to V in every case (repeatable), e.g. to see what stating a
                       software stack does: --assume framework=megatron-core, --assume attentionKernel=flash2
      --gpu ID         run every selected case on catalog GPU ID instead of its plan's (the hardware a source
                       names where the case maps it to another profile)
      --only REGEX     run only the cases whose id matches REGEX
      --metric FROM=TO compare cases published as report field FROM with field TO instead (repeatable), to read
                       a source in its own FLOP convention, e.g. Megatron-Core's counter (causal attention):
                       --metric throughput.modelTflopsPerGpu=throughput.modelTflopsPerGpuCausal
      --readings FILE  read the cases FILE lists as their sources ran them: each reading's assumptions,
                       parallelism, GPU and metric replace the case's (engine/validation/calibration-readings.json has the ones this
                       repository's tests hold within 25%); the table says which cases were read so
  -h, --help           show this help

The summary line gives the median and maximum absolute error and the mean signed error: a model that leaves
costs out errs one way (positive = predicted too fast for throughput metrics, too slow for times and hours).

Examples:
  flopcast calibrate
  flopcast calibrate ../shared/calibration --format markdown > calibration.md
  flopcast calibrate engine/validation/torchtitan --assume attentionKernel=flash2
  flopcast calibrate --only '^torchtitan-8b-(8|128)-FSDP$' --assume framework=torchtitan --gpu h100-hbm2e-96gb
  flopcast calibrate --readings engine/validation/calibration-readings.json
  flopcast calibrate --only '^mcore-' --assume framework=megatron-core
    --metric throughput.modelTflopsPerGpu=throughput.modelTflopsPerGpuCausal   (one line)

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, {
      ...FORMAT_OPTION,
      assume: { type: 'string', multiple: true },
      only: { type: 'string' },
      gpu: { type: 'string' },
      metric: { type: 'string', multiple: true },
      readings: { type: 'string' },
    });
    const [dirArg] = expectPositionals(NAME, args, 'DIR', 0, 1);
    const format = choiceOption(NAME, args, 'format', ['table', 'json', 'markdown'] as const, 'table');
    const assumed = parseAssumeOptions((args.values.assume as string[] | undefined) ?? []);
    const metrics = parseMetricOptions((args.values.metric as string[] | undefined) ?? []);
    const only = onlyPattern(args.values.only as string | undefined);
    const dir = dirArg !== undefined ? path.resolve(io.cwd, dirArg) : defaultCalibrationDir(io.env);
    const all = await readCalibrationCases(dir);
    const selected = only ? all.filter((c) => only.test(c.id)) : all;
    if (selected.length === 0) throw new UsageError(`--only ${only}: no case id in ${dir} matches`, NAME);
    const gpu = args.values.gpu as string | undefined;
    if (gpu !== undefined && gpu.trim() === '') throw new UsageError('--gpu needs a catalog GPU id', NAME);
    const cases = selected.map((c) => ({
      ...c,
      plan: onGpu(withAssumptions(c.plan, assumed), gpu),
      expected: { ...c.expected, metric: metrics[c.expected.metric] ?? c.expected.metric },
    }));
    checkMetricTargets(cases, metrics);
    const readingsFile = args.values.readings as string | undefined;
    const readings = readingsFile !== undefined ? await loadReadings(path.resolve(io.cwd, readingsFile), all.map((c) => c.id)) : [];
    const readAs = new Map<string, string>();
    for (const [i, c] of cases.entries()) {
      const r = readings.find((x) => x.case === c.id);
      if (!r) continue;
      cases[i] = readCaseAsSource(c, r);
      readAs.set(c.id, describeCaseReading(r));
    }
    const result = runCalibrationOrInputError(cases);
    if (format === 'json') {
      const read = readingsFile !== undefined ? { readings: { file: readingsFile, cases: [...readAs.keys()] } } : {};
      io.stdout.write(JSON.stringify({ version: 1, dir, cases: cases.length, assumptions: assumed, metrics, ...(gpu ? { gpu } : {}), ...read, ...result }, null, 2) + '\n');
      return EXIT.ok;
    }
    const style = makeStyle(format === 'table' && colourEnabled(io.stdout, io.env));
    const rows = result.rows.map((r) => {
      const err = `${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(1)}%`;
      const shown = Math.abs(r.errorPct) > 25 ? style.red(err) : Math.abs(r.errorPct) > 10 ? style.yellow(err) : err;
      // the stack the estimate used; "*" = the GPU profile's default (the case names none)
      const stack = `${r.stack.framework}${r.stack.from === 'gpu-profile' ? '*' : ''}`;
      const row = [r.id, r.metric, fmtValue(r.published), fmtValue(r.predicted), format === 'table' ? shown : err, stack];
      return readingsFile !== undefined ? [...row, readAs.get(r.id) ?? 'as defined'] : row;
    });
    const headers = ['Case', 'Metric', 'Published', 'Predicted', 'Error', 'Stack', ...(readingsFile !== undefined ? ['Read as'] : [])];
    const align = ['left', 'left', 'right', 'right', 'right', 'left', 'left'] as const;
    const signed = `${result.meanErrorPct >= 0 ? '+' : ''}${result.meanErrorPct.toFixed(1)}%`;
    const withAssumed =
      (Object.keys(assumed).length ? ` · with ${Object.entries(assumed).map(([k, v]) => `${k}=${v}`).join(', ')}` : '') +
      (Object.keys(metrics).length ? ` · reading ${Object.entries(metrics).map(([k, v]) => `${k} as ${v}`).join(', ')}` : '') +
      (gpu ? ` · on ${gpu}` : '') +
      (readingsFile !== undefined ? ` · ${readAs.size} read as their sources ran them (${readingsFile})` : '');
    const footer = `${result.rows.length} cases · median |error| ${result.medianAbsErrorPct.toFixed(1)}% · max |error| ${result.maxAbsErrorPct.toFixed(1)}% · mean signed ${signed}${withAssumed}`;
    const legend = result.rows.some((r) => r.stack.from === 'gpu-profile') ? "\n* the GPU profile's default stack (the case names no assumptions.framework)\n" : '';
    if (format === 'markdown') {
      io.stdout.write(`### flopcast calibration\n\n${renderMarkdownTable(headers, rows, [...align])}\n**${footer}**\n${legend}`);
    } else {
      io.stdout.write(`${style.bold('flopcast calibrate')} ${style.dim(dir)}\n\n${renderTable(headers, rows, [...align])}\n${style.bold(footer)}\n${style.dim(legend)}`);
    }
    return EXIT.ok;
  },
};
