'use client';
/**
 * 2–10 plans side by side: table of headline metrics with deltas against the first (baseline), grouped bars for
 * GPU-hours, cost, days and peak memory, and the scaling of each plan's shape with the GPU count.
 */
import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { useApi } from '@/components/ApiProvider';
import type { StoredPlan } from '@/lib/api-client';
import { COMPARE_METRICS, compareRows, groupedBars, scalingSeries, stackLabel, type MetricDef } from '@/lib/compare';
import { estimateOrThrow, runEstimate, type EstimateOutcome } from '@/lib/engine';
import { fmtSignedPct, fmtSigned } from '@/lib/format';
import type { PlanDocument } from '@/lib/plan-doc';
import { GroupedBarChart, ScalingChart } from './CompareCharts';

export function CompareView({ ids, initial }: { ids: string[]; initial?: StoredPlan[] | undefined }) {
  const { client, key, ready } = useApi();
  const [plans, setPlans] = useState<StoredPlan[] | undefined>(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  const [showScaling, setShowScaling] = useState(false);

  useEffect(() => {
    if (plans || ids.length < 2 || !ready) return;
    if (!key) {
      setError('Comparing saved plans needs an API key.');
      return;
    }
    let cancelled = false;
    Promise.all(ids.map((id) => client.getPlan(id))).then(
      (p) => !cancelled && setPlans(p),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, ids, key, ready, plans]);

  // Scaling series take a few estimates per plan: computed after first paint.
  useEffect(() => {
    if (!plans) return;
    const t = setTimeout(() => setShowScaling(true), 50);
    return () => clearTimeout(t);
  }, [plans]);

  const outcomes = useMemo<EstimateOutcome[] | undefined>(() => plans?.map((p) => runEstimate(p.plan)), [plans]);

  if (ids.length < 2) {
    return (
      <div className="stack">
        <h1>Compare plans</h1>
        <p className="notice">Pick 2 to 10 saved plans on the <Link href="/plans">plans page</Link>, or open <code>/compare?plans=id1,id2</code>.</p>
      </div>
    );
  }
  if (error) return <div className="stack"><h1>Compare plans</h1><p className="notice error" role="alert">{error} {!key ? <Link href="/settings">Add your key</Link> : null}</p></div>;
  if (!plans || !outcomes) return <div className="stack"><h1>Compare plans</h1><p className="muted" aria-busy="true">Loading {ids.length} plans…</p></div>;

  const okIdx = outcomes.map((o, i) => (o.ok ? i : -1)).filter((i) => i >= 0);
  const reports = okIdx.map((i) => (outcomes[i] as Extract<EstimateOutcome, { ok: true }>).report);
  const names = okIdx.map((i) => plans[i]!.name);
  const rows = compareRows(reports);
  const stacks = reports.map(stackLabel);
  const baselineOk = outcomes[0]?.ok === true;

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Compare {plans.length} plans</h1>
        <ShareLink />
      </div>
      {!baselineOk ? <p className="notice error" role="alert">The baseline plan ({plans[0]!.name}) is not valid; deltas are against the first valid plan.</p> : null}
      {outcomes.map((o, i) => (!o.ok ? (
        <p key={i} className="notice error" role="alert">{plans[i]!.name}: {o.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}</p>
      ) : null))}

      <section className="panel table-scroll" aria-labelledby="h-table">
        <h2 id="h-table">Headline numbers (Δ against {names[0]})</h2>
        <table className="data" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {okIdx.map((i, k) => (
                <th scope="col" key={i}>
                  <Link href={`/plans/${encodeURIComponent(plans[i]!.id)}`}>{plans[i]!.name}</Link>{k === 0 ? ' (baseline)' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.metric.key}>
                <th scope="row">{row.metric.label}</th>
                {row.cells.map((c, k) => (
                  <td key={k}>
                    <div>{row.metric.format(c.value)}</div>
                    {k > 0 ? (
                      <div className={`delta small ${c.better === true ? 'good' : c.better === false ? 'bad' : ''}`} data-testid="delta">
                        {fmtSigned(c.abs, row.metric.formatDelta ?? row.metric.format)} ({c.pct === undefined ? 'n/a' : fmtSignedPct(c.pct)})
                      </div>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Fits in memory</th>
              {reports.map((r, k) => <td key={k}>{r.memory.fits ? 'yes' : <span className="delta bad">no</span>}</td>)}
            </tr>
            <tr data-testid="compare-stack">
              <th scope="row">Software stack</th>
              {stacks.map((st, k) => (
                <td key={k}>{st.framework}{st.fromGpu ? <div className="muted small">GPU profile default</div> : null}</td>
              ))}
            </tr>
          </tbody>
        </table>
        {new Set(stacks.map((st) => st.framework)).size > 1 ? (
          <p className="notice small" role="note" data-testid="stack-differs">
            These plans are timed with different software stacks, so the deltas include the stack as well as the hardware and
            shape. Set <code>assumptions.framework</code> on each to compare like for like.
          </p>
        ) : null}
      </section>

      <section className="charts-2">
        {(['gpuHours', 'costUsd', 'wallClockDays', 'peakGiB'] as const).map((k) => {
          const m = COMPARE_METRICS.find((x) => x.key === k) as MetricDef;
          return (
            <div className="panel" key={k}>
              <h3>{m.label}</h3>
              <GroupedBarChart data={groupedBars(names, reports, m)} metric={m} capacity={k === 'peakGiB' ? reports.map((r) => r.memory.capacityGiB) : undefined} />
            </div>
          );
        })}
      </section>

      <section className="panel" aria-labelledby="h-scaling">
        <h2 id="h-scaling">Scaling with GPU count</h2>
        <p className="muted small" style={{ marginTop: 0 }}>
          Each plan&apos;s shape (TP, PP, CP, EP, batch) on ¼× to 4× its GPUs; the data-parallel degree follows. Points the engine rejects or that do not fit are left out.
        </p>
        {showScaling ? <Scaling plans={okIdx.map((i) => plans[i]!.plan)} names={names} /> : <p className="muted" aria-busy="true">Computing…</p>}
      </section>
    </div>
  );
}

function Scaling({ plans, names }: { plans: PlanDocument[]; names: string[] }) {
  const series = useMemo(() => plans.map((p) => scalingSeries(p, (x) => estimateOrThrow(x))), [plans]);
  return (
    <>
      <div className="charts-2">
        <ScalingChart series={series.map((s, i) => ({ name: names[i]!, points: s.points }))} y="tokensPerSecond" label="Throughput (tokens/s)" />
        <ScalingChart series={series.map((s, i) => ({ name: names[i]!, points: s.points }))} y="costUsd" label="Cost of the run (USD)" />
      </div>
      {series.some((s) => s.skipped.length > 0) ? (
        <details className="small muted">
          <summary>Points left out</summary>
          <ul>
            {series.flatMap((s, i) => s.skipped.map((k) => <li key={`${i}-${k.gpus}`}>{names[i]} at {k.gpus} GPUs: {k.reason}</li>))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function ShareLink() {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn"
      onClick={() => {
        void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true), () => setCopied(false));
      }}
    >
      {copied ? 'Link copied' : 'Copy link to this comparison'}
    </button>
  );
}
