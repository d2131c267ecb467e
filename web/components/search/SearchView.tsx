'use client';
/**
 * Explore: constraints in, the Pareto frontier (cost vs days) out, as a scatter chart and a table.
 * Clicking a point (or "Open") opens that plan in the builder. The search runs in the API (POST /v1/search).
 */
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { BUILTIN_CATALOG, lookupId, type PrecisionId } from '@flopcast/engine';
import { useApi } from '@/components/ApiProvider';
import { CheckField, NumberField, SelectField } from '@/components/plan/fields';
import { ApiError } from '@/lib/api-client';
import { placeErrors } from '@/lib/field-errors';
import { fmtCompact, fmtDays, fmtGiB, fmtPct, fmtUsd } from '@/lib/format';
import { encodePlanParam } from '@/lib/plan-doc';
import { buildSearchSpec, frontierPoints, recomputeLabel, type SearchOutput } from '@/lib/search';
import { FrontierChart } from './FrontierChart';

const GPUS = Object.values(BUILTIN_CATALOG.gpus);

export function SearchView() {
  const { client } = useApi();
  const router = useRouter();
  const [model, setModel] = useState('deepseek-v3');
  const [nums, setNums] = useState<Record<string, unknown>>({ tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, deadlineDays: undefined, budgetUsd: undefined, maxGpus: 4096, memoryHeadroomPct: 5 });
  const [precision, setPrecision] = useState<PrecisionId | undefined>('fp8');
  const [framework, setFramework] = useState<string | undefined>(undefined);
  const [moeLayerRecompute, setMoeLayerRecompute] = useState(false);
  const moe = Boolean(lookupId(BUILTIN_CATALOG.models, model)?.arch.moe);
  const [picked, setPicked] = useState<Record<string, unknown>>({ 'h800-sxm': 4096, 'h100-sxm': 4096 });
  const [result, setResult] = useState<SearchOutput | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Array<{ path: string; code: string; message: string }>>([]);

  const n = (k: string) => (typeof nums[k] === 'number' ? (nums[k] as number) : undefined);
  const paths = ['model', 'training.tokens', 'training.sequenceLength', 'training.globalBatchSize', 'constraints.maxGpus', 'constraints.deadlineDays', 'constraints.budgetUsd', 'constraints.memoryHeadroomPct', 'fixed.precision', 'fixed.assumptions.framework', 'space.recomputeModules', 'candidates'];
  const placed = placeErrors(fieldErrors, paths);
  const E = placed.byField;

  async function run() {
    setBusy(true);
    setError(undefined);
    setFieldErrors([]);
    const spec = buildSearchSpec({
      model,
      tokens: n('tokens') ?? Number.NaN,
      sequenceLength: n('sequenceLength') ?? Number.NaN,
      globalBatchSize: n('globalBatchSize') ?? Number.NaN,
      candidates: Object.entries(picked).filter(([, v]) => v !== undefined).map(([gpu, v]) => ({ gpu, maxGpus: typeof v === 'number' ? v : Number.NaN })),
      precision,
      framework,
      maxGpus: n('maxGpus'),
      deadlineDays: n('deadlineDays'),
      budgetUsd: n('budgetUsd'),
      memoryHeadroomPct: n('memoryHeadroomPct'),
      moeLayerRecompute: moe && moeLayerRecompute,
    });
    try {
      const t0 = performance.now();
      const out = await client.search<SearchOutput>(spec);
      if (out.stats && !out.stats.seconds) out.stats.seconds = (performance.now() - t0) / 1000;
      setResult(out);
    } catch (e) {
      setResult(undefined);
      if (e instanceof ApiError) {
        setFieldErrors((e.problem.errors ?? []).map((x) => ({ ...x, path: x.path.replace(/^\//, '').replace(/\//g, '.').replace(/\.(\d+)\..*$/, '') })));
        setError(`${e.problem.title ?? 'Search failed'} (${e.status})${e.problem.detail ? `: ${e.problem.detail}` : ''}`);
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const points = result ? frontierPoints(result) : [];
  const open = (i: number) => {
    const e = result?.frontier[i];
    if (e) router.push(`/plans/new?plan=${encodePlanParam(e.plan)}`);
  };

  return (
    <div className="builder">
      <form className="plan-form panel" aria-label="Search constraints" onSubmit={(e) => { e.preventDefault(); void run(); }} noValidate>
        <fieldset>
          <legend>What to train</legend>
          <div className="fields">
            <SelectField<string> path="model" label="Model" wide value={model} errors={E.model} options={Object.values(BUILTIN_CATALOG.models).map((m) => ({ value: m.id, label: m.name }))} onChange={(x) => x && setModel(x)} />
            <NumberField path="training.tokens" label="Tokens" value={nums.tokens} errors={E['training.tokens']} onChange={(x) => setNums({ ...nums, tokens: x })} />
            <NumberField path="training.sequenceLength" label="Sequence length" value={nums.sequenceLength} errors={E['training.sequenceLength']} onChange={(x) => setNums({ ...nums, sequenceLength: x })} />
            <NumberField path="training.globalBatchSize" label="Global batch" value={nums.globalBatchSize} errors={E['training.globalBatchSize']} onChange={(x) => setNums({ ...nums, globalBatchSize: x })} />
            <SelectField<string> path="fixed.precision" label="Precision" value={precision} errors={E['fixed.precision']} options={[{ value: '', label: 'search all' }, { value: 'bf16', label: 'BF16' }, { value: 'fp8', label: 'FP8' }, { value: 'fp8-tensorwise', label: 'FP8 tensorwise' }]} onChange={(x) => setPrecision(x as PrecisionId | undefined)} />
            <SelectField<string>
              path="fixed.assumptions.framework" label="Software stack" value={framework ?? ''} errors={E['fixed.assumptions.framework']}
              options={[
                { value: '', label: "each GPU's default" },
                { value: 'megatron-core', label: 'Megatron-Core / NeMo' },
                { value: 'torchtitan', label: 'torchtitan, eager' },
                { value: 'torchtitan-compile', label: 'torchtitan + compile' },
                { value: 'generic', label: 'generic' },
              ]}
              hint="One stack for every GPU compares hardware like for like; each GPU's default is PyTorch-native eager on H100 / H200"
              onChange={(x) => setFramework(x || undefined)}
            />
            {moe ? (
              <CheckField
                path="space.recomputeModules" label="Also try re-running whole MoE layers (recompute modules layernorm, moe)" wide
                value={moeLayerRecompute} errors={E['space.recomputeModules']}
                onChange={setMoeLayerRecompute}
              />
            ) : null}
          </div>
        </fieldset>
        <fieldset>
          <legend>Hardware (tick and set the most GPUs)</legend>
          <div className="fields">
            {GPUS.map((g) => {
              const on = picked[g.id] !== undefined;
              return (
                <div className="field wide" key={g.id}>
                  <div className="row" style={{ flexWrap: 'nowrap' }}>
                    <input type="checkbox" id={`cand-${g.id}`} checked={on} onChange={(e) => setPicked((p) => { const q = { ...p }; if (e.target.checked) q[g.id] = 1024; else delete q[g.id]; return q; })} />
                    <label htmlFor={`cand-${g.id}`} style={{ flex: 1, color: 'var(--fg)' }}>{g.name}</label>
                    {on ? (
                      <input type="text" inputMode="numeric" aria-label={`Most ${g.name} GPUs`} style={{ width: '6rem' }} value={String(picked[g.id] ?? '')} onChange={(e) => { const v = Number(e.target.value); setPicked((p) => ({ ...p, [g.id]: Number.isFinite(v) && e.target.value.trim() !== '' ? v : e.target.value })); }} />
                    ) : null}
                  </div>
                </div>
              );
            })}
            {E.candidates ? <span className="field-error wide" role="alert">{E.candidates.map((e) => e.message).join('; ')}</span> : null}
          </div>
        </fieldset>
        <fieldset>
          <legend>Constraints</legend>
          <div className="fields">
            <NumberField path="constraints.maxGpus" label="Max GPUs" optional value={nums.maxGpus} errors={E['constraints.maxGpus']} onChange={(x) => setNums({ ...nums, maxGpus: x })} />
            <NumberField path="constraints.deadlineDays" label="Deadline (days)" optional value={nums.deadlineDays} errors={E['constraints.deadlineDays']} onChange={(x) => setNums({ ...nums, deadlineDays: x })} />
            <NumberField path="constraints.budgetUsd" label="Budget (USD)" optional value={nums.budgetUsd} errors={E['constraints.budgetUsd']} onChange={(x) => setNums({ ...nums, budgetUsd: x })} />
            <NumberField path="constraints.memoryHeadroomPct" label="Memory headroom %" optional value={nums.memoryHeadroomPct} errors={E['constraints.memoryHeadroomPct']} onChange={(x) => setNums({ ...nums, memoryHeadroomPct: x })} />
          </div>
        </fieldset>
        <button type="submit" className="btn primary" disabled={busy} data-testid="run-search">{busy ? 'Searching…' : 'Find the frontier'}</button>
      </form>

      <div className="stack">
        <h1>Explore plans</h1>
        <p className="muted" style={{ marginTop: 0 }}>
          Every plan on the frontier is the cheapest for its duration: none is both cheaper and faster. Click a point to open it in the plan builder.
        </p>
        {error ? <div className="notice error" role="alert">{error}{placed.unplaced.length ? <ul>{placed.unplaced.map((e, i) => <li key={i}><code>{e.path}</code> {e.message}</li>)}</ul> : null}</div> : null}
        {result ? (
          <>
            <p className="small muted" data-testid="search-stats">
              {result.frontier.length} plans on the frontier
              {result.stats ? ` · ${fmtCompact(result.stats.generated ?? 0)} candidates generated, ${fmtCompact(result.stats.evaluated ?? 0)} fully evaluated${result.stats.feasible !== undefined ? `, ${fmtCompact(result.stats.feasible)} feasible` : ''}${result.stats.seconds ? ` in ${result.stats.seconds.toFixed(2)} s` : ''}` : ''}
              {result.stats?.pruned ? ` · pruned: ${Object.entries(result.stats.pruned).map(([k, v]) => `${k} ${fmtCompact(v)}`).join(', ')}` : ''}
              {result.stats?.complete === false ? ' · stopped early by a limit' : ''}
            </p>
            {points.length > 0 ? (
              <section className="panel">
                <FrontierChart points={points} onPick={open} />
              </section>
            ) : <p className="notice">No plan meets these constraints. Loosen the deadline, budget or GPU limits.</p>}
            {points.length > 0 ? (
              <section className="panel table-scroll">
                <table className="data" data-testid="frontier-table">
                  <caption className="sr-only">Pareto frontier plans</caption>
                  <thead><tr><th scope="col">Plan</th><th scope="col">Cost</th><th scope="col">Days</th><th scope="col">GPU-hours</th><th scope="col">Peak memory</th><th scope="col">MFU</th><th scope="col">Parallelism</th><th scope="col" /></tr></thead>
                  <tbody>
                    {result.frontier.map((e, i) => {
                      const par = (e.plan.parallelism ?? {}) as Record<string, unknown>;
                      return (
                        <tr key={i}>
                          <td>{e.summary.gpus} × {e.summary.gpu}{points[i]?.best.length ? <span className="muted small"> ({points[i]!.best.join(', ')})</span> : null}</td>
                          <td>{fmtUsd(e.summary.costUsd)}</td>
                          <td>{fmtDays(e.summary.wallClockDays)}</td>
                          <td>{fmtCompact(e.summary.gpuHours)}</td>
                          <td>{fmtGiB(e.summary.peakGiB)}</td>
                          <td>{fmtPct(e.summary.mfu)}</td>
                          <td className="mono small">TP{String(par.tensor ?? 1)} PP{String(par.pipeline ?? 1)} EP{String(par.expert ?? 1)} {String(par.schedule ?? '')} ZeRO{String(par.zero ?? '')} · recompute {recomputeLabel(par)}</td>
                          <td><Link href={`/plans/new?plan=${encodePlanParam(e.plan)}`}>Open</Link></td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
            ) : null}
          </>
        ) : !error ? <p className="muted">Set the constraints and run the search.</p> : null}
      </div>
    </div>
  );
}
