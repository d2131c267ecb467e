import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TimelineOp } from '@flopcast/engine';
import { Gantt } from './Gantt';

describe('Gantt', () => {
  it('renders an accessible SVG with one bar per op and rank labels', () => {
    const ops: TimelineOp[] = [
      { rank: 0, op: 'F', microBatch: 0, chunk: 0, start: 0, end: 1 },
      { rank: 1, op: 'F', microBatch: 0, chunk: 0, start: 1, end: 2 },
      { rank: 1, op: 'B', microBatch: 0, chunk: 0, start: 2, end: 4 },
      { rank: 0, op: 'W', microBatch: 0, chunk: 1, start: 4, end: 5 },
    ];
    const html = renderToStaticMarkup(createElement(Gantt, { timeline: ops, title: '1F1B' }));
    expect(html).toMatch(/^<figure/);
    expect(html).toMatch(/role="img"/);
    expect(html).toMatch(/aria-label="1F1B: 2 pipeline ranks, 4 operations/);
    // 2 row backgrounds + 4 op bars
    expect(html.match(/<rect/g)).toHaveLength(6);
    expect(html).toContain('>PP1<');
    expect(html).toContain('Weight grad · micro-batch 0 · chunk 1');
  });
});
