import type { Metadata } from 'next';
import { CatalogView } from '@/components/catalog/CatalogView';
import { loadCatalogServer } from '@/lib/catalog-server';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage() {
  const models = await loadCatalogServer('models');
  return (
    <div className="stack">
      <h1>Models</h1>
      <CatalogView kind="models" title="Model presets" initial={models} />
    </div>
  );
}
