import Link from 'next/link';
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { presetRunIds } from '@/lib/presets';

export default function Home() {
  const runs = presetRunIds();
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>flopcast</h1>
      <p>Cost and capacity planner for large-model training: how many GPU-hours, days and dollars a run takes, whether it fits in memory, and where each step&apos;s time goes.</p>
      <div className="grid-list">
        <Link className="panel" href="/plans/new?preset=deepseek-v3"><strong>DeepSeek-V3 on 2048 H800</strong><br /><span className="muted">The published run: DualPipe, EP64, FP8.</span></Link>
        <Link className="panel" href="/plans"><strong>Your team&apos;s plans</strong><br /><span className="muted">Saved plans, compare them side by side.</span></Link>
        <Link className="panel" href="/search"><strong>Explore</strong><br /><span className="muted">Cheapest and fastest plans under your constraints.</span></Link>
        <Link className="panel" href="/hardware"><strong>Hardware catalog</strong><br /><span className="muted">GPUs and links with their sources.</span></Link>
      </div>
      <section className="panel">
        <h2>Start from a model</h2>
        <ul>
          {Object.values(BUILTIN_CATALOG.models).map((m) => (
            <li key={m.id}>
              <Link href={`/plans/new?preset=${encodeURIComponent(m.id)}`}>{m.name}</Link>
              {runs.includes(m.id) ? <span className="muted small"> — published run</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
