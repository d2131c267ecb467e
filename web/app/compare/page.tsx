import type { Metadata } from 'next';
import { CompareView } from '@/components/compare/CompareView';
import { ApiClient, type StoredPlan } from '@/lib/api-client';
import { parsePlanIds } from '@/lib/compare';
import { apiBase, readDevKey } from '@/lib/server-config';

export const metadata: Metadata = { title: 'Compare' };

/** Compare 2–10 saved plans. In embedded mode the server loads them, so the table is in the HTML. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const ids = parsePlanIds(Array.isArray(q.plans) ? q.plans.join(',') : q.plans).slice(0, 10);
  let initial: StoredPlan[] | undefined;
  const devKey = readDevKey();
  if (devKey && ids.length >= 2) {
    try {
      const api = new ApiClient({ base: apiBase(), key: devKey });
      initial = await Promise.all(ids.map((id) => api.getPlan(id)));
    } catch {
      initial = undefined;
    }
  }
  return <CompareView key={ids.join(',')} ids={ids} initial={initial} />;
}
