/** `flopcast search` output: the Pareto frontier (cost vs days) as a terminal table; JSON is the SearchResult. */
import type { SearchEntry, SearchResult } from '@flopcast/engine';
import { fmtFixed, fmtFraction, fmtInt, fmtUsd } from './numbers.js';
import { makeStyle } from './style.js';
import { renderTable } from './table.js';

function field(plan: Record<string, unknown>, group: string, key: string): string {
  const g = plan[group];
  const v = typeof g === 'object' && g !== null ? (g as Record<string, unknown>)[key] : undefined;
  return v === undefined ? '' : String(v);
}

function sameEntry(a: SearchEntry | null, b: SearchEntry): boolean {
  return a !== null && JSON.stringify(a.plan) === JSON.stringify(b.plan);
}

/** Terminal table of the frontier, marking the cheapest, fastest and fewest-GPU plans, then search statistics. */
export function searchTable(result: SearchResult, label: string, evaluatedBy: string, colour: boolean): string {
  const style = makeStyle(colour);
  const parts = [style.bold(`flopcast search — ${label}`) + style.dim(` (${evaluatedBy})`) + '\n\n'];
  if (result.frontier.length === 0) {
    parts.push(style.yellow('No feasible plan: every candidate broke a constraint or did not fit.') + '\n');
  } else {
    const rows = result.frontier.map((e, i) => {
      const marks = [
        sameEntry(result.best.cheapest, e) ? 'cheapest' : '',
        sameEntry(result.best.fastest, e) ? 'fastest' : '',
        sameEntry(result.best.fewestGpus, e) ? 'fewest GPUs' : '',
      ].filter(Boolean);
      const p = e.plan;
      return [
        String(i + 1),
        e.summary.gpu,
        fmtInt(e.summary.gpus),
        field(p, 'parallelism', 'tensor'),
        field(p, 'parallelism', 'pipeline'),
        field(p, 'parallelism', 'expert'),
        field(p, 'parallelism', 'context'),
        field(p, 'parallelism', 'schedule'),
        field(p, 'parallelism', 'recompute'),
        String(p.precision ?? ''),
        fmtFixed(e.summary.wallClockDays, 1),
        fmtInt(e.summary.gpuHours),
        fmtUsd(e.summary.costUsd),
        fmtFixed(e.summary.peakGiB, 1),
        fmtFraction(e.summary.mfu),
        style.green(marks.join(', ')),
      ];
    });
    parts.push(
      renderTable(
        ['#', 'GPU', 'GPUs', 'TP', 'PP', 'EP', 'CP', 'Schedule', 'Recompute', 'Precision', 'Days', 'GPU-hours', 'Cost', 'Peak GiB', 'MFU', 'Best'],
        rows,
        ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
  }
  const labels = { cheapest: 'cheapest', fastest: 'fastest', fewestGpus: 'fewest GPUs' } as const;
  for (const key of ['cheapest', 'fastest', 'fewestGpus'] as const) {
    const b = result.best[key];
    if (!b || result.frontier.some((e) => sameEntry(b, e))) continue;
    const p = b.plan;
    parts.push(
      `\n${style.bold(`${labels[key]} (not on the frontier):`)} ${fmtInt(b.summary.gpus)} × ${b.summary.gpu}, ` +
        `TP ${field(p, 'parallelism', 'tensor')} PP ${field(p, 'parallelism', 'pipeline')} EP ${field(p, 'parallelism', 'expert')} ` +
        `CP ${field(p, 'parallelism', 'context')}, ${field(p, 'parallelism', 'schedule')}: ${fmtFixed(b.summary.wallClockDays, 1)} days, ` +
        `${fmtInt(b.summary.gpuHours)} GPU-hours, ${fmtUsd(b.summary.costUsd)}, peak ${fmtFixed(b.summary.peakGiB, 1)} GiB, MFU ${fmtFraction(b.summary.mfu)}\n`,
    );
  }
  if (result.deadline) {
    parts.push(`\n${style.bold(`Fewest GPUs that meet the ${fmtFixed(result.deadline.deadlineDays, 1)}-day deadline`)}\n`);
    for (const d of result.deadline.perGpu) parts.push(`  ${d.gpu}: ${d.minGpus === null ? 'none within the limits' : fmtInt(d.minGpus)}\n`);
  }
  const s = result.stats;
  const pruned = Object.entries(s.pruned)
    .map(([k, v]) => `${k} ${fmtInt(v)}`)
    .join(', ');
  parts.push(
    style.dim(
      `\n${fmtInt(s.generated)} candidates: ${fmtInt(s.evaluated)} evaluated (${fmtInt(s.feasible)} feasible), pruned: ${pruned}` +
        `${s.skipped > 0 ? `, ${fmtInt(s.skipped)} skipped by limits` : ''}; ${fmtFixed(s.seconds, 2)} s${s.complete ? '' : ' — INCOMPLETE (a limit stopped the search)'}`,
    ) + '\n',
  );
  return parts.join('');
}
