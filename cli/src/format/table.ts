/** Plain-text aligned tables for the terminal. */
import { visibleWidth } from './style.js';

export type Align = 'left' | 'right';

/** Renders rows as aligned columns separated by two spaces; `align` per column (default left). */
export function renderTable(headers: string[], rows: string[][], align: Align[] = [], indent = ''): string {
  const cols = headers.length;
  const widths = headers.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    indent +
    cells
      .slice(0, cols)
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - visibleWidth(c)));
        return align[i] === 'right' ? pad + c : i === cols - 1 ? c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/** Escapes a cell for a GitHub-flavoured markdown table. */
export function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Renders a GitHub-flavoured markdown table. */
export function renderMarkdownTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const sep = headers.map((_, i) => (align[i] === 'right' ? '--:' : '---'));
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(headers), `|${sep.join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}
