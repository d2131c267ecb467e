import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stderr: { isTTY, write: (t: string) => void writes.push(t) } };
}

describe('progressBar', () => {
  it('is absent when stderr is not a terminal', () => {
    expect(progressBar(stream(false))).toBeUndefined();
  });

  it('redraws in place at most every 100 ms, always draws 100%, and clears the line', () => {
    const s = stream(true);
    let t = 0;
    const bar = progressBar(s, () => t)!;
    t = 1000;
    bar.update(10, 40);
    t = 1050;
    bar.update(20, 40); // within 100 ms: skipped
    t = 1060;
    bar.update(40, 40); // complete: always drawn
    bar.clear();
    expect(s.writes).toEqual([
      `\r[${'#'.repeat(8)}${'.'.repeat(22)}] 10/40 candidates (25%)`,
      `\r[${'#'.repeat(30)}] 40/40 candidates (100%)`,
      '\r\u001b[2K',
    ]);
  });
});
