'use client';
/**
 * The plan builder: edit a plan, re-estimate in the browser on every change (debounced), show the headline cards,
 * step-time breakdown, per-stage memory and the pipeline timeline of this schedule beside its counterpart
 * (DualPipe ↔ 1F1B), and save through the API (POST, or PUT with If-Match; a 412 conflict is shown with choices).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import type { Catalog, FieldError, Report, StackSensitivity } from '@flopcast/engine';
import { BUILTIN_CATALOG, describePlanChanges } from '@flopcast/engine';
import { useApi } from '@/components/ApiProvider';
import { BreakdownChart } from '@/components/charts/BreakdownChart';
import { Gantt, GanttLegend } from '@/components/charts/Gantt';
import { MemoryChart } from '@/components/charts/MemoryChart';
import { ApiError, ApiUnreachableError, planFieldErrors } from '@/lib/api-client';
import { breakdownRow, memoryRows, mergeSegments } from '@/lib/chart-data';
import { runEstimate, runStackSensitivity, mergeCatalog, type EstimateOutcome } from '@/lib/engine';
import { placeErrors } from '@/lib/field-errors';
import { fmtCompact, fmtPct, fmtSeconds, fmtSignedPct, fmtUsd } from '@/lib/format';
import { applyPlanChanges, counterpartSchedule, editableDocument, encodePlanParam, setAtPath, withSchedule, type PlanDocument } from '@/lib/plan-doc';
import { HeadlineCards } from './HeadlineCards';
import { PlanForm, formFieldPaths } from './PlanForm';

const DEBOUNCE_MS = 250;

export interface StoredRef {
  id: string;
  version: number;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; text: string }
  | { kind: 'conflict'; text: string };

const SCHEDULE_NAMES: Record<string, string> = {
  gpipe: 'GPipe', '1f1b': '1F1B', 'interleaved-1f1b': 'Interleaved 1F1B', zb1p: 'ZB-1P', dualpipe: 'DualPipe', dualpipev: 'DualPipeV',
};

export function PlanBuilder(props: {
  initialDoc: PlanDocument;
  initialOutcome: EstimateOutcome;
  stored?: StoredRef | undefined;
  note?: string | undefined;
}) {
  const { client, key, ready } = useApi();
  const [doc, setDoc] = useState<PlanDocument>(() => editableDocument(props.initialDoc));
  const [outcome, setOutcome] = useState<EstimateOutcome>(props.initialOutcome);
  const [lastGood, setLastGood] = useState<Report | undefined>(props.initialOutcome.ok ? props.initialOutcome.report : undefined);
  const [alt, setAlt] = useState<EstimateOutcome | undefined>(undefined);
  const [stacks, setStacks] = useState<StackSensitivity | undefined>(undefined);
  const [stored, setStored] = useState<StoredRef | undefined>(props.stored);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [catalog, setCatalog] = useState<Catalog>(BUILTIN_CATALOG);
  const [computing, setComputing] = useState(false);
  const [shareUrl, setShareUrl] = useState<string | undefined>(undefined);
  const [zoom, setZoom] = useState<'all' | 'start' | 'end'>('all');

  // Team profiles (custom GPUs, links, models) join the built-in catalog when the API has them.
  useEffect(() => {
    if (!ready || !key) return;
    let cancelled = false;
    Promise.all([client.listProfiles('gpus'), client.listProfiles('links'), client.listProfiles('models')])
      .then(([gpus, links, models]) => {
        if (cancelled) return;
        const custom = <T extends { id: string; builtin?: boolean }>(xs: T[]) => xs.filter((x) => x.builtin === false || !(x.id in BUILTIN_CATALOG.gpus || x.id in BUILTIN_CATALOG.links || x.id in BUILTIN_CATALOG.models));
        const g = custom(gpus), l = custom(links), m = custom(models);
        if (g.length + l.length + m.length > 0) setCatalog(mergeCatalog({ gpus: g, links: l, models: m }));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, key, ready]);

  // Re-estimate (with the simulated timeline) and the counterpart schedule, debounced.
  const first = useRef(true);
  useEffect(() => {
    setComputing(true);
    const t = setTimeout(() => {
      const r = runEstimate(doc, { timeline: true, catalog });
      setOutcome(r);
      if (r.ok) setLastGood(r.report);
      const other = counterpartSchedule(doc.parallelism.schedule);
      setAlt(r.ok ? runEstimate(withSchedule(doc, other), { timeline: true, catalog, advice: false }) : undefined);
      setStacks(r.ok ? runStackSensitivity(doc, r.report, catalog) : undefined);
      setComputing(false);
    }, first.current ? 0 : DEBOUNCE_MS);
    first.current = false;
    return () => clearTimeout(t);
  }, [doc, catalog]);

  const set = useCallback((path: string, value: unknown) => {
    setDoc((d) => setAtPath(d, path, value));
    setServerErrors([]);
    setShareUrl(undefined);
  }, []);

  const errors = outcome.ok ? serverErrors : [...outcome.errors, ...serverErrors];
  const placed = useMemo(() => placeErrors(errors, formFieldPaths(doc)), [errors, doc]);
  const report = outcome.ok ? outcome.report : lastGood;
  const stale = !outcome.ok;

  async function onSave(overwriteVersion?: number) {
    if (!key) {
      setSave({ kind: 'error', text: 'Saving needs an API key: add one under “API key”, or run the local API (npm start) for the dev key.' });
      return;
    }
    setSave({ kind: 'saving' });
    try {
      const name = doc.name.trim() || 'untitled plan';
      const saved = stored
        ? await client.updatePlan(stored.id, overwriteVersion ?? stored.version, name, doc)
        : await client.createPlan(name, doc);
      const wasNew = !stored;
      setStored({ id: saved.id, version: saved.version });
      setSave({ kind: 'saved', at: new Date().toLocaleTimeString() });
      setServerErrors([]);
      if (wasNew) window.history.replaceState(null, '', `/plans/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setSave({ kind: 'conflict', text: e.message });
      } else if (e instanceof ApiError) {
        setServerErrors(planFieldErrors(e.problem.errors));
        setSave({ kind: 'error', text: `${e.problem.title ?? 'Error'} (${e.status})${e.problem.detail ? `: ${e.problem.detail}` : ''}` });
      } else if (e instanceof ApiUnreachableError) {
        setSave({ kind: 'error', text: e.message });
      } else {
        setSave({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  async function loadTheirs() {
    if (!stored) return;
    try {
      const latest = await client.getPlan(stored.id);
      setDoc(editableDocument(latest.plan));
      setStored({ id: latest.id, version: latest.version });
      setSave({ kind: 'idle' });
    } catch (e) {
      setSave({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  async function overwrite() {
    if (!stored) return;
    try {
      const latest = await client.getPlan(stored.id);
      await onSave(latest.version);
    } catch (e) {
      setSave({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }

  const schedule = doc.parallelism.schedule;
  const altSchedule = counterpartSchedule(schedule);
  const rowsAndSegs = useMemo(() => {
    if (!report) return undefined;
    const a = breakdownRow(report, SCHEDULE_NAMES[report.pipeline.schedule] ?? report.pipeline.schedule);
    const b = alt?.ok ? breakdownRow(alt.report, `${SCHEDULE_NAMES[alt.report.pipeline.schedule] ?? altSchedule} (same plan)`) : undefined;
    return { rows: b ? [a.row, b.row] : [a.row], segments: mergeSegments(b ? [a.segments, b.segments] : [a.segments]), own: a };
  }, [report, alt, altSchedule]);

  const tlA = outcome.ok ? outcome.report.pipeline.timeline : undefined;
  const tlB = alt?.ok ? alt.report.pipeline.timeline : undefined;
  const fullSpan = Math.max(...[tlA, tlB].map((tl) => (tl ?? []).reduce((m, o) => Math.max(m, o.end), 0)));
  // Zoomed windows show the warm-up or cool-down phase, where the schedules differ, at a scale that fits the ids.
  const win = zoom === 'all' ? { from: 0, span: fullSpan } : zoom === 'start' ? { from: 0, span: fullSpan * 0.2 } : { from: fullSpan * 0.8, span: fullSpan * 0.2 };

  return (
    <div className="builder">
      <PlanForm doc={doc} catalog={catalog} errorsByField={placed.byField} onSet={set} onReplace={(d) => { setDoc(d); setShareUrl(undefined); }} />
      <div className="stack">
        <div className="panel">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <div>
              <h1 style={{ marginBottom: 0 }}>{doc.name || 'Untitled plan'}</h1>
              <div className="muted small">
                {stored ? <>saved plan <code>{stored.id}</code> · version {stored.version}</> : 'not saved yet'}
                {computing ? ' · estimating…' : ''}
              </div>
            </div>
            <div className="row">
              <button type="button" className="btn primary" onClick={() => void onSave()} disabled={save.kind === 'saving'} data-testid="save">
                {save.kind === 'saving' ? 'Saving…' : stored ? 'Save new version' : 'Save plan'}
              </button>
              <button type="button" className="btn" onClick={() => setShareUrl(`${window.location.origin}/plans/new?plan=${encodePlanParam(doc)}`)}>Share link</button>
              {stored ? <Link className="btn" href={`/compare?plans=${encodeURIComponent(stored.id)}`}>Compare…</Link> : null}
            </div>
          </div>
          {props.note ? <p className="muted small" style={{ marginBottom: 0 }}>{props.note}</p> : null}
          {shareUrl ? (
            <p className="small" style={{ marginBottom: 0 }}>
              <label htmlFor="share-url">Link to this plan (no account needed): </label>
              <input id="share-url" type="text" readOnly value={shareUrl} onFocus={(e) => e.currentTarget.select()} />
            </p>
          ) : null}
          <SaveStatus save={save} onLoadTheirs={loadTheirs} onOverwrite={overwrite} />
        </div>

        {placed.unplaced.length > 0 || stale ? (
          <div className="notice error" role="alert" data-testid="plan-errors">
            <strong>The plan is not valid{report ? '; the numbers below are from the last valid plan' : ''}.</strong>
            {placed.unplaced.length > 0 ? (
              <ul>{placed.unplaced.map((e, i) => <li key={i}>{e.path ? <code>{e.path}</code> : null} {e.message}</li>)}</ul>
            ) : <span> See the highlighted fields.</span>}
          </div>
        ) : null}

        {report ? (
          <div className="stack" style={{ opacity: stale ? 0.55 : 1 }} aria-busy={computing}>
            <HeadlineCards report={report} usdPerGpuHour={doc.pricing?.usdPerGpuHour} />
            {report.warnings.length > 0 ? (
              <div className="notice" data-testid="warnings">
                <strong>Warnings</strong>
                <ul style={{ margin: '0.2rem 0 0' }}>
                  {report.warnings.map((w, i) => (
                    <li key={i} data-testid={`warning-${w.code}`}>
                      <code>{w.code}</code> {w.message}
                      {w.fix?.length ? (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="btn small"
                            data-testid={`apply-${w.code}`}
                            title={describePlanChanges(w.fix)}
                            onClick={() => {
                              setDoc((d) => applyPlanChanges(d, w.fix!));
                              setShareUrl(undefined);
                            }}
                          >
                            Apply ({w.fix.map((c) => `${c.path.split('.').pop()} ${c.value === null ? '(remove)' : Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`).join(', ')})
                          </button>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}

            <section className="panel" aria-labelledby="h-breakdown">
              <h2 id="h-breakdown">Step time</h2>
              {rowsAndSegs ? <BreakdownChart rows={rowsAndSegs.rows} segments={rowsAndSegs.segments} /> : null}
              {rowsAndSegs ? <BreakdownTable row={rowsAndSegs.own.row} segments={rowsAndSegs.own.segments} /> : null}
            </section>

            {stacks && outcome.ok ? <StackPanel stacks={stacks} onUse={(fw) => set('assumptions.framework', fw)} /> : null}

            <section className="panel" aria-labelledby="h-timeline">
              <h2 id="h-timeline">Pipeline timeline: {SCHEDULE_NAMES[schedule ?? ''] ?? schedule ?? 'default'} vs {SCHEDULE_NAMES[altSchedule]}</h2>
              <p className="muted small" style={{ marginTop: 0 }}>
                One optimizer step, simulated; both on the same time scale. Bubble: this plan {fmtPct(report.pipeline.bubbleFraction)}
                {alt?.ok ? `, ${SCHEDULE_NAMES[altSchedule]} ${fmtPct(alt.report.pipeline.bubbleFraction)}` : ''}.
              </p>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <GanttLegend />
                <div className="row small" role="group" aria-label="Timeline zoom">
                  {([['all', 'Whole step'], ['start', 'Warm-up'], ['end', 'Cool-down']] as const).map(([z, label]) => (
                    <button key={z} type="button" className="btn small" aria-pressed={zoom === z} onClick={() => setZoom(z)} style={zoom === z ? { borderColor: 'var(--accent)', color: 'var(--accent)' } : undefined}>{label}</button>
                  ))}
                </div>
              </div>
              <div className="charts-2" style={{ marginTop: '0.5rem' }}>
                <div data-testid="timeline-current">
                  {tlA && tlA.length > 0 ? (
                    <Gantt timeline={tlA} span={win.span} from={win.from} title={`${SCHEDULE_NAMES[report.pipeline.schedule] ?? report.pipeline.schedule} — this plan, step ${fmtSeconds(report.step.seconds)}`} />
                  ) : (
                    <p className="muted">{outcome.ok ? 'No timeline (the engine returned none for this plan).' : 'Timeline appears when the plan is valid.'}</p>
                  )}
                </div>
                <div data-testid="timeline-alt">
                  {alt?.ok && tlB && tlB.length > 0 ? (
                    <Gantt timeline={tlB} span={win.span} from={win.from} title={`${SCHEDULE_NAMES[altSchedule]} — same plan, step ${fmtSeconds(alt.report.step.seconds)}`} />
                  ) : alt && !alt.ok ? (
                    <p className="muted small">{SCHEDULE_NAMES[altSchedule]} does not apply to this plan: {alt.errors.map((e) => e.message).join('; ')}</p>
                  ) : null}
                </div>
              </div>
            </section>

            <section className="panel" aria-labelledby="h-memory">
              <h2 id="h-memory">Memory per pipeline stage</h2>
              <MemoryChart rows={memoryRows(report.memory.stages)} capacityGiB={report.memory.capacityGiB} />
            </section>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function BreakdownTable({ row, segments }: { row: Record<string, number | string>; segments: Array<{ key: string; label: string; color: string }> }) {
  const total = Number(row.total);
  return (
    <table className="data" style={{ marginTop: '0.5rem' }} data-testid="breakdown-table">
      <caption className="sr-only">Step time by cause</caption>
      <thead><tr><th scope="col">Cause</th><th scope="col">Seconds per step</th><th scope="col">Share</th></tr></thead>
      <tbody>
        {segments.map((s) => (
          <tr key={s.key}>
            <td><span className="sw" style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 6, borderRadius: 2 }} />{s.label}</td>
            <td>{fmtSeconds(Number(row[s.key]))}</td>
            <td>{fmtPct(Number(row[s.key]) / total)}</td>
          </tr>
        ))}
        <tr><th scope="row">Step</th><td><strong>{fmtSeconds(total)}</strong></td><td /></tr>
      </tbody>
    </table>
  );
}

const LEFT = { textAlign: 'left' } as const;

/** The same plan under every software-stack preset (engine `stackSensitivity`), with a button to adopt one. */
function StackPanel({ stacks, onUse }: { stacks: StackSensitivity; onUse: (framework: string) => void }) {
  return (
    <section className="panel table-scroll" aria-labelledby="h-stacks" data-testid="stack-panel">
      <h2 id="h-stacks">Software stack</h2>
      <p className="muted small" style={{ marginTop: 0 }}>
        This estimate uses <strong>{stacks.framework}</strong>
        {stacks.frameworkFrom === 'plan' ? ', as the plan states' : ", the GPU profile's default stack (the plan names none)"}. The
        same plan under each framework's kernels and recompute is {stacks.spread.toFixed(2)}× apart from fastest to slowest: state yours
        under Software stack above.
      </p>
      <table className="data">
        <thead>
          <tr><th scope="col">Framework</th><th scope="col" style={LEFT}>Attention</th><th scope="col" style={LEFT}>Element-wise</th><th scope="col" style={LEFT}>Selective recompute</th><th scope="col">Step</th><th scope="col">vs this</th><th scope="col">GPU-hours</th><th scope="col">Cost</th><th scope="col" /></tr>
        </thead>
        <tbody>
          {stacks.rows.map((r) => (
            <tr key={r.framework} data-testid={`stack-${r.framework}`} aria-current={r.applied ? 'true' : undefined}>
              <th scope="row">{r.applied ? <strong>{r.framework}</strong> : r.framework}</th>
              <td style={LEFT}>{r.attentionKernel}</td>
              <td style={LEFT}>{r.elementwiseKernels}</td>
              <td style={LEFT}>{r.selectiveRecompute}</td>
              <td>{fmtSeconds(r.stepSeconds)}</td>
              <td>{r.applied ? 'this estimate' : fmtSignedPct(r.stepRatio - 1)}</td>
              <td>{fmtCompact(r.gpuHours)}</td>
              <td>{fmtUsd(r.costUsd)}</td>
              <td>{r.applied ? null : <button type="button" className="btn small" onClick={() => onUse(r.framework)}>Use</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SaveStatus({ save, onLoadTheirs, onOverwrite }: { save: SaveState; onLoadTheirs: () => void; onOverwrite: () => void }) {
  if (save.kind === 'saved') return <p className="notice ok small" role="status" data-testid="save-status">Saved at {save.at}.</p>;
  if (save.kind === 'error') return <p className="notice error small" role="alert" data-testid="save-status">{save.text}</p>;
  if (save.kind === 'conflict') {
    return (
      <div className="notice error" role="alert" data-testid="save-conflict">
        <strong>Someone saved this plan after you opened it</strong> ({save.text}). Your changes are not saved.
        <div className="row" style={{ marginTop: '0.4rem' }}>
          <button type="button" className="btn small" onClick={onLoadTheirs}>Load their version</button>
          <button type="button" className="btn small" onClick={onOverwrite}>Overwrite with mine</button>
        </div>
      </div>
    );
  }
  return null;
}
