/** Output of `compare` and `diff` in the three formats: terminal table, PR-comment markdown, versioned JSON. */
import type { BudgetConfig, Violation } from '../budgets.js';
import type { PlanComparison } from '../comparison.js';
import { shortCommit } from '../git.js';
import { NUMERIC_METRICS, type PlanSummary } from '../summary.js';
import { colourDelta, fmtFits, fmtMetric, METRIC_FORMATS } from './metrics.js';
import { fmtFixed, fmtPct, fmtSeconds, fmtUsd, fmtInt } from './numbers.js';
import { makeStyle, type Style } from './style.js';
import { renderMarkdownTable, renderTable } from './table.js';

/** Hidden marker a bot searches for to update its own PR comment instead of adding a new one. */
export const MARKDOWN_MARKER = '<!-- flopcast-plan-check -->';

export interface ComparisonDocument {
  command: 'compare' | 'diff';
  engineVersion: string;
  /** Where reports came from: "offline (built-in catalog)" or the API URL. */
  evaluatedBy: string;
  /** compare: the base plan's label. */
  baseLabel?: string;
  /** diff: the refs and commits compared. */
  git?: { baseRef: string; headRef: string; baseCommit: string; headCommit: string };
  entries: PlanComparison[];
  budgets: BudgetConfig | null;
  violations: Violation[];
}

const STATUS_WORD = { modified: 'modified', added: 'added', removed: 'removed' } as const;

function sumOf(entries: PlanComparison[], side: 'base' | 'head', key: 'gpuHours' | 'costUsd'): number {
  return entries.reduce((acc, e) => acc + (e[side]?.[key] ?? 0), 0);
}

/** JSON output: version 1, numbers as numbers, no formatted strings. */
export function comparisonJson(doc: ComparisonDocument): string {
  const out = {
    version: 1 as const,
    kind: 'flopcast.comparison',
    command: doc.command,
    engineVersion: doc.engineVersion,
    evaluatedBy: doc.evaluatedBy,
    base: doc.baseLabel ?? null,
    git: doc.git ?? null,
    plans: doc.entries.map((e) => ({
      id: e.id,
      name: e.name,
      status: e.status,
      base: e.base,
      head: e.head,
      deltas: e.deltas,
      notes: e.notes,
    })),
    totals: {
      base: { gpuHours: sumOf(doc.entries, 'base', 'gpuHours'), costUsd: sumOf(doc.entries, 'base', 'costUsd') },
      head: { gpuHours: sumOf(doc.entries, 'head', 'gpuHours'), costUsd: sumOf(doc.entries, 'head', 'costUsd') },
    },
    budgets: {
      config: doc.budgets?.source ?? null,
      rules: doc.budgets?.budgets ?? null,
      ok: doc.violations.length === 0,
      violations: doc.violations,
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** Rows metric | base | head | Δ | Δ% for one entry. */
function metricRows(e: PlanComparison, style: Style): string[][] {
  const rows = NUMERIC_METRICS.map((m) => {
    const b = e.base ? fmtMetric(m.key, e.base[m.key]) : '—';
    const h = e.head ? fmtMetric(m.key, e.head[m.key]) : '—';
    const d = e.deltas?.[m.key];
    const abs = d ? colourDelta(m.key, d, METRIC_FORMATS[m.key].abs(d.abs), style) : '';
    const pct = d ? colourDelta(m.key, d, fmtPct(d.pct), style) : '';
    return [m.label, b, h, abs, pct];
  });
  rows.push(['Fits in memory', fmtFits(e.base, style), fmtFits(e.head, style), '', '']);
  return rows;
}

function headerLine(doc: ComparisonDocument): string {
  if (doc.git) {
    const g = doc.git;
    return `plans changed between ${g.baseRef} (${shortCommit(g.baseCommit)}) and ${g.headRef} (${shortCommit(g.headCommit)})`;
  }
  return `compared against base ${doc.baseLabel ?? ''}`;
}

function budgetLines(doc: ComparisonDocument, style: Style): string {
  if (!doc.budgets) return style.dim('Budgets: none configured (add flopcast.yml or pass --config)') + '\n';
  if (doc.violations.length === 0) return style.green(`Budgets (${doc.budgets.source}): all rules pass`) + '\n';
  const n = doc.violations.length;
  const lines = [style.red(style.bold(`Budgets (${doc.budgets.source}): ${n} rule${n === 1 ? '' : 's'} broken`))];
  for (const v of doc.violations) lines.push(`  ${style.red('✗')} ${v.plan}: ${v.rule} — ${v.message}`);
  return lines.join('\n') + '\n';
}

/** Terminal output: one aligned metric table per plan, then the budget verdict. */
export function comparisonTable(doc: ComparisonDocument, colour: boolean): string {
  const style = makeStyle(colour);
  const parts: string[] = [style.bold(`flopcast ${doc.command}`) + style.dim(` — ${headerLine(doc)}; evaluated ${doc.evaluatedBy}`) + '\n'];
  if (doc.entries.length === 0) parts.push('No plan files changed.\n');
  for (const e of doc.entries) {
    parts.push(`\n${style.bold(e.id)}  ${style.cyan(STATUS_WORD[e.status])}${e.name !== e.id ? style.dim(`  (${e.name})`) : ''}\n`);
    parts.push(renderTable(['Metric', 'Base', 'Head', 'Δ', 'Δ %'], metricRows(e, style), ['left', 'right', 'right', 'right', 'right'], '  '));
    for (const n of e.notes) parts.push(style.yellow(`  note: ${n}`) + '\n');
  }
  parts.push('\n' + budgetLines(doc, style));
  return parts.join('');
}

function cellWithPct(e: PlanComparison, key: (typeof NUMERIC_METRICS)[number]['key']): string {
  if (!e.head) return e.base ? `~~${fmtMetric(key, e.base[key])}~~` : '—';
  const v = fmtMetric(key, e.head[key]);
  const d = e.deltas?.[key];
  if (!d) return v;
  return key === 'mfu' ? `${v} (${METRIC_FORMATS.mfu.abs(d.abs)})` : `${v} (${fmtPct(d.pct)})`;
}

function fitsCell(s: PlanSummary | null): string {
  if (!s) return '—';
  return s.fits ? '✅' : '❌';
}

function summaryLine(doc: ComparisonDocument): string {
  const n = doc.entries.length;
  const counts = (['modified', 'added', 'removed'] as const)
    .map((s) => [s, doc.entries.filter((e) => e.status === s).length] as const)
    .filter(([, c]) => c > 0)
    .map(([s, c]) => `${c} ${s}`)
    .join(', ');
  const bits = [`**${n} plan${n === 1 ? '' : 's'}** ${doc.command === 'diff' ? 'changed' : 'compared'}${counts ? ` (${counts})` : ''}`];
  const bg = sumOf(doc.entries, 'base', 'gpuHours');
  const hg = sumOf(doc.entries, 'head', 'gpuHours');
  const bc = sumOf(doc.entries, 'base', 'costUsd');
  const hc = sumOf(doc.entries, 'head', 'costUsd');
  const pct = (b: number, h: number) => (b === 0 ? '' : ` (${fmtPct(((h - b) / b) * 100)})`);
  bits.push(`GPU-hours ${fmtInt(bg)} → ${fmtInt(hg)}${pct(bg, hg)}`);
  bits.push(`cost ${fmtUsd(bc)} → ${fmtUsd(hc)}${pct(bc, hc)}`);
  if (!doc.budgets) bits.push('no budgets configured');
  else if (doc.violations.length === 0) bits.push('✅ within budget');
  else bits.push(`❌ ${doc.violations.length} budget rule${doc.violations.length === 1 ? '' : 's'} broken`);
  return bits.join(' · ');
}

function detailsSection(e: PlanComparison): string {
  const style = makeStyle(false);
  const lines: string[] = [];
  lines.push(`<details><summary><code>${e.id}</code> — ${STATUS_WORD[e.status]}${e.name !== e.id ? ` (${e.name})` : ''}</summary>`, '');
  lines.push(renderMarkdownTable(['Metric', 'Base', 'Head', 'Δ', 'Δ %'], metricRows(e, style), ['left', 'right', 'right', 'right', 'right']));
  const r = e.headReport ?? e.baseReport;
  if (r) {
    const side = e.headReport ? 'head' : 'base';
    const br = Object.entries(r.step.breakdown)
      .filter(([, v]) => typeof v === 'number' && v > 0)
      .map(([k, v]) => `${k} ${fmtSeconds(v)}`)
      .join(', ');
    lines.push(`Step (${side}): ${fmtSeconds(r.step.seconds)} = ${br}; pipeline ${r.pipeline.schedule}, bubble ${fmtFixed(r.pipeline.bubbleFraction * 100, 1)}%.`, '');
    const worst = [...r.memory.stages].sort((a, b) => b.totalGiB - a.totalGiB)[0];
    if (worst) {
      lines.push(
        `Memory (${side}): peak ${fmtFixed(r.memory.peakGiB, 1)} of ${fmtFixed(r.memory.capacityGiB, 1)} GiB on stage ${worst.stage} ` +
          `(params ${fmtFixed(worst.paramsGiB, 1)}, grads ${fmtFixed(worst.gradientsGiB, 1)}, optimizer ${fmtFixed(worst.optimizerGiB, 1)}, ` +
          `activations ${fmtFixed(worst.activationsGiB, 1)}, other ${fmtFixed(worst.otherGiB, 1)}).`,
        '',
      );
    }
    for (const w of r.warnings) lines.push(`- ⚠️ \`${w.code}\`: ${w.message}`);
    if (r.warnings.length > 0) lines.push('');
  }
  for (const n of e.notes) lines.push(`> ${n}`, '');
  lines.push('</details>', '');
  return lines.join('\n');
}

/** Markdown for a pull-request comment: marker, summary line, table, budget list, collapsible details per plan. */
export function comparisonMarkdown(doc: ComparisonDocument): string {
  const out: string[] = [MARKDOWN_MARKER, '### flopcast plan check', ''];
  if (doc.git) {
    const g = doc.git;
    out.push(`Plans changed between \`${g.baseRef}\` (${shortCommit(g.baseCommit)}) and \`${g.headRef}\` (${shortCommit(g.headCommit)}).`, '');
  }
  if (doc.entries.length === 0) {
    out.push('No plan files changed.', '');
    return out.join('\n');
  }
  out.push(summaryLine(doc), '');
  const rows = doc.entries.map((e) => [
    `\`${e.id}\``,
    STATUS_WORD[e.status],
    ...NUMERIC_METRICS.map((m) => cellWithPct(e, m.key)),
    e.head ? fitsCell(e.head) : fitsCell(e.base),
  ]);
  out.push(
    renderMarkdownTable(
      ['Plan', 'Status', ...NUMERIC_METRICS.map((m) => m.label), 'Fits'],
      rows,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  );
  if (doc.violations.length > 0) {
    out.push(`**❌ Budget rules broken** (\`${doc.budgets?.source ?? ''}\`):`, '');
    for (const v of doc.violations) out.push(`- \`${v.plan}\`: \`${v.rule}\` — ${v.message}`);
    out.push('');
  } else if (doc.budgets) {
    out.push(`✅ All budget rules in \`${doc.budgets.source}\` pass.`, '');
  }
  for (const e of doc.entries) out.push(detailsSection(e));
  out.push(`<sub>flopcast · engine ${doc.engineVersion} · evaluated ${doc.evaluatedBy}${doc.baseLabel ? ` · base \`${doc.baseLabel}\`` : ''}</sub>`, '');
  return out.join('\n');
}
