import type { Metadata } from 'next';
import { KeySettings } from '@/components/KeySettings';

export const metadata: Metadata = { title: 'API key' };

export default function SettingsPage() {
  return <KeySettings />;
}
