'use client';
/** Loads a stored plan in the browser with the user's key, then opens it in the builder. */
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { useApi } from '@/components/ApiProvider';
import type { StoredPlan } from '@/lib/api-client';
import { runEstimate } from '@/lib/engine';
import { PlanBuilder } from './PlanBuilder';

export function StoredPlanLoader({ id }: { id: string }) {
  const { client, key, ready } = useApi();
  const [state, setState] = useState<{ plan?: StoredPlan; error?: string }>({});
  useEffect(() => {
    if (!ready) return;
    if (!key) {
      setState({ error: 'no-key' });
      return;
    }
    let cancelled = false;
    client.getPlan(id).then(
      (plan) => !cancelled && setState({ plan }),
      (e: unknown) => !cancelled && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, id, key, ready]);
  if (state.error === 'no-key') {
    return <p className="notice">Opening a saved plan needs an API key. <Link href="/settings">Add your key</Link>.</p>;
  }
  if (state.error) return <p className="notice error" role="alert">Could not load plan <code>{id}</code>: {state.error}</p>;
  if (!state.plan) return <p className="muted" aria-busy="true">Loading plan {id}…</p>;
  return (
    <PlanBuilder
      key={`${state.plan.id}@${state.plan.version}`}
      initialDoc={state.plan.plan}
      initialOutcome={runEstimate(state.plan.plan)}
      stored={{ id: state.plan.id, version: state.plan.version }}
    />
  );
}
