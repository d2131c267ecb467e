import type { Metadata } from 'next';
import { PlansList } from '@/components/PlansList';

export const metadata: Metadata = { title: 'Plans' };

export default function PlansPage() {
  return <PlansList />;
}
