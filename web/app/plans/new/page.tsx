import type { Metadata } from 'next';
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { PlanBuilder } from '@/components/plan/PlanBuilder';
import { runEstimate } from '@/lib/engine';
import { initialPlan } from '@/lib/initial-plan';

export const metadata: Metadata = { title: 'Plan builder' };

/** Server component: estimates the initial plan so the HTML already carries the headline numbers. */
export default async function NewPlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const { doc, note } = initialPlan(query, BUILTIN_CATALOG);
  const outcome = runEstimate(doc);
  const k = JSON.stringify(query);
  return <PlanBuilder key={k} initialDoc={doc} initialOutcome={outcome} note={note} />;
}
