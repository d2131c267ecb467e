/** Progress bar for long-running commands (search), drawn on stderr only when it is a terminal. */
import type { Io } from '../io.js';

/** A progress bar on stderr, redrawn at most every 100 ms; no-op unless stderr is a TTY. */
export function progressBar(io: Pick<Io, 'stderr'>, clock: () => number = Date.now): { update(done: number, total: number): void; clear(): void } | undefined {
  if (!io.stderr.isTTY) return undefined;
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = clock();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(frac * width);
      io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} candidates (${Math.round(frac * 100)}%)`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr.write('\r\u001b[2K');
    },
  };
}
