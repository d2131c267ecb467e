/** The comparison model shared by `compare` and `diff`: one entry per head plan, with its base (if any). */
import { reportStack, type Report } from '@flopcast/engine';
import { summarize, summaryDeltas, type PlanSummary, type SummaryDeltas } from './summary.js';

/** How a plan changed: `modified` has both sides, `added` only a head, `removed` only a base. */
export type ChangeStatus = 'modified' | 'added' | 'removed';

export interface PlanComparison {
  /** File path (diff: repository-relative) or label. */
  id: string;
  /** plan.name of the head report (base for removed plans). */
  name: string;
  status: ChangeStatus;
  base: PlanSummary | null;
  head: PlanSummary | null;
  /** Present when both sides exist. */
  deltas: SummaryDeltas | null;
  /** Things the reader should know about this entry (e.g. the base no longer validates). */
  notes: string[];
  /** Full reports, kept for the detail sections; not part of the JSON output. */
  baseReport: Report | null;
  headReport: Report | null;
}

/** The software stack a report was timed with, and where it came from ("torchtitan (GPU profile default)"). */
export function stackOf(r: Report): string {
  const { framework, from } = reportStack(r);
  return from === 'gpu-profile' ? `${framework} (GPU profile default)` : framework;
}

/** Builds one comparison entry from the reports of its two sides. */
export function comparePlans(
  id: string,
  baseReport: Report | null,
  headReport: Report | null,
  notes: string[] = [],
): PlanComparison {
  const base = baseReport ? summarize(baseReport) : null;
  const head = headReport ? summarize(headReport) : null;
  const status: ChangeStatus = base && head ? 'modified' : head ? 'added' : 'removed';
  // plans on different GPUs can fall back to different default stacks: say so, or the deltas read as hardware alone
  if (baseReport && headReport) {
    const [b, h] = [stackOf(baseReport), stackOf(headReport)];
    if (b.split(' ')[0] !== h.split(' ')[0]) {
      notes = [...notes, `software stack differs: base ${b}, head ${h}; the deltas include it (set assumptions.framework on both to compare like for like)`];
    }
  }
  const name = (headReport ?? baseReport)?.plan.name ?? id;
  return {
    id,
    name,
    status,
    base,
    head,
    deltas: base && head ? summaryDeltas(base, head) : null,
    notes,
    baseReport,
    headReport,
  };
}
