/**
 * Look up a number by dotted path ("throughput.mfu", "memory.stages.0.totalGiB") in a report or any object.
 * Returns undefined when the path does not exist or does not end at a finite number.
 */
export function getMetric(report: unknown, dottedPath: string): number | undefined {
  let cur: unknown = report;
  for (const key of dottedPath.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(key)] : (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'number' && Number.isFinite(cur) ? cur : undefined;
}
