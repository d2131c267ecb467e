import type { Metadata, Viewport } from 'next';
import './globals.css';
import { ApiProvider } from '@/components/ApiProvider';
import { Nav } from '@/components/Nav';
import { THEME_SCRIPT } from '@/components/ThemeToggle';
import { apiBase, readDevKey } from '@/lib/server-config';

export const metadata: Metadata = {
  title: { default: 'flopcast', template: '%s · flopcast' },
  description: 'Cost and capacity planner for large-model training runs',
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// API base and dev key are read per request (runtime env, embedded-mode key file).
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <ApiProvider base={apiBase()} devKey={readDevKey()}>
          <Nav />
          <main>{children}</main>
        </ApiProvider>
      </body>
    </html>
  );
}
