'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useApi } from './ApiProvider';
import { ThemeToggle } from './ThemeToggle';

const LINKS: Array<[string, string]> = [
  ['/plans/new', 'Plan builder'],
  ['/plans', 'Plans'],
  ['/compare', 'Compare'],
  ['/search', 'Explore'],
  ['/hardware', 'Hardware'],
  ['/models', 'Models'],
  ['/accuracy', 'Accuracy'],
  ['/settings', 'API key'],
];

export function Nav() {
  const pathname = usePathname();
  const { keySource, ready } = useApi();
  const keyText = !ready ? '' : keySource === 'browser' ? 'key: yours' : keySource === 'dev' ? 'key: local dev' : 'no API key';
  return (
    <header className="site-header">
      <Link href="/" className="brand">flopcast</Link>
      <nav aria-label="Main">
        {LINKS.map(([href, label]) => (
          <Link key={href} href={href} aria-current={pathname === href ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <span className="spacer" />
      <Link href="/settings" className="key-status" data-testid="key-status">{keyText}</Link>
      <ThemeToggle />
    </header>
  );
}
