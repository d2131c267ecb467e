'use client';
/**
 * A catalog section (GPUs, links or models): every profile with its numbers and sources, and a form to add the
 * team's own profile (POST to the API, validated there by the same schema as the built-ins).
 */
import { useEffect, useState } from 'react';
import type { GpuProfile, LinkProfile, ModelPreset } from '@flopcast/engine';
import { useApi } from '@/components/ApiProvider';
import { ApiError, type ListedProfile, type ProfileKind } from '@/lib/api-client';
import { fmtCompact, fmtNumber } from '@/lib/format';
import type { CatalogLoad } from '@/lib/catalog-server';

export function CatalogView<K extends ProfileKind>({ kind, title, initial }: { kind: K; title: string; initial: CatalogLoad<K> }) {
  const { client, key, ready } = useApi();
  const [load, setLoad] = useState<CatalogLoad<K>>(initial);
  const [adding, setAdding] = useState(false);

  // With the browser's own key, list again so the team's profiles show.
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    client.listProfiles(kind).then(
      (items) => !cancelled && items.length > 0 && setLoad({ items, origin: 'api' }),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, kind, ready, key]);

  const reload = () => client.listProfiles(kind).then((items) => setLoad({ items, origin: 'api' }), () => undefined);
  const custom = load.items.filter((p) => p.builtin === false);

  return (
    <section className="stack" aria-labelledby={`h-${kind}`}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id={`h-${kind}`}>{title} <span className="muted small">({load.items.length}{custom.length ? `, ${custom.length} your team's` : ''})</span></h2>
        <button type="button" className="btn small" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>{adding ? 'Close' : `Add your own`}</button>
      </div>
      {load.origin === 'builtin' ? (
        <p className="notice" data-testid={`catalog-fallback-${kind}`}>
          Showing the engine&apos;s built-in catalog because the API could not be used: {load.reason}. Team profiles appear when the API answers.
        </p>
      ) : null}
      {adding ? <AddProfile kind={kind} template={load.items[0]} onAdded={() => { setAdding(false); void reload(); }} hasKey={Boolean(key)} /> : null}
      <div className="grid-list" data-testid={`catalog-${kind}`}>
        {load.items.map((p) => (
          <article className="panel" key={p.id}>
            <h3>{p.name} {p.builtin === false ? <span className="muted small">· your team</span> : null}</h3>
            <div className="muted small mono">{p.id}</div>
            {kind === 'gpus' ? <GpuFacts g={p as unknown as GpuProfile} /> : kind === 'links' ? <LinkFacts l={p as unknown as LinkProfile} /> : <ModelFacts m={p as unknown as ModelPreset} />}
            <Sources sources={(p as { sources?: Record<string, string> }).sources} />
          </article>
        ))}
      </div>
    </section>
  );
}

function GpuFacts({ g }: { g: GpuProfile }) {
  return (
    <dl className="kv">
      <dt>Dense BF16</dt><dd>{fmtNumber(g.peakTflops?.bf16)} TFLOP/s</dd>
      {g.peakTflops?.fp8 ? <><dt>Dense FP8</dt><dd>{fmtNumber(g.peakTflops.fp8)} TFLOP/s</dd></> : null}
      {g.peakTflops?.fp4 ? <><dt>Dense FP4</dt><dd>{fmtNumber(g.peakTflops.fp4)} TFLOP/s</dd></> : null}
      <dt>HBM</dt><dd>{fmtNumber(g.memoryGiB)} GiB · {fmtCompact(g.hbmBandwidthGBs)} GB/s</dd>
      <dt>Scale-up</dt><dd>{fmtNumber(g.scaleUpBandwidthGBs)} GB/s per direction</dd>
      <dt>TDP</dt><dd>{fmtNumber(g.tdpWatts)} W</dd>
      <dt>Price</dt><dd>${fmtNumber(g.usdPerGpuHour)}/GPU-h ({g.priceSnapshotDate})</dd>
      {g.defaults ? <><dt>Node</dt><dd>{g.defaults.gpusPerNode} GPUs · {g.defaults.intraNode} · {g.defaults.interNode}</dd></> : null}
    </dl>
  );
}

function LinkFacts({ l }: { l: LinkProfile }) {
  return (
    <dl className="kv">
      <dt>Kind</dt><dd>{l.kind}</dd>
      <dt>Bandwidth</dt><dd>{fmtNumber(l.bandwidthGBs)} GB/s {l.kind === 'scale-out' ? 'per NIC' : 'per GPU'}</dd>
      <dt>Latency</dt><dd>{fmtNumber(l.latencyUs)} µs</dd>
      <dt>Efficiency</dt><dd>{fmtNumber(l.efficiency * 100)} % of nominal</dd>
      <dt>Domain</dt><dd>{l.maxGpus === 0 ? 'unbounded' : `${l.maxGpus} GPUs`}</dd>
    </dl>
  );
}

function ModelFacts({ m }: { m: ModelPreset }) {
  const a = m.arch;
  return (
    <dl className="kv">
      <dt>Layers</dt><dd>{a.layers} · hidden {a.hiddenSize} · vocab {fmtCompact(a.vocabSize)}</dd>
      <dt>Attention</dt><dd>{a.attention.type === 'mla' ? `MLA, ${a.attention.heads} heads, KV rank ${a.attention.kvLoraRank}` : `GQA, ${a.attention.heads} heads / ${a.attention.kvHeads} KV`}</dd>
      <dt>FFN</dt><dd>{a.ffn.activation} {a.ffn.intermediateSize}</dd>
      {a.moe ? <><dt>MoE</dt><dd>{a.moe.routedExperts} routed + {a.moe.sharedExperts} shared, top-{a.moe.topK}, width {a.moe.expertIntermediateSize}</dd></> : null}
      {m.published?.totalParams ? <><dt>Params</dt><dd>{fmtCompact(m.published.totalParams)} total{m.published.activeParams ? `, ${fmtCompact(m.published.activeParams)} active` : ''}</dd></> : null}
    </dl>
  );
}

function Sources({ sources }: { sources?: Record<string, string> | undefined }) {
  const entries = Object.entries(sources ?? {});
  if (entries.length === 0) return <p className="small muted">No sources given.</p>;
  return (
    <details>
      <summary className="small">Sources ({entries.length})</summary>
      <ul className="sources">
        {entries.map(([field, cite]) => <li key={field}><code>{field}</code>: {cite}</li>)}
      </ul>
    </details>
  );
}

function AddProfile<K extends ProfileKind>({ kind, template, onAdded, hasKey }: { kind: K; template?: ListedProfile<K> | undefined; onAdded: () => void; hasKey: boolean }) {
  const start = template ? { ...template, id: `my-${template.id}`, name: `My ${template.name}` } : {};
  delete (start as { builtin?: unknown }).builtin;
  delete (start as { origin?: unknown }).origin;
  const [text, setText] = useState(JSON.stringify(start, null, 2));
  const [msg, setMsg] = useState<{ ok: boolean; text: string; errors?: Array<{ path: string; message: string }> } | undefined>(undefined);
  const { client } = useApi();
  const id = `add-${kind}`;
  async function submit() {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setMsg({ ok: false, text: `Not valid JSON: ${(e as Error).message}` });
      return;
    }
    try {
      await client.createProfile(kind, body);
      setMsg({ ok: true, text: 'Added.' });
      onAdded();
    } catch (e) {
      if (e instanceof ApiError) setMsg({ ok: false, text: `${e.problem.title ?? 'Rejected'} (${e.status})${e.problem.detail ? `: ${e.problem.detail}` : ''}`, errors: e.problem.errors });
      else setMsg({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  }
  return (
    <form className="panel" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={`Add a ${kind.slice(0, -1)} profile`}>
      <div className="field">
        <label htmlFor={id}>Profile JSON (same schema as the built-ins; every number needs a source under <code>sources</code>)</label>
        <textarea id={id} rows={16} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </div>
      {!hasKey ? <p className="notice small">Adding a profile needs an API key.</p> : null}
      {msg ? (
        <div className={`notice small ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
          {msg.errors?.length ? <ul>{msg.errors.map((e, i) => <li key={i}><code>{e.path}</code> {e.message}</li>)}</ul> : null}
        </div>
      ) : null}
      <div className="row" style={{ marginTop: '0.5rem' }}>
        <button type="submit" className="btn primary" disabled={!hasKey}>Add to the team catalog</button>
      </div>
    </form>
  );
}
