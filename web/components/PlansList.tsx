'use client';
/** The team's saved plans; pick 2–10 to compare. */
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useApi } from './ApiProvider';
import type { StoredPlan } from '@/lib/api-client';

export function PlansList() {
  const { client, key, ready } = useApi();
  const router = useRouter();
  const [plans, setPlans] = useState<StoredPlan[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [picked, setPicked] = useState<string[]>([]);

  useEffect(() => {
    if (!ready || !key) return;
    let cancelled = false;
    client.listPlans().then(
      (p) => !cancelled && setPlans(p),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, key, ready]);

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length >= 10 ? p : [...p, id]));

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Plans</h1>
        <div className="row">
          <button type="button" className="btn" disabled={picked.length < 2} onClick={() => router.push(`/compare?plans=${picked.map(encodeURIComponent).join(',')}`)} data-testid="compare-picked">
            Compare {picked.length >= 2 ? picked.length : ''} selected
          </button>
          <Link className="btn primary" href="/plans/new">New plan</Link>
        </div>
      </div>
      {ready && !key ? <p className="notice">Listing plans needs an API key. <Link href="/settings">Add your key</Link>.</p> : null}
      {error ? <p className="notice error" role="alert">Could not list plans: {error}</p> : null}
      {key && !plans && !error ? <p className="muted" aria-busy="true">Loading…</p> : null}
      {plans && plans.length === 0 ? <p className="muted">No saved plans yet. Build one in the <Link href="/plans/new">plan builder</Link> and save it.</p> : null}
      {plans && plans.length > 0 ? (
        <div className="panel table-scroll">
          <table className="data" data-testid="plans-table">
            <caption className="sr-only">Saved plans; tick 2 to 10 to compare</caption>
            <thead>
              <tr><th scope="col">Compare</th><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Version</th><th scope="col">Updated</th></tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <td><input type="checkbox" aria-label={`Compare ${p.name}`} checked={picked.includes(p.id)} onChange={() => toggle(p.id)} /></td>
                  <td><Link href={`/plans/${encodeURIComponent(p.id)}`}>{p.name}</Link></td>
                  <td className="mono small">{p.id.slice(0, 8)}</td>
                  <td>{p.version}</td>
                  <td>{p.updatedAt ? new Date(p.updatedAt).toLocaleString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
