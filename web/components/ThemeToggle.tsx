'use client';
/** Cycles the colour theme: follow the system → light → dark. Stored in localStorage "flopcast.theme". */
import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const KEY = 'flopcast.theme';

/** Inline script for <head>: applies the stored theme before first paint (no flash). */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const t = document.documentElement.dataset.theme;
    setTheme(t === 'light' || t === 'dark' ? t : 'system');
  }, []);
  const next: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
  const apply = () => {
    const t = next[theme];
    setTheme(t);
    try {
      if (t === 'system') {
        delete document.documentElement.dataset.theme;
        localStorage.removeItem(KEY);
      } else {
        document.documentElement.dataset.theme = t;
        localStorage.setItem(KEY, t);
      }
    } catch {
      /* storage blocked */
    }
  };
  const label = theme === 'system' ? 'Theme: system' : theme === 'light' ? 'Theme: light' : 'Theme: dark';
  return (
    <button type="button" className="btn small" onClick={apply} aria-label={`${label}. Switch theme`} data-testid="theme-toggle">
      {theme === 'system' ? '◐' : theme === 'light' ? '☀' : '☾'} {label.replace('Theme: ', '')}
    </button>
  );
}
