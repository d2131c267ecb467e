/** `flopcast estimate` output: the engine Report as a terminal table or markdown (JSON is the Report itself). */
import { describePlanChanges, reportStack, type BatchRampDetail, type Report, type StackSensitivity, type TimelineOp } from '@flopcast/engine';
import type { Violation } from '../budgets.js';
import { fmtBytes, fmtCount, fmtFixed, fmtFlops, fmtFraction, fmtInt, fmtPct, fmtSeconds, fmtUsd } from './numbers.js';
import { makeStyle, type Style } from './style.js';
import { renderMarkdownTable, renderTable } from './table.js';

type Section = { title: string; headers: string[]; rows: string[][]; align?: Array<'left' | 'right'> };

function kv(rows: Array<[string, string]>): string[][] {
  return rows.map(([k, v]) => [k, v]);
}

/** The report as titled sections (shared by table and markdown rendering). */
function sections(r: Report, style: Style): Section[] {
  const out: Section[] = [];
  out.push({
    title: 'Model',
    headers: ['Field', 'Value'],
    rows: kv([
      ['name', r.model.name],
      ['total parameters', fmtCount(r.model.totalParams)],
      ['active parameters / token', fmtCount(r.model.activeParams)],
      ['MTP parameters', fmtCount(r.model.mtpParams)],
      ['FLOPs / token, forward', fmtFlops(r.model.flopsPerToken.forward)],
      ['FLOPs / token, training (model)', fmtFlops(r.model.flopsPerToken.training)],
      ['FLOPs / token, training (hardware, with recompute)', fmtFlops(r.model.flopsPerToken.hardware)],
    ]),
  });
  const stepRows: Array<[string, string]> = [['step', `${fmtSeconds(r.step.seconds)} (${fmtInt(r.step.tokens)} tokens)`]];
  for (const [k, v] of Object.entries(r.step.breakdown)) {
    if (typeof v === 'number') stepRows.push([`  ${k}`, `${fmtSeconds(v)} (${fmtFraction(r.step.seconds > 0 ? v / r.step.seconds : 0)})`]);
  }
  stepRows.push(['pipeline schedule', `${r.pipeline.schedule}, bubble ${fmtFraction(r.pipeline.bubbleFraction)}`]);
  out.push({ title: 'Step time', headers: ['Part', 'Seconds'], rows: kv(stepRows) });
  out.push({
    title: 'Throughput',
    headers: ['Field', 'Value'],
    rows: kv([
      ['tokens / s (cluster)', fmtInt(r.throughput.tokensPerSecond)],
      ['tokens / s / GPU', fmtFixed(r.throughput.tokensPerGpuSecond, 1)],
      ['model TFLOP/s / GPU', fmtFixed(r.throughput.modelTflopsPerGpu, 1)],
      ['  causal attention count', fmtFixed(r.throughput.modelTflopsPerGpuCausal, 1)],
      ['hardware TFLOP/s / GPU', fmtFixed(r.throughput.hardwareTflopsPerGpu, 1)],
      ['MFU (plan precision)', fmtFraction(r.throughput.mfu)],
      ['MFU (BF16 peak)', fmtFraction(r.throughput.mfuBf16)],
    ]),
  });
  const fits = r.memory.fits ? style.green('fits') : style.red('DOES NOT FIT');
  out.push({
    title: `Memory per GPU${recomputeNote(r)}: peak ${fmtFixed(r.memory.peakGiB, 1)} of ${fmtFixed(r.memory.capacityGiB, 1)} GiB — ${fits}`,
    headers: ['Stage', 'Layers', 'Params', 'Grads', 'Optimizer', 'Activations', 'Other', 'Total GiB'],
    rows: r.memory.stages.map((s) => [
      String(s.stage),
      String(s.layers),
      fmtFixed(s.paramsGiB, 2),
      fmtFixed(s.gradientsGiB, 2),
      fmtFixed(s.optimizerGiB, 2),
      fmtFixed(s.activationsGiB, 2),
      fmtFixed(s.otherGiB, 2),
      s.totalGiB > r.memory.capacityGiB ? style.red(fmtFixed(s.totalGiB, 2)) : fmtFixed(s.totalGiB, 2),
    ]),
    align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  if (r.communication.length > 0) {
    out.push({
      title: 'Communication per step',
      headers: ['Kind', 'Bytes / step', 'Seconds', 'Exposed'],
      rows: r.communication.map((c) => [c.kind, fmtBytes(c.bytesPerStep), fmtSeconds(c.seconds), fmtSeconds(c.exposedSeconds)]),
      align: ['left', 'right', 'right', 'right'],
    });
  }
  out.push({
    title: 'Totals',
    headers: ['Field', 'Value'],
    rows: kv([
      ['tokens', fmtCount(r.totals.tokens)],
      ['steps', fmtInt(r.totals.steps)],
      ['GPU-hours', fmtInt(r.totals.gpuHours)],
      ['wall-clock days', fmtFixed(r.totals.wallClockDays, 1)],
      ['cost', fmtUsd(r.totals.costUsd)],
      ['energy', `${fmtFixed(r.totals.energyMWh, 1)} MWh`],
    ]),
  });
  const ramp = rampSection(r);
  if (ramp) out.push(ramp);
  const assumed = r.details?.['assumptions'];
  if (assumed && typeof assumed === 'object') {
    out.push({
      title: 'Assumptions (a plan overrides any under `assumptions:`)',
      headers: ['Name', 'Value'],
      rows: kv(
        Object.entries(assumed as Record<string, unknown>).map(([k, v]) => [
          k,
          // a stack the plan did not name came from the GPU profile: say so, so nobody mistakes it for theirs
          k === 'framework' && reportStack(r).from === 'gpu-profile' ? `${String(v)} (GPU profile default)` : String(v),
        ]),
      ),
    });
  }
  return out;
}

const OP_CHAR: Record<TimelineOp['op'], string> = { F: 'F', B: 'B', W: 'W', FB: 'X' };

/** ASCII Gantt chart of the pipeline timeline: one line per rank, `width` time buckets. */
export function renderTimeline(ops: TimelineOp[], width = 96): string {
  if (ops.length === 0) return '';
  const end = Math.max(...ops.map((o) => o.end));
  const ranks = Math.max(...ops.map((o) => o.rank)) + 1;
  const lines: string[][] = Array.from({ length: ranks }, () => Array<string>(width).fill('·'));
  for (const o of ops) {
    const a = Math.floor((o.start / end) * width);
    const b = Math.max(a + 1, Math.ceil((o.end / end) * width));
    const line = lines[o.rank]!;
    for (let i = a; i < Math.min(b, width); i++) line[i] = OP_CHAR[o.op];
  }
  const label = (i: number) => `rank ${String(i).padStart(String(ranks - 1).length)} │`;
  return (
    lines.map((l, i) => `${label(i)}${l.join('')}│`).join('\n') +
    `\n${' '.repeat(label(0).length)}0${' '.repeat(Math.max(1, width - fmtSeconds(end).length))}${fmtSeconds(end)}\n` +
    'F forward · B backward · W weight-gradient · X overlapped forward+backward · · idle\n'
  );
}

function budgetText(violations: Violation[], source: string | null, style: Style): string {
  if (!source) return '';
  if (violations.length === 0) return style.green(`Budgets (${source}): all rules pass`) + '\n';
  return (
    style.red(`Budgets (${source}): ${violations.length} rule${violations.length === 1 ? '' : 's'} broken`) +
    '\n' +
    violations.map((v) => `  ${style.red('✗')} ${v.rule} — ${v.message}`).join('\n') +
    '\n'
  );
}

/** The plan under every framework preset (`--stacks`): one section, and the sentence that reads it. */
function stackSection(st: StackSensitivity): { section: Section; note: string } {
  const rows = st.rows.map((r) => [
    r.applied ? `${r.framework} ←` : r.framework,
    r.attentionKernel,
    r.elementwiseKernels,
    r.selectiveRecompute,
    fmtSeconds(r.stepSeconds),
    r.applied ? '—' : fmtPct((r.stepRatio - 1) * 100),
    fmtFixed(r.tokensPerGpuSecond, 1),
    fmtFraction(r.mfu),
    fmtInt(r.gpuHours),
    r.fits ? 'yes' : 'no',
  ]);
  const from = st.frameworkFrom === 'plan' ? 'as the plan states' : "the GPU profile's default stack; the plan names no assumptions.framework";
  return {
    section: {
      title: 'Software stack (assumptions.framework)',
      headers: ['Framework', 'Attention', 'Element-wise', 'Selective recompute', 'Step', 'Δ step', 'Tokens/s/GPU', 'MFU', 'GPU-hours', 'Fits'],
      rows,
      align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    },
    note: `← this estimate: ${st.framework}, ${from}. The presets put this plan's step ${fmtFixed(st.spread, 2)}× apart.`,
  };
}

export interface EstimateView {
  report: Report;
  /** `--stacks`: the plan under every framework preset. */
  stacks?: StackSensitivity;
  label: string;
  evaluatedBy: string;
  budgetSource: string | null;
  violations: Violation[];
}

/** Terminal output of an estimate. */
export function reportTable(v: EstimateView, colour: boolean): string {
  const style = makeStyle(colour);
  const r = v.report;
  const parts = [style.bold(`flopcast estimate — ${r.plan.name}`) + style.dim(` (${v.label}; engine ${r.engineVersion}; ${v.evaluatedBy})`) + '\n'];
  for (const s of sections(r, style)) parts.push(`\n${style.bold(s.title)}\n${renderTable(s.headers, s.rows, s.align ?? ['left', 'right'], '  ')}`);
  if (v.stacks) {
    const { section: s, note } = stackSection(v.stacks);
    parts.push(`\n${style.bold(s.title)}\n${renderTable(s.headers, s.rows, s.align, '  ')}  ${style.dim(note)}\n`);
  }
  if (r.pipeline.timeline && r.pipeline.timeline.length > 0) {
    parts.push(`\n${style.bold('Pipeline timeline (one step)')}\n${renderTimeline(r.pipeline.timeline)}`);
  }
  if (r.warnings.length > 0) {
    parts.push(`\n${style.bold('Warnings')}\n`);
    for (const w of r.warnings) {
      parts.push(`  ${style.yellow('!')} ${w.code}: ${w.message}\n`);
      if (w.fix?.length) parts.push(`    fix: ${describePlanChanges(w.fix)}\n`);
    }
  }
  const b = budgetText(v.violations, v.budgetSource, style);
  if (b) parts.push('\n' + b);
  return parts.join('');
}

/** The batch ramp's part of the totals (`details.batchRamp`), when the plan has one. */
function rampSection(r: Report): Section | undefined {
  const ramp = r.details?.['batchRamp'] as BatchRampDetail | null | undefined;
  if (!ramp || ramp.stages.length === 0) return undefined;
  const first = ramp.stages[0]!;
  const last = ramp.stages[ramp.stages.length - 1]!;
  return {
    title: 'Batch ramp (training.batchRamp; included in the totals)',
    headers: ['Field', 'Value'],
    rows: kv([
      ['batch', `${fmtInt(ramp.startBatchSize)} → ${fmtInt(last.globalBatchSize + ramp.increment)} sequences, + ${fmtInt(ramp.increment)} per stage`],
      ['tokens', `${fmtCount(ramp.tokens)} in ${ramp.stages.length} equal stages`],
      ['steps', fmtInt(ramp.steps)],
      ['step at the start', `${fmtSeconds(first.stepSeconds)} (full batch ${fmtSeconds(r.step.seconds)})`],
      ['adds', `${fmtInt(ramp.extraGpuHours)} GPU-hours (+${fmtFixed((100 * ramp.extraGpuHours) / (r.totals.gpuHours - ramp.extraGpuHours), 2)}%) over the same tokens at the full batch`],
    ]),
  };
}

/** Markdown output of an estimate (for a PR comment or a wiki page). */
export function reportMarkdown(v: EstimateView): string {
  const style = makeStyle(false);
  const r = v.report;
  const out = [
    `### flopcast estimate — ${r.plan.name}`,
    '',
    `**${fmtInt(r.totals.gpuHours)} GPU-hours** · ${fmtFixed(r.totals.wallClockDays, 1)} days · ${fmtUsd(r.totals.costUsd)} · ` +
      `peak ${fmtFixed(r.memory.peakGiB, 1)} GiB/GPU (${r.memory.fits ? 'fits' : '**does not fit**'}) · MFU ${fmtFraction(r.throughput.mfu)}`,
    '',
  ];
  for (const s of sections(r, style)) {
    out.push(`#### ${s.title}`, '', renderMarkdownTable(s.headers, s.rows, s.align ?? ['left', 'right']));
  }
  if (v.stacks) {
    const { section: s, note } = stackSection(v.stacks);
    out.push(`#### ${s.title}`, '', renderMarkdownTable(s.headers, s.rows, s.align), note, '');
  }
  if (r.pipeline.timeline && r.pipeline.timeline.length > 0) {
    out.push('#### Pipeline timeline (one step)', '', '```', renderTimeline(r.pipeline.timeline).trimEnd(), '```', '');
  }
  if (r.warnings.length > 0) {
    out.push('#### Warnings', '');
    for (const w of r.warnings) out.push(`- \`${w.code}\`: ${w.message}${w.fix?.length ? ` (fix: \`${describePlanChanges(w.fix)}\`)` : ''}`);
    out.push('');
  }
  if (v.budgetSource) {
    if (v.violations.length === 0) out.push(`✅ All budget rules in \`${v.budgetSource}\` pass.`, '');
    else {
      out.push(`**❌ Budget rules broken** (\`${v.budgetSource}\`):`, '');
      for (const x of v.violations) out.push(`- \`${x.rule}\` — ${x.message}`);
      out.push('');
    }
  }
  out.push(`<sub>${v.label} · engine ${r.engineVersion} · evaluated ${v.evaluatedBy}</sub>`, '');
  return out.join('\n');
}

/** " (recompute selective: layernorm, moe)" from the report's `details.recompute`; empty for a report without it. */
export function recomputeNote(r: Report): string {
  const rc = r.details?.['recompute'] as { mode?: string; modules?: string[] | null } | undefined;
  if (!rc?.mode) return '';
  if (rc.mode === 'selective') return rc.modules ? ` (recompute selective: ${rc.modules.join(', ')})` : ' (recompute selective, standard scope)';
  return rc.mode === 'full' ? ' (full recompute)' : ' (no recompute)';
}
