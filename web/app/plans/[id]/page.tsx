import type { Metadata } from 'next';
import { PlanBuilder } from '@/components/plan/PlanBuilder';
import { StoredPlanLoader } from '@/components/plan/StoredPlanLoader';
import { ApiClient, type StoredPlan } from '@/lib/api-client';
import { runEstimate } from '@/lib/engine';
import { apiBase, readDevKey } from '@/lib/server-config';

export const metadata: Metadata = { title: 'Plan' };

/**
 * A stored plan. In embedded mode (local dev key on this machine) the server fetches and estimates it so the HTML
 * has the numbers; otherwise the browser loads it with the user's key.
 */
export default async function StoredPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const devKey = readDevKey();
  let stored: StoredPlan | undefined;
  if (devKey) {
    try {
      stored = await new ApiClient({ base: apiBase(), key: devKey }).getPlan(id);
    } catch {
      stored = undefined; // the browser tries again with its own key and shows the error
    }
  }
  if (stored) {
    return (
      <PlanBuilder
        key={`${stored.id}@${stored.version}`}
        initialDoc={stored.plan}
        initialOutcome={runEstimate(stored.plan)}
        stored={{ id: stored.id, version: stored.version }}
      />
    );
  }
  return <StoredPlanLoader id={id} />;
}
