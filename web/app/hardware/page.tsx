import type { Metadata } from 'next';
import { CatalogView } from '@/components/catalog/CatalogView';
import { loadCatalogServer } from '@/lib/catalog-server';

export const metadata: Metadata = { title: 'Hardware' };

export default async function HardwarePage() {
  const [gpus, links] = await Promise.all([loadCatalogServer('gpus'), loadCatalogServer('links')]);
  return (
    <div className="stack">
      <h1>Hardware</h1>
      <CatalogView kind="gpus" title="GPUs" initial={gpus} />
      <CatalogView kind="links" title="Links" initial={links} />
    </div>
  );
}
